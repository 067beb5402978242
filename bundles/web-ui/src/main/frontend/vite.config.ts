/// <reference types="vitest/config" />
/// <reference types="node" />
import { defineConfig } from 'vite';

// The build lands in the bundle's target/classes/ui, from where the Java servlet serves it. `npm run dev` serves the
// app with hot reload and sends the API and git's URLs to a running Codara (CODARA_URL, default
// http://localhost:8080), so the end-to-end tests can run against the dev server too.
const backend = process.env.CODARA_URL ?? 'http://localhost:8080';
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
  // Libraries that pages import lazily, prepared up front so the dev server does not reload the page on first use.
  optimizeDeps: { include: ['marked', 'dompurify', 'highlight.js/lib/core'] },
  server: {
    // As if the page came from Codara itself: its CSRF check wants the Origin of the site it serves.
    proxy: Object.fromEntries(['/api', '^/[^/]+/[^/]+\\.git(/.*)?$'].map((path) => [path, {
      target: backend,
      changeOrigin: true,
      // A renamed repository answers 301 with Codara's own URL: keep the browser on the dev server's origin.
      autoRewrite: true,
      configure: (proxy: { on(event: 'proxyReq', listener: (request: { setHeader(name: string, value: string): void }) => void): void }) =>
        proxy.on('proxyReq', (request) => request.setHeader('origin', backend)),
    }])),
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
