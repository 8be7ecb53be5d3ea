import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// In development the backend runs on :3000; the dev server forwards everything that is not the web app.
const backend = process.env.BACKEND_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [vue()],
  server: {
    proxy: {
      '/api': backend,
      '/webhooks': backend,
      '/health': backend,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
