import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// Served by the hall server under /staff/. In `vite dev`, API and Socket.IO calls go to a
// demo hall server on its usual port.
const hallServer = 'http://localhost:8090';

export default defineConfig({
  base: '/staff/',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    proxy: {
      '/api': hallServer,
      '/socket.io': { target: hallServer, ws: true },
    },
  },
});
