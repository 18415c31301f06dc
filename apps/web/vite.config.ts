/// <reference types="vitest/config" />
import { resolve } from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

/**
 * The app calls the API with relative `/api` URLs; `vite` (dev) and `vite preview` proxy them, the docs and the
 * spec to the gateway: GATEWAY_URL, else the gateway's PORT on loopback (start.sh exports it), else 8000.
 * The proxy streams responses as they arrive, so Server-Sent Events pass through unbuffered.
 */
const gateway = process.env.GATEWAY_URL ?? `http://127.0.0.1:${process.env.PORT ?? '8000'}`;
const toGateway: ProxyOptions = { target: gateway, changeOrigin: false, xfwd: true };
const proxy = {
  '/api': toGateway,
  '/docs': toGateway,
  '/redoc': toGateway,
  '/openapi.json': toGateway,
};

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: { proxy },
  preview: { proxy },
  build: {
    // Two pages: the Studio, and the host page of Inspect's own log viewer (shown in a frame by the Studio).
    rolldownOptions: {
      input: { main: resolve(import.meta.dirname, 'index.html'), inspect: resolve(import.meta.dirname, 'inspect.html') },
    },
    chunkSizeWarningLimit: 9000,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
