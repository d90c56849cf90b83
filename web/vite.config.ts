import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(webRoot, '..');
const apiTarget = process.env.BONAFIDE_API_URL ?? 'http://localhost:3000';

/**
 * Writes .br and .gz beside every text asset of the build, once, at the highest levels (the server sends them as
 * they are: src/http/web-app.ts), so no request pays for compression. Small files and files that do not shrink
 * are left alone.
 */
function precompress(outDir: string): Plugin {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  return {
    name: 'bonafide-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt|wasm)$/.test(file)) continue;
        const raw = readFileSync(file);
        if (raw.length < 1024) continue;
        const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
        if (br.length < raw.length * 0.9) writeFileSync(`${file}.br`, br);
        const gz = gzipSync(raw, { level: 9 });
        if (gz.length < raw.length * 0.9) writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

// The web app lives in web/, imports shared Zod contracts from src/contracts and is built into dist/web,
// which the server serves (with an index.html fallback for client routes).
export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress(resolve(repoRoot, 'dist/web'))],
  build: {
    outDir: resolve(repoRoot, 'dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // src/domain is pure: none of its modules has side effects, so a module re-exported by the web's entry to the
      // domain (src/domain/browser.ts) lands only in the chunks of the pages that use it.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]src[\\/]domain[\\/]/.test(id) },
      output: {
        // The framework every page needs changes less often than the app: its own chunk stays cached across
        // releases. Everything else (charts, PDF and crypto libraries, each page) is split by route: pages are
        // lazy (web/src/app/registry.tsx), so a library lands in the chunk of the pages that use it.
        codeSplitting: {
          groups: [
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/ },
            { name: 'framework', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack|i18next|react-i18next|zod|cookie|set-cookie-parser)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
});
