/** Checks that ids a request refers to belong to the calling account (Telnyx answers 422 otherwise). */
import type { OperationContext } from './serve-operation';
import { fieldText } from './records';
import { invalid } from './telnyx-errors';

export function requireOwnedVoiceProfile(
  ctx: Pick<OperationContext<unknown>, 'account' | 'state'>,
  id: unknown,
  pointer: string,
): void {
  if (id === undefined || id === null || id === '') return;
  if (!ctx.state.get(ctx.account.id, 'outbound_voice_profile', fieldText(id))) {
    throw invalid(pointer, `Outbound voice profile ${fieldText(id)} was not found on this account.`);
  }
}

/** A connection id as phone numbers and number orders use it: a TeXML application or a credential connection. */
export function ownedConnectionName(
  ctx: Pick<OperationContext<unknown>, 'account' | 'state'>,
  id: string,
  pointer: string,
): string {
  const app = ctx.state.get(ctx.account.id, 'texml_application', id);
  if (app) return fieldText(app['friendly_name']);
  const connection = ctx.state.get(ctx.account.id, 'credential_connection', id);
  if (connection) return fieldText(connection['connection_name']);
  throw invalid(pointer, `Connection ${id} was not found on this account.`);
}
