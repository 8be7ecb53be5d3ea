import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { CallStreams } from '../call-streams';
import type { RecordingCopyScheduler } from '../callbacks/callback-routes';
import type { Logger } from '../../../platform/logging/create-logger';
import { recordingKey, type RecordingStorage } from './recording-storage';
import { abortableSleep } from '../../../platform/timing/abortable-sleep';

export interface CopyRetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_COPY_RETRY: CopyRetryPolicy = { attempts: 6, baseDelayMs: 2_000, maxDelayMs: 60_000 };

export interface RecordingCopierDeps {
  storage: RecordingStorage;
  calls: CallStreams;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  retry?: Partial<CopyRetryPolicy>;
  fetch?: typeof fetch;
}

interface CopyJob {
  callSid: string;
  recordingSid: string;
  sourceUrl: string;
  correlationId?: string;
}

/** An answer from Telnyx that retrying will not change (the URL expired or never existed). */
class PermanentCopyError extends Error {}

/**
 * Copies recordings from Telnyx's short-lived URLs into our storage, in the background: the
 * callback's event is already stored, so a slow or failing copy never loses it. Failures are retried
 * with exponential backoff; when the copy gives up, `RecordingCopyFailed` says why.
 */
export class RecordingCopier implements RecordingCopyScheduler {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly retry: CopyRetryPolicy;
  private readonly fetch: typeof fetch;

  constructor(private readonly deps: RecordingCopierDeps) {
    this.retry = { ...DEFAULT_COPY_RETRY, ...deps.retry };
    this.fetch = deps.fetch ?? fetch;
  }

  schedule(job: CopyJob): void {
    if (this.stopping.signal.aborted || this.inFlight.has(job.recordingSid)) return;
    const run = this.copyWithRetries(job).finally(() => this.inFlight.delete(job.recordingSid));
    this.inFlight.set(job.recordingSid, run);
  }

  /** Resolves when every copy started so far has finished (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Stops waiting between retries and lets running attempts end. */
  async close(): Promise<void> {
    this.stopping.abort();
    await this.idle();
  }

  private async copyWithRetries(job: CopyJob): Promise<void> {
    const log = { callSid: job.callSid, recordingSid: job.recordingSid };
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = await this.copyOnce(job);
        await this.deps.calls.execute(job.callSid, {
          type: 'MarkRecordingStored',
          data: {
            callSid: job.callSid,
            recordingSid: job.recordingSid,
            storageKey: stored.key,
            contentType: stored.contentType,
            sizeBytes: stored.sizeBytes,
            sha256: stored.sha256,
          },
        }, 'system', job.correlationId);
        this.deps.logger.info({ ...log, sizeBytes: stored.sizeBytes }, 'recording copied into storage');
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const giveUp = error instanceof PermanentCopyError || attempt >= this.retry.attempts || this.stopping.signal.aborted;
        if (giveUp) {
          this.deps.logger.error({ ...log, attempt, err: error }, 'recording copy gave up');
          if (!this.stopping.signal.aborted) await this.recordFailure(job, attempt, message);
          return;
        }
        const delayMs = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
        this.deps.logger.warn({ ...log, attempt, retryInMs: delayMs, err: error }, 'recording copy failed; retrying');
        await abortableSleep(delayMs, this.stopping.signal);
      }
    }
  }

  private async copyOnce(job: CopyJob) {
    const response = await this.fetch(job.sourceUrl, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      const message = `Telnyx answered ${response.status} for the recording`;
      if ([401, 403, 404, 410].includes(response.status)) throw new PermanentCopyError(message);
      throw new Error(message);
    }
    const contentType = response.headers.get('content-type')?.split(';')[0]?.trim() || 'audio/wav';
    const audio = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    return this.deps.storage.save(recordingKey(job.callSid, job.recordingSid, contentType), audio, contentType);
  }

  private async recordFailure(job: CopyJob, attempts: number, message: string): Promise<void> {
    try {
      await this.deps.calls.execute(job.callSid, {
        type: 'MarkRecordingCopyFailed',
        data: { callSid: job.callSid, recordingSid: job.recordingSid, attempts, message: message.slice(0, 500) },
      }, 'system', job.correlationId);
    } catch (error) {
      this.deps.logger.error({ callSid: job.callSid, err: error }, 'could not record the failed recording copy');
    }
  }
}
