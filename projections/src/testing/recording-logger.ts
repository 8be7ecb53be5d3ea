import type { ProjectionLogger } from '../runner/logger';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string | undefined;
}

/** A logger that keeps what it was told, for assertions. */
export function recordingLogger(): ProjectionLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const record = (level: LogEntry['level']) => (obj: object, msg?: string) =>
    void entries.push({ level, obj: obj as Record<string, unknown>, msg });
  return { entries, info: record('info'), warn: record('warn'), error: record('error') };
}
