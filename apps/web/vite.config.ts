import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// `@baton/core` resolves to its TypeScript sources through the `source` export condition, so
// the web app builds without building core first. `BATON_API` points the dev server's proxy
// at a running `baton serve` (default port 4800).
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: { main: 'index.html', benchBare: 'bench-bare.html' },
    },
  },
  server: {
    proxy: { '/api': { target: process.env.BATON_API ?? 'http://127.0.0.1:4800', changeOrigin: false } },
  },
});
