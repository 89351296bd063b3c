import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Forge serves Custom UI from its own CDN path, so every asset URL must be relative.
export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  logLevel: 'warn',
});
