import { defineConfig } from 'vitest/config';

// One run covers every workspace; each workspace's tests sit beside its code.
export default defineConfig({
  test: {
    include: ['{contracts,event-store,backend,projections,telnyx-sim,frontend,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
