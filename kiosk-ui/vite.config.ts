import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { pinyinData } from './build/pinyin-plugin.ts';
import { pdfjsAssets } from './build/pdfjs-assets-plugin.ts';

// Served by the hall server under /kiosk/. In `vite dev`, API and Socket.IO calls go to a
// demo hall server on its usual port.
const hallServer = 'http://localhost:8090';

export default defineConfig({
  base: '/kiosk/',
  plugins: [preact(), pinyinData(), pdfjsAssets()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    proxy: {
      '/api': hallServer,
      '/socket.io': { target: hallServer, ws: true },
    },
  },
});
