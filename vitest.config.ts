import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/build-dist.ts'],
    setupFiles: ['test/host-env.ts'],
  },
});
