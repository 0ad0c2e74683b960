import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources; the CLI tests run the built `baton` as a real process.
    alias: {
      '@baton/core': src('packages/core'),
      '@baton/engine': src('packages/engine'),
      '@baton/server': src('apps/server'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    // Two cores: keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
