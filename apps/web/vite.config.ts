import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm dev` serves the admin with hot reload and hands the api's paths to a running api
// (HARBOR_API_URL, default the api's own default address); `pnpm build` writes dist/,
// which the api serves at `/`.
const api = process.env.HARBOR_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    // The api's paths; `/reports` itself is the app's screen, its CSV downloads are the api's.
    // The browser's Host header is passed on as it is (Vite's shorthand would rewrite it to the
    // api's): the api refuses a write whose Origin names another host than the one it was sent to.
    proxy: Object.fromEntries(
      ['/trpc', '/v2', '^/reports/.+', '^/media/.+', '^/api/.+', '/healthz', '/readyz'].map(
        (path) => [path, { target: api, changeOrigin: false }],
      ),
    ),
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        // Libraries change less often than the screens: their own long-cached chunks.
        manualChunks: {
          react: ['react', 'react-dom', 'react-router'],
          data: [
            '@tanstack/react-query',
            '@trpc/client',
            '@trpc/tanstack-react-query',
            'i18next',
            'react-i18next',
          ],
          leaflet: ['leaflet', 'react-leaflet'],
          table: ['@tanstack/react-table', '@tanstack/react-virtual'],
        },
      },
    },
  },
});
