import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReadModelOrm } from './create-read-model-orm';
import { StreamActivityEntity, streamActivityEntities } from '../testing/stream-activity-projector';
import { recordingLogger } from '../testing/recording-logger';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'curbe-corrupt-read-models-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('an embedded read-model file that is not a database', () => {
  it('is moved aside with a loud log naming both files, and the read models start empty', async () => {
    const file = join(dataDir, 'read-models.sqlite');
    writeFileSync(file, 'this is not a database '.repeat(500));
    const logger = recordingLogger();
    const orm = await createReadModelOrm({ dataDir, entities: streamActivityEntities, logger });
    try {
      expect(await orm.em.fork().count(StreamActivityEntity, {})).toBe(0);
    } finally {
      await orm.close(true);
    }
    const aside = readdirSync(dataDir).filter((name) => name.startsWith('read-models.sqlite.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dataDir, aside[0]!), 'utf8')).toContain('this is not a database');
    const errors = logger.entries.filter((entry) => entry.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toContain(file);
    expect(errors[0]!.msg).toContain(join(dataDir, aside[0]!));
  });
});
