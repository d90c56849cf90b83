// The CLI as users run it: `dist/src/cli/main.js` (package.json `bin`, `npm start`) is a two-line entry that loads
// one bundle of our code and its pure-JavaScript packages (issue 14). Run after `tsc -p tsconfig.build.json` by
// `npm run build:server`; the benchmarks call bundleCli() on their own build (bench/support/build.ts).
//
// Why: on Node 20 (no module compile cache) loading `bonafide import`'s 519 ES modules one file at a time — Kysely's
// dist alone is 263 files, Zod's 94 — took ~0.5 s of a 0.7 s command. Bundled, that command loads a handful of files.
//
// Shape of dist/src/cli/:
//   main.js        the entry (shebang; imports ./bundle/main.js)
//   bundle/        main.js and its chunks: each lazily loaded command (src/cli/lazy-commands.ts) and the full
//                  program (program.ts) stay dynamic imports, so `import` still loads neither the server nor pdfkit
//   *.js, commands/  tsc's output of the same sources, left in place (unused by the entry)
// bundle/ sits as deep under dist/ as tsc's dist/src/cli/commands/, and each `import.meta.url` in our sources is
// rewritten to the URL of that file's tsc output (so `serve` still finds dist/web beside the server).
//
// Bundled: our sources and the packages in BUNDLED (and what they import). Every other package stays an external
// import resolved from node_modules at run time — native or awkward ones (better-sqlite3, pg, pino and its worker
// thread transports, fastify and its plugins with their static files, pdfkit with its font data, nodemailer,
// file-type), and any package added later until someone measures it and lists it here.
// Source maps (bundle/*.js.map, with the sources' text) map stack traces back to src/ under `--enable-source-maps`,
// as tsc's maps did.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Pure-JavaScript packages bundled into the CLI: what `bonafide import` and the other commands load on every start.
 * fastify-type-provider-zod is here because it must share the bundled zod with our schemas.
 */
const BUNDLED = new Set(['kysely', 'zod', 'commander', 'cli-progress', '@date-fns/tz', '@scure/base', 'canonicalize', 'jsvat', 'fastify-type-provider-zod']);

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** Packages outside BUNDLED stay imports; a bundled package's own imports are bundled with it. */
const externals: Plugin = {
  name: 'bonafide-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || args.kind === 'entry-point') return undefined;
      const fromOurSources = !args.importer.split(sep).includes('node_modules');
      if (fromOurSources && !BUNDLED.has(packageName(args.path))) return { path: args.path, external: true };
      return undefined;
    });
  },
};

/** `import.meta.url` in src/x/y.ts means dist/src/x/y.js (tsc's output), wherever esbuild puts the code. */
function importMetaUrl(bundleDir: string, distDir: string): Plugin {
  return {
    name: 'bonafide-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(join(REPO, 'src') + sep)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const compiled = join(distDir, relative(REPO, args.path)).replace(/\.ts$/, '.js');
        const rel = relative(bundleDir, compiled).split(sep).join('/');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

/** Writes dist/src/cli/bundle/ and the entry dist/src/cli/main.js into `distDir` (after tsc wrote it). */
export async function bundleCli(distDir: string): Promise<void> {
  const cliDir = join(distDir, 'src', 'cli');
  const bundleDir = join(cliDir, 'bundle');
  rmSync(bundleDir, { recursive: true, force: true });
  await build({
    entryPoints: [join(REPO, 'src', 'cli', 'main.ts')],
    outdir: bundleDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    chunkNames: '[name]-[hash]',
    sourcemap: true,
    // Class and function names as written (esbuild renames clashing ones), for stack traces and error names.
    keepNames: true,
    // Bundled CommonJS packages (commander, cli-progress, …) call require() for Node's modules.
    banner: { js: "import { createRequire as __bonafideCreateRequire } from 'node:module';\nconst require = __bonafideCreateRequire(import.meta.url);" },
    plugins: [externals, importMetaUrl(bundleDir, distDir)],
    logLevel: 'warning',
  });
  writeFileSync(
    join(cliDir, 'main.js'),
    "#!/usr/bin/env node\n// The bundled CLI (scripts/bundle-cli.ts); its source is src/cli/main.ts.\nimport './bundle/main.js';\n",
  );
  // tsc's map of the entry no longer describes it.
  rmSync(join(cliDir, 'main.js.map'), { force: true });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = join(REPO, 'dist');
  if (!existsSync(join(dist, 'src', 'cli'))) throw new Error('run tsc -p tsconfig.build.json first (npm run build:server)');
  await bundleCli(dist);
}
