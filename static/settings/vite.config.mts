import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Forge serves Custom UI from its own CDN path, so every asset URL must be relative.
export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [react()],
  // Atlaskit makes one ~1.6 MB bundle; Forge serves it from its CDN once per page, so the default 500 kB
  // warning only adds noise to every build.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2500 },
  logLevel: 'warn',
});
