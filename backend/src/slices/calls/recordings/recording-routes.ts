import { Type } from '@sinclair/typebox';
import { CallHistoryEntryEntity } from '@curbe-voice/projections/read-models/call-history';
import type { MikroORM } from '@mikro-orm/core';
import type { SlicePlugin } from '../../../platform/http/slice-plugin';
import type { RecordingStorage } from './recording-storage';
import { requireUser } from '../../../platform/sessions/session-user';
import { callAccess } from '../history/call-visibility';

const CallParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

/**
 * `GET /api/calls/:id/recording`: the call's audio from our own storage (Telnyx's URL may long have
 * expired), for the agent the call belongs to and the account's auditors only.
 */
export const recordingRoutes: SlicePlugin<{ readModels: MikroORM; recordings: RecordingStorage }> = async (
  app,
  { deps },
) => {
  app.get('/api/calls/:id/recording', { schema: { params: CallParams } }, async (request, reply) => {
    const user = requireUser(request);
    const row = await deps.readModels.em.fork().findOne(CallHistoryEntryEntity, { callSid: request.params.id });
    const access = callAccess(user, row);
    if (access === 'not_found')
      return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'No such call' });
    if (access === 'forbidden')
      return reply
        .code(403)
        .send({ statusCode: 403, error: 'Forbidden', message: 'This call belongs to another agent' });
    if (!row!.recordingSid)
      return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'This call has no recording' });
    if (row!.recordingPurgedAt) {
      return reply.code(410).send({
        statusCode: 410,
        error: 'Gone',
        message: `The recording was deleted on ${row!.recordingPurgedAt} under the retention policy`,
      });
    }
    const audio = row!.recordingStorageKey ? await deps.recordings.open(row!.recordingStorageKey) : null;
    if (!audio) {
      const message = row!.recordingCopyFailed
        ? 'The recording could not be copied from Telnyx'
        : 'The recording is still being copied; try again in a moment';
      return reply.code(row!.recordingCopyFailed ? 410 : 409).send({
        statusCode: row!.recordingCopyFailed ? 410 : 409,
        error: row!.recordingCopyFailed ? 'Gone' : 'Conflict',
        message,
      });
    }
    return reply
      .header('content-type', row!.recordingContentType ?? 'audio/wav')
      .header('content-length', String(audio.sizeBytes))
      .header(
        'content-disposition',
        `inline; filename="${row!.recordingSid.replace(/[^A-Za-z0-9._-]/g, '_')}${extensionOf(row!.recordingStorageKey)}"`,
      )
      .header('cache-control', 'private, no-store')
      .send(audio.stream);
  });
};

function extensionOf(key: string | null): string {
  return key?.match(/\.[a-z0-9]+$/)?.[0] ?? '';
}
