// Factor V, build, release, run: "the build stage is a transform which converts a code repo into an executable
// bundle"; the run stage only starts it. A TypeScript or Babel loader in the production start path compiles the code
// again on every start, in production, with the dev toolchain installed.
// Docs: docs/rules/build-release-run/no-runtime-transpiler.md
import ts from 'typescript';
import { loadedModuleLiteral, moduleLoadVisitors, skipOuterExpressions } from '../../ast';
import { underEnvironmentGuard } from '../../env-guard';
import { isDeployedApp } from '../../roles';
import { commandProgram, NODE_LOADER_FLAGS, parseManifest, PRODUCTION_SCRIPTS, productionEntryFiles, productionScripts, sameModule, scriptCommands, type Manifest } from '../../manifest';
import { defineRule } from '../../rule';

/** Modules whose only job is to hook a compiler into `require` / `import`. */
const REGISTER_MODULES: ReadonlySet<string> = new Set([
  'ts-node/register',
  'ts-node/register/transpile-only',
  'ts-node/register/files',
  'ts-node/esm',
  'ts-node/esm/transpile-only',
  '@babel/register',
  'babel-register',
  'babel-core/register',
  'tsx',
  'tsx/cjs',
  'tsx/esm',
  'tsx/cjs/api',
  'tsx/esm/api',
  'esbuild-register',
  'esbuild-register/dist/node',
  '@esbuild-kit/cjs-loader',
  '@esbuild-kit/esm-loader',
  '@swc/register',
  '@swc-node/register',
  'sucrase/register',
  'sucrase/register/ts',
  'coffeescript/register',
  'coffee-script/register',
]);

/** Programs that compile (or watch and restart) the sources as they run them. */
const TRANSPILING_RUNNERS: ReadonlySet<string> = new Set([
  'ts-node',
  'ts-node-esm',
  'ts-node-transpile-only',
  'tsx',
  'babel-node',
  'esno',
  'esr',
  'esrun',
  'vite-node',
  'sucrase-node',
  'swc-node',
  'coffee',
]);
/** Programs that compile the sources into what `node` runs: a build stage. */
const COMPILERS = /(^|[\s;&|/])(tsc|babel|esbuild|tsup|swc|webpack|rollup|ncc|unbuild|pkgroll|tsdown|parcel build|vite build|nest build|next build)(\s|$)/;

