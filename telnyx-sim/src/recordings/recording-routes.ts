import type { FastifyInstance } from 'fastify';
import type { RecordingStore } from './recording-store';

/** `GET /sim/recordings/{id}.wav`: the audio while the URL is valid, a Telnyx-style 404 after. */
export function registerRecordingRoutes(app: FastifyInstance, store: RecordingStore): void {
  app.get<{ Params: { file: string } }>('/sim/recordings/:file', async (request, reply) => {
    const match = /^(.+)\.wav$/.exec(request.params.file);
    const lookup = match?.[1] ? store.download(match[1]) : ({ found: false, reason: 'unknown' } as const);
    if (!lookup.found) {
      const detail = lookup.reason === 'expired' ? 'The recording URL has expired' : 'Recording not found';
      return reply.code(404).send({ errors: [{ code: '10005', title: 'Resource not found', detail }] });
    }
    return reply
      .header('content-type', 'audio/wav')
      .header('content-disposition', `inline; filename="${lookup.recording.id}.wav"`)
      .send(lookup.wav);
  });
}
