import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { faceAssetsPlugin } from './scripts/faceAssets.ts';

// The station UIs: one page, the mode chosen by the path (/kiosk, …), served by the hub from
// dist/renderer. `npm ci` builds it (prepare); `npm run build:ui` rebuilds it. The counter's face
// photo loads its detector's models and wasm from the same assets/ (scripts/faceAssets.ts).
export default defineConfig({
  root: 'src-renderer',
  base: '/',
  plugins: [react(), faceAssetsPlugin()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    // The face detector's library is one 1.6 MB chunk, loaded only when a counter takes a photo.
    chunkSizeWarningLimit: 1700,
  },
});
