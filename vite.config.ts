import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The station UIs: one page, the mode chosen by the path (/kiosk, …), served by the hub from
// dist/renderer. `npm ci` builds it (prepare); `npm run build:ui` rebuilds it.
export default defineConfig({
  root: 'src-renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
  },
});
