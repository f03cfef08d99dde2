/** Vite: dev server proxies the API to the Fastify server; the build goes to dist/, which Fastify serves. */
import { defineConfig } from 'vite';

const api = process.env.WORKBENCH_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  server: {
    host: '127.0.0.1',
    port: 5173,
    // changeOrigin stays false: the API then sees the browser's Host (127.0.0.1:5173), which matches the Origin the
    // page sends, so its request guard (backend/src/security/) accepts the dev page as the workbench's own.
    proxy: { '/api': { target: api, changeOrigin: false }, '/docs': { target: api, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
  },
});