export default defineRule({
  id: 'build-release-run/no-runtime-transpiler',
  factor: 'build-release-run',
  severity: 'warning',
  description: 'The production start path runs built JavaScript, not a TypeScript or Babel loader (ts-node, tsx, @babel/register, babel-node).',
  messages: {
    loader:
      '"{{module}}" compiles the sources on every start of the app: build once in the build stage (tsc, a bundler) and start the built JavaScript (V. Build, release, run).',
    script:
      'The "{{script}}" script runs the sources through {{runner}}, compiling them at every start in production: build in the build stage and start the built JavaScript ("node dist/…") (V. Build, release, run).',
  },
  skipIn: ['test', 'script'],
  create(ctx) {
    const project = ctx.project;
    const manifest = project.manifest;
    if (manifest === undefined || !isDeployedApp(project)) return { visit: {} };
    // Only the files that start the app in production: a loader in a migration config, a seed or a test helper is
    // tooling, and so is the file a dev `start` runs beside a `start:prod` (as the package.json check reads scripts).
    // Asked before the text is searched: most files of an app are not its entry point.
    if (!productionEntryFiles(manifest).some((entry) => sameModule(entry, ctx.relativePath))) return { visit: {} };
    // A package that compiles in a build script deploys the build output, as the package.json check reads it: the
    // launcher its `start` or `main` names is the developer's. A production-named script (`start:prod`) that runs the
    // file still counts: that is the start path the package itself calls production.
    if (!PRODUCTION_SCRIPTS.some((name) => manifest.scripts.has(name)) && compilesInBuild(manifest)) return { visit: {} };
    if (!/register|ts-node|tsx|esm|loader/.test(ctx.text)) return { visit: {} };
    const check = (literal: ts.Expression | undefined): void => {
      if (!literal || !ts.isStringLiteralLike(literal) || !REGISTER_MODULES.has(literal.text)) return;
      if (underEnvironmentGuard(literal)) return;
      ctx.report(literal, 'loader', { module: literal.text });
    };
    return {
      visit: {
        ...moduleLoadVisitors(check),
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const callee = skipOuterExpressions(call.expression);
          const loaded = loadedModuleLiteral(call);
          if (loaded !== undefined) {
            check(loaded);
            return;
          }
          // require('ts-node').register(…), module.register('ts-node/esm', …)
          if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'register') {
            const object = skipOuterExpressions(callee.expression);
            if (ts.isCallExpression(object) && ts.isIdentifier(object.expression) && object.expression.text === 'require') {
              const [module] = object.arguments;
              if (module && ts.isStringLiteralLike(module) && module.text === 'ts-node' && !underEnvironmentGuard(call)) ctx.report(module, 'loader', { module: 'ts-node' });
              return;
            }
            if (ts.isIdentifier(object) && ctx.imports.get(object.text)?.module === 'ts-node' && !underEnvironmentGuard(call)) {
              ctx.report(call, 'loader', { module: 'ts-node' });
              return;
            }
            check(call.arguments[0]);
            return;
          }
          // import { register } from 'ts-node'; register({ transpileOnly: true })
          if (ts.isIdentifier(callee)) {
            const binding = ctx.imports.get(callee.text);
            if (binding?.module === 'ts-node' && binding.imported === 'register' && !underEnvironmentGuard(call)) ctx.report(call, 'loader', { module: 'ts-node' });
          }
        },
      },
    };
  },
  languages: {
    json(ctx) {
      if (ctx.fileName.replace(/\\/g, '/').split('/').pop() !== 'package.json') return {};
      return {
        end() {
          const manifest = parseManifest(ctx.text);
          // Not a service: a CLI, a library, a published package, an editor extension, an Electron app.
          if (manifest.bin.size > 0 || !isDeployedApp({ isCli: ctx.project.isCli, isLibrary: ctx.project.isLibrary, manifest })) return;
          // A package that compiles in a build script deploys the build output; its transpiling `start` is the
          // developer's, and the Procfile or Dockerfile starts `node dist/…` (bulletproof-nodejs, basir/amazona).
          if (compilesInBuild(manifest)) return;
          for (const [name, script] of productionScripts(manifest)) {
            const runner = transpilingRunner(script.value);
            if (runner) ctx.report({ start: script.valueRange.start + 1, end: script.valueRange.end - 1 }, 'script', { script: name, runner });
          }
        },
      };
    },
  },
});


/** A script other than the start scripts runs a compiler that writes output: `tsc --noEmit` only type-checks. */
function compilesInBuild(manifest: Manifest): boolean {
  for (const [name, script] of manifest.scripts) {
    if (PRODUCTION_SCRIPTS.includes(name) || name === 'start') continue;
    if (scriptCommands(script.value).some((words) => COMPILERS.test(words.join(' ')) && !words.includes('--noEmit'))) return true;
  }
  return false;
}

/** The transpiling runner a script starts the app with, if any. */
function transpilingRunner(script: string): string | undefined {
  for (const words of scriptCommands(script)) {
    const at = commandProgram(words);
    const program = words[at];
    if (program === undefined) continue;
    // `tsx watch`, `tsx --watch`: a watcher, which no deploy starts on purpose; `nodemon` likewise.
    if (words.includes('watch') || words.includes('--watch')) continue;
    if (TRANSPILING_RUNNERS.has(program)) return program;
    if (program === 'node') {
      for (let i = at + 1; i < words.length; i++) {
        const flag = NODE_LOADER_FLAGS.exec(words[i]);
        if (!flag) continue;
        const value = flag[3] ?? words[i + 1];
        if (value !== undefined && REGISTER_MODULES.has(value)) return `node ${flag[1]} ${value}`;
      }
    }
  }
  return undefined;
}

