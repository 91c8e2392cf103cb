import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// Resolves a path against this directory, so the build does not depend on
// the directory it is started from.
const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

// The Go server that `npm run dev` forwards API requests to. The Host header
// is kept: the server refuses writes whose Origin is not its own host.
const api = { target: process.env.ALLIANCE_API ?? 'http://127.0.0.1:8080', changeOrigin: false };

// dist/.keep is committed (and git-ignored dist/ lets it through) so that
// the Go embed of dist/ compiles before the web app is built; without the
// built pages the server answers with a page saying how to build them. The
// build empties dist/ first, so it writes the placeholder back, unchanged
// (empty), and git sees no difference.
const keepPlaceholder: Plugin = {
  name: 'alliance-keep-placeholder',
  apply: 'build',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: '.keep', source: '' });
  },
};

// Two pages: the web app (index.html, served at / and at every path of the
// app) and GraphiQL (graphiql.html, served by the Go server at /graphiql).
// Everything they load is bundled under /assets/, so nothing is fetched from
// elsewhere. JSX is compiled for Preact by esbuild, with no plugin.
export default defineConfig({
  base: '/',
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [keepPlaceholder],
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
  // For `npm run dev` only (open /graphiql.html there): the API and the
  // health endpoints come from a running Go server.
  server: {
    proxy: {
      '/graphql': api,
      '^/graphiql$': api,
      '/schema.graphql': api,
      '/healthz': api,
      '/readyz': api,
      '^/reports/.+\\.(json|csv)': api,
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // GraphiQL with React, CodeMirror and graphql-js is one large chunk by
    // nature; warn only if it grows well past its present size.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      input: {
        index: here('./index.html'),
        graphiql: here('./graphiql.html'),
      },
      onwarn(warning, warn) {
        // React libraries mark their modules "use client" for server
        // components; a browser bundle has no use for it, and Rollup says so
        // once per module. Every other warning is still shown.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use client"')) {
          return;
        }
        warn(warning);
      },
    },
  },
});
