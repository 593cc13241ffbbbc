import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// Built into dist/, which the Maven build copies into the jar (META-INF/resources, served at /).
// `npm run dev` serves the UI on :5173 and sends /api to the app on :8080.
export default defineConfig({
  plugins: [preact()],
  // the patterns page's chart library (ECharts, ~175 KB gzipped) is its own chunk, loaded on first use
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2020', chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://localhost:8080', '/q': 'http://localhost:8080' } },
});
