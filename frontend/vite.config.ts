/** Vite: dev server proxies the API to the Fastify server; the build goes to dist/, which Fastify serves. */
import { defineConfig } from 'vite';

const api = process.env.WORKBENCH_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: api, changeOrigin: false }, '/docs': { target: api } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
  },
});
