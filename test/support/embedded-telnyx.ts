import { startEmbeddedTelnyx as startSimulator, type EmbeddedTelnyx } from '@curbe-voice/launcher';

export type { EmbeddedTelnyx };

/**
 * The Telnyx simulator exactly as `npm start` runs it (state file under `dataDir`), on a free port;
 * `environment` points a backend at it.
 */
export function startEmbeddedTelnyx(dataDir: string): Promise<EmbeddedTelnyx> {
  return startSimulator({ dataDir, port: 0 });
}
