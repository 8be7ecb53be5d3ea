import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * `npm run build --workspace backend`: the backend as plain JavaScript in `backend/dist`, for the
 * production image (`node --enable-source-maps backend/dist/server.js`).
 *
 * The workspace packages (@curbe-voice/*) export TypeScript sources, so they are compiled into the
 * bundle. Every other package stays an import of `node_modules`: the image installs the production
 * dependencies anyway, and native or path-loaded code (better-sqlite3, the MikroORM drivers and
 * their knex dialects, pino's workers, Swagger UI's static files) only works from there.
 * `dist/meta.json` records what went in and what is imported from outside (read by the bundle test).
 */

const backendDir = fileURLToPath(new URL('.', import.meta.url));
const outdir = `${backendDir}dist`;

/** Programs of the backend package, as `dist/<name>.js`. */
const ENTRY_POINTS = {
  server: 'src/server.ts',
  'projections-worker': 'src/projections-worker.ts',
  'cli/audit': 'src/cli/audit.ts',
  'cli/accounts': 'src/cli/accounts.ts',
  'cli/read-model-migrations': 'src/cli/read-model-migrations.ts',
};

const WORKSPACE_PACKAGE = /^@curbe-voice\//;

/** Bare imports (packages) stay external, except workspace packages, which are compiled in. */
const packageImports: Plugin = {
  name: 'package-imports',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, ({ path }) => {
      if (WORKSPACE_PACKAGE.test(path)) return undefined;
      return { path, external: true };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: backendDir,
  entryPoints: ENTRY_POINTS,
  outdir,
  bundle: true,
  // Modules shared by the programs go into chunks. They sit in dist/ itself, at the depth of the
  // sources they come from (backend/src/*), so paths resolved from import.meta.url (the web app's
  // ../../frontend/dist) point at the same place from sources and from the bundle.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  plugins: [packageImports],
});
await writeFile(`${outdir}/meta.json`, JSON.stringify(result.metafile));
console.log(`Built ${Object.keys(ENTRY_POINTS).length} programs into ${outdir}`);
