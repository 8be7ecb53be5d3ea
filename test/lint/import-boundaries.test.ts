import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The repository's own eslint.config.js, run on snippets as if they were written in a given file.
// Type-aware parsing needs a file its workspace's tsconfig already knows, so each snippet borrows the path of
// an existing file in the element it stands for (its text is replaced, never read nor written).
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const at = {
  platform: 'backend/src/platform/config/load-config.ts',
  backendTest: 'backend/src/server.test.ts',
  contracts: 'contracts/src/index.ts',
  projections: 'projections/src/index.ts',
  frontend: 'frontend/src/main.ts',
  callsSlice: 'backend/src/slices/calls/index.ts',
  backendRoot: 'backend/src/app.ts',
  e2e: 'test/e2e/support/chromium.ts',
} as const;

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function findings(code: string, filePath: string): Promise<{ ruleId: string | null; message: string }[]> {
  expect(existsSync(`${repoRoot}/${filePath}`), `${filePath} must exist to stand in for its element`).toBe(true);
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message }));
}

async function expectRule(rule: string, code: string, filePath: string): Promise<void> {
  const rules = (await findings(code, filePath)).map((finding) => finding.ruleId);
  expect(rules).toContain(rule);
}

async function expectAllowed(rule: string, code: string, filePath: string): Promise<void> {
  // The rule must be on for that file: passing because it is off would prove nothing.
  const config = (await eslint.calculateConfigForFile(filePath)) as { rules?: Record<string, unknown> };
  expect(config.rules?.[rule]).toEqual(expect.arrayContaining([2]));
  const found = await findings(code, filePath);
  expect(found.filter((finding) => finding.ruleId === rule || finding.ruleId === null)).toEqual([]);
}

const startSimulator =
  "import { startTelnyxSimulator } from '@curbe-voice/telnyx-sim';\nexport const start = startTelnyxSimulator;\n";

// The first snippet in a workspace builds its TypeScript program, which takes a while on a busy machine.
describe('import boundaries', { timeout: 180_000 }, () => {
  it('keeps the simulator out of backend platform code', async () => {
    await expectRule('boundaries/element-types', startSimulator, at.platform);
  });

  it('keeps the simulator out of backend tests too: the backend package does not depend on it', async () => {
    await expectRule('boundaries/element-types', startSimulator, at.backendTest);
  });

  it('lets the contracts depend on nothing of ours', async () => {
    const code = "import { matchesFilter } from '@curbe-voice/event-store';\nexport const store = matchesFilter;\n";
    await expectRule('boundaries/element-types', code, at.contracts);
  });

  it('keeps the backend out of the projections', async () => {
    const code = "import { buildApp } from '@curbe-voice/backend';\nexport const build = buildApp;\n";
    await expectRule('boundaries/element-types', code, at.projections);
  });

  it('lets the web app take only types from the contracts', async () => {
    const valueImport =
      "import { CallViewSchema } from '@curbe-voice/contracts/api/calls';\nexport const schema = CallViewSchema;\n";
    await expectRule('boundaries/element-types', valueImport, at.frontend);

    const typeImport =
      "import type { CallView } from '@curbe-voice/contracts/api/calls';\nexport type View = CallView;\n";
    await expectAllowed('boundaries/element-types', typeImport, at.frontend);
  });

  it("lets a slice use another slice only through that slice's index", async () => {
    const internal =
      "import { seedDemoAccount } from '../accounts/demo-account';\nexport const seed = seedDemoAccount;\n";
    await expectRule('boundaries/entry-point', internal, at.callsSlice);

    const publicFace = "import { seedDemoAccount } from '../accounts';\nexport const seed = seedDemoAccount;\n";
    await expectAllowed('boundaries/entry-point', publicFace, at.callsSlice);
    await expectAllowed('boundaries/element-types', publicFace, at.callsSlice);
  });

  it('lets the backend root, too, reach a slice only through its index', async () => {
    const internal =
      "import { seedDemoAccount } from './slices/accounts/demo-account';\nexport const seed = seedDemoAccount;\n";
    await expectRule('boundaries/entry-point', internal, at.backendRoot);
  });

  it("forbids deep imports into another workspace's src folder, even from tests", async () => {
    const code =
      "import { composeApplication } from '@curbe-voice/backend/src/composition-root';\nexport const compose = composeApplication;\n";
    await expectRule('no-restricted-imports', code, at.e2e);
  });
});
