import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { bundleSizePlugin } from '../../scripts/report-bundle-size';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  // Forge Custom UI serves the build from a path of its own: every asset URL must be relative.
  base: './',
  // The panel's one way to the shared engine code (types, presentation, presets, triage).
  resolve: { alias: { '@shared': path.resolve(here, '../../src') } },
  logLevel: 'warn',
  // Vite 8 transforms TSX itself (Oxc); no React plugin is needed for a production build.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react', development: false } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: path.join(here, 'build'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
    reportCompressedSize: false,
  },
  plugins: [bundleSizePlugin()],
});
