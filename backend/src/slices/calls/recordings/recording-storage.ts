import type { Readable } from 'node:stream';

/** Where a recording's audio ended up, and what proves it is intact. */
export interface StoredRecording {
  key: string;
  contentType: string;
  sizeBytes: number;
  /** Hex SHA-256 of the audio bytes. */
  sha256: string;
}

/** Our own copy of call recordings (Telnyx's URLs expire minutes after the call). */
export interface RecordingStorage {
  /** Stores the audio under `key`, replacing any earlier copy only once the new one is complete. */
  save(key: string, audio: AsyncIterable<Uint8Array>, contentType: string): Promise<StoredRecording>;
  /** The audio for reading, or null when nothing is stored under `key`. */
  open(key: string): Promise<{ stream: Readable; sizeBytes: number } | null>;
  /** Deletes what is stored under `key`; nothing stored is fine (safe to repeat). */
  delete(key: string): Promise<void>;
}

/** A storage key from Telnyx ids: only safe path characters, one folder per call. */
export function recordingKey(callSid: string, recordingSid: string, contentType: string): string {
  return `${safeSegment(callSid)}/${safeSegment(recordingSid)}${extensionFor(contentType)}`;
}

function safeSegment(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return safe.slice(0, 128) || '_';
}

function extensionFor(contentType: string): string {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'audio/mpeg' || type === 'audio/mp3') return '.mp3';
  if (type === 'audio/wav' || type === 'audio/x-wav' || type === 'audio/wave') return '.wav';
  return '.bin';
}
