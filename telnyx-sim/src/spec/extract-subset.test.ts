import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSubset } from '../../scripts/extract-spec';
import { SERVED_OPERATION_IDS } from './served-operations';
import { FULL_SPEC_PATH, SUBSET_PATH } from './spec-files';

const fullSpecPresent = existsSync(FULL_SPEC_PATH);

describe('committed spec subset', () => {
  it('holds every served operation and no dangling $ref', () => {
    const subset = JSON.parse(readFileSync(SUBSET_PATH, 'utf8')) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
      components: Record<string, Record<string, unknown>>;
    };
    const operationIds = Object.values(subset.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(operationIds.sort()).toEqual([...SERVED_OPERATION_IDS].sort());
    const refs = [...JSON.stringify(subset).matchAll(/"\$ref":"#\/components\/([^/"]+)\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(0);
    for (const [, section, name] of refs)
      expect(subset.components[section!]?.[name!], `${section}/${name}`).toBeDefined();
  });

  it.skipIf(!fullSpecPresent)(
    "equals a fresh extraction from Telnyx's full spec (skipped when ../shared/telnyx-openapi is absent)",
    () => {
      const fresh = renderSubset(readFileSync(FULL_SPEC_PATH, 'utf8'));
      expect(
        readFileSync(SUBSET_PATH, 'utf8') === fresh,
        'spec/telnyx-subset.json is stale: run npx tsx telnyx-sim/scripts/extract-spec.ts',
      ).toBe(true);
    },
  );
});
