import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// `@baton/core` resolves to its TypeScript sources through the `source` export condition, so
// the web app builds without building core first. `BATON_API` points the dev server's proxy
// at a running `baton serve` (default port 4800). `--mode bench` (npm run bench:web) builds the
// app with the bench's bare React Flow page beside it into dist-bench/: the production dist/
// holds the app alone.
export default defineConfig(({ mode }) => {
  const pages: Record<string, string> =
    mode === 'bench' ? { main: 'index.html', benchBare: 'bench-bare.html' } : { main: 'index.html' };
  return {
    plugins: [react()],
    resolve: { conditions: ['source', ...defaultClientConditions] },
    build: {
      target: 'es2022',
      sourcemap: true,
      chunkSizeWarningLimit: 2000,
      outDir: mode === 'bench' ? 'dist-bench' : 'dist',
      rollupOptions: {
        input: pages,
      },
    },
    server: {
      proxy: { '/api': { target: process.env.BATON_API ?? 'http://127.0.0.1:4800', changeOrigin: false } },
    },
  };
});
