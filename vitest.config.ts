import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// One run covers every workspace; each workspace's tests sit beside its code.
export default defineConfig({
  // Web app component tests import .vue files; they ask for a DOM with `// @vitest-environment happy-dom`.
  plugins: [vue()],
  test: {
    include: ['{contracts,event-store,backend,projections,telnyx-sim,launcher,frontend,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
