/**
 * Regenerates spec/telnyx-subset.json from Telnyx's full OpenAPI spec (../shared/telnyx-openapi/spec3.yml).
 * Run: npx tsx telnyx-sim/scripts/extract-spec.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { extractSubset, type OpenApiDocument } from '../src/spec/extract-subset';
import { SERVED_OPERATION_IDS } from '../src/spec/served-operations';
import { FULL_SPEC_PATH, SUBSET_PATH } from '../src/spec/spec-files';

export function renderSubset(fullSpecYaml: string): string {
  const full = parse(fullSpecYaml, { maxAliasCount: -1 }) as OpenApiDocument;
  return `${JSON.stringify(extractSubset(full, SERVED_OPERATION_IDS), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = renderSubset(readFileSync(FULL_SPEC_PATH, 'utf8'));
  writeFileSync(SUBSET_PATH, text);
  console.log(`wrote ${SUBSET_PATH} (${text.length} bytes)`);
}
