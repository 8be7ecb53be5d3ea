/**
 * Metadata carried by every event in the store. It answers "who did this, when, and why":
 * `correlationId` ties together everything caused by one request or webhook, `causationId`
 * names the event or command that directly caused this one.
 */
export interface EventMetadata {
  correlationId: string;
  causationId: string | null;
  /** `user:{id}`, `system`, `telnyx` (a verified webhook) or `cli`. */
  actor: string;
  /** ISO-8601 time at which the fact happened (not when it was stored). */
  occurredAt: string;
  /** Version of the event's data schema, bumped when its shape changes. */
  schemaVersion: number;
  /** Adapters and later features may add fields (e.g. a tamper-evidence hash). */
  [extra: string]: unknown;
}
