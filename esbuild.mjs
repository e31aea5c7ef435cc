// Bundles the three shipped entry points. Only these bundles ship; tsc output (out/) is for tests.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * `import ts from 'typescript'` in an esbuild bundle copies TypeScript's ~2,000 exports into a fresh object in every
 * importing module (esbuild's CommonJS interop): 60,000 property definitions at start-up, a sixth of a warm `--cache`
 * run. This plugin hands every such import one shared module that requires TypeScript once and exports it as is.
 */
const typescriptOnce = {
  name: 'typescript-once',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, (args) =>
      args.namespace === 'typescript-once' ? undefined : { path: 'typescript', namespace: 'typescript-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'typescript-once' }, () => ({
      contents: "const ts = require('typescript/lib/typescript.js'); export default ts;",
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  plugins: [typescriptOnce],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's "main" is a UMD build whose dynamic require('./impl/…') esbuild cannot follow; its
  // "module" build bundles cleanly. Prefer "module" for every package, as vscode-eslint does.
  mainFields: ['module', 'main'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'server/out/server.js' },
  {
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'server/out/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
