import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Builds the renderer only; the core and the shell are plain Node / Electron bundles.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or styles: the CSP allows 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
