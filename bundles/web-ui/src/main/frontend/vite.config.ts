/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The build lands in the bundle's target/classes/ui, from where the Java servlet serves it. `npm run dev` serves the
// app with hot reload and sends /api to a running Codara (http://localhost:8080).
export default defineConfig({
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../../../target/classes/ui',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be a script of its own for browsers that every supported one outgrew.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
