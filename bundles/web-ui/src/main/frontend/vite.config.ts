/// <reference types="vitest/config" />
/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// The code each route needs first, by the name public/boot.js knows it under: that script preloads it while the app's
// entry is still being fetched and parsed, instead of the router asking for it only once the entry runs.
const routeEntries: Record<string, RegExp[]> = {
  dashboard: [/\/src\/pages\/Dashboard\.tsx$/],
  repository: [/\/src\/pages\/repo\/RepoLayout\.tsx$/],
  'repository-home': [/\/src\/pages\/repo\/Home\.tsx$/, /\/node_modules\/marked\//, /\/node_modules\/dompurify\//],
};

/** Writes, into index.html, the chunks and style sheets (with what they import) of each route in `routeEntries`. */
function routeChunks(): Plugin {
  return {
    name: 'codara-route-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
        const files: Record<string, string[]> = {};
        for (const [route, patterns] of Object.entries(routeEntries)) {
          const found = new Set<string>();
          const visit = (fileName: string) => {
            const chunk = bundle[fileName];
            if (!chunk || chunk.type !== 'chunk' || chunk.isEntry || found.has(`/${fileName}`)) return;
            found.add(`/${fileName}`);
            for (const css of chunk.viteMetadata?.importedCss ?? []) found.add(`/${css}`);
            chunk.imports.forEach(visit);
          };
          for (const pattern of patterns) {
            const chunk = chunks.find((c) => c.facadeModuleId && pattern.test(c.facadeModuleId));
            if (!chunk) throw new Error(`No chunk of route ${route} matches ${pattern}`);
            visit(chunk.fileName);
          }
          files[route] = [...found];
        }
        const script = '<script src="/boot.js"></script>';
        if (!html.includes(script)) throw new Error('index.html no longer loads /boot.js');
        const content = JSON.stringify(files).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
        // Before the script that reads it, and after <meta charset>, which must stay within the first 1024 bytes.
        return html.replace(script, `<meta name="codara-route-chunks" content="${content}" />\n    ${script}`);
      },
    },
  };
}

// The build lands in the bundle's target/classes/ui, from where the Java servlet serves it. `npm run dev` serves the
// app with hot reload and sends the API and git's URLs to a running Codara (CODARA_URL, default
// http://localhost:8080), so the end-to-end tests can run against the dev server too.
const backend = process.env.CODARA_URL ?? 'http://localhost:8080';
export default defineConfig(({ command }) => ({
  base: '/',
  plugins: [routeChunks()],
  // react-router's package exports only its development build (with its warnings and checks) to bundlers.
  resolve: command === 'build' ? { alias: [{ find: /^react-router$/, replacement: fileURLToPath(new URL('node_modules/react-router/dist/production/index.mjs', import.meta.url)) }] } : {},
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../../../target/classes/ui',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be a script of its own for browsers that every supported one outgrew.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // react-router's production build starts with "use client", which only React Server Components read.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.id?.includes('/node_modules/react-router/')) return;
        warn(warning);
      },
    },
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
}));
