import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress-plugin.ts';

// The dashboard is built into web/dist and served by the API server at "/". A second, server-side
// build (`--ssr`) puts the first screen's drawing into web/dist-ssr: one self-contained module
// (React included) that the server imports, so a production install needs no web dependencies.
export default defineConfig(({ isSsrBuild }) => ({
  root: import.meta.dirname,
  plugins: isSsrBuild ? [react()] : [react(), precompress()],
  ssr: isSsrBuild ? { noExternal: true, target: 'node' } : undefined,
  build: isSsrBuild
    ? { outDir: 'dist-ssr', emptyOutDir: true, rollupOptions: { output: { entryFileNames: 'render-first-screen.js' } } }
    : {
        outDir: 'dist',
        emptyOutDir: true,
        // The first screen must stay small: charts load on demand.
        chunkSizeWarningLimit: 600,
        manifest: true,
      },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
}));
