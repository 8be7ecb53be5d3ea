import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { CallStreams } from '../call-streams';
import type { RecordingCopyScheduler } from '../callbacks/callback-routes';
import type { Logger } from '../../../platform/logging/create-logger';
import { recordingKey, type RecordingStorage } from './recording-storage';
import { retrying, type RetryPolicy } from '../../../platform/timing/retry-policy';

export const DEFAULT_COPY_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 2_000, maxDelayMs: 60_000 };

export interface RecordingCopierDeps {
  storage: RecordingStorage;
  calls: CallStreams;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  retry?: Partial<RetryPolicy>;
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
  private readonly retry: RetryPolicy;
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
    const stopping = this.stopping.signal;
    let attempts = 0;
    try {
      await retrying(
        (attempt) => {
          attempts = attempt;
          return this.copyAndMarkStored(job);
        },
        {
          policy: this.retry,
          isRetryable: (error) => !(error instanceof PermanentCopyError) && !stopping.aborted,
          onRetry: ({ error, retry, delayMs }) =>
            this.deps.logger.warn(
              { ...log, attempt: retry, retryInMs: delayMs, err: error },
              'recording copy failed; retrying',
            ),
          // Closing cuts the wait short; the attempt that follows is then the last.
          signal: stopping,
        },
      );
    } catch (error) {
      this.deps.logger.error({ ...log, attempt: attempts, err: error }, 'recording copy gave up');
      const message = error instanceof Error ? error.message : String(error);
      if (!stopping.aborted) await this.recordFailure(job, attempts, message);
    }
  }

  private async copyAndMarkStored(job: CopyJob): Promise<void> {
    const stored = await this.copyOnce(job);
    await this.deps.calls.execute(
      job.callSid,
      {
        type: 'MarkRecordingStored',
        data: {
          callSid: job.callSid,
          recordingSid: job.recordingSid,
          storageKey: stored.key,
          contentType: stored.contentType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
        },
      },
      'system',
      job.correlationId,
    );
    this.deps.logger.info(
      { callSid: job.callSid, recordingSid: job.recordingSid, sizeBytes: stored.sizeBytes },
      'recording copied into storage',
    );
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
      await this.deps.calls.execute(
        job.callSid,
        {
          type: 'MarkRecordingCopyFailed',
          data: { callSid: job.callSid, recordingSid: job.recordingSid, attempts, message: message.slice(0, 500) },
        },
        'system',
        job.correlationId,
      );
    } catch (error) {
      this.deps.logger.error({ callSid: job.callSid, err: error }, 'could not record the failed recording copy');
    }
  }
}
