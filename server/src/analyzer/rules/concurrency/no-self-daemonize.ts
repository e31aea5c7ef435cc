// Factor VIII, concurrency: "twelve-factor app processes should never daemonize or write PID files. Instead, rely on
// the operating system's process manager […] to manage output streams, respond to crashed processes, and handle
// user-initiated restarts and shutdowns."
// Docs: docs/rules/concurrency/no-self-daemonize.md
import ts from 'typescript';
import { loadedModuleLiteral, moduleLoadVisitors, normalizeModule, skipOuterExpressions, textGate } from '../../ast';
import { optionValue, processCallOf, processOptions, promisifiedBindings } from '../../child-process';
import { resolveLiteral } from '../../connection';
import { packageNameOf } from '../../knowledge/modules';
import { commandProgram, entryFiles, sameModule, parseManifest, productionScripts, scriptCommands, type Manifest } from '../../manifest';
import { defineRule } from '../../rule';
import { isDeployedApp } from '../../roles';

/** Modules that detach the process from its parent, supervise it from inside the app, or keep a PID file. */
const DAEMON_MODULES: ReadonlySet<string> = new Set(['daemon', 'daemonize2', 'daemonize-process', 'forever-monitor', 'npid', 'pidfile', 'create-pid-file']);

const mayDaemonize = textGate(['child_process', 'cross-spawn', '.pid', 'process.pid', ...DAEMON_MODULES]);

const WRITES = /^(writeFile|writeFileSync|outputFile|outputFileSync|appendFile|appendFileSync)$/;

export default defineRule({
  id: 'concurrency/no-self-daemonize',
  factor: 'concurrency',
  severity: 'warning',
  description: 'The app runs in the foreground under the platform\'s process manager: it does not detach itself, supervise itself or write PID files.',
  messages: {
    detached:
      'Starts a detached Node.js process and lets it go (unref): the process manager can no longer see, restart or stop it. Run it as its own process type instead (VIII. Concurrency).',
    module: '"{{module}}" daemonizes or supervises the app from inside; run it in the foreground and let the process manager do that (VIII. Concurrency).',
    pidFile: 'Writes a PID file: the process manager tracks the processes it starts. Run in the foreground and drop the PID file (VIII. Concurrency).',
    script:
      'The "{{script}}" script runs "{{command}}", which puts the app in the background and returns: the platform sees the start command exit. Use pm2-runtime or node in the foreground (VIII. Concurrency).',
  },
  skipIn: ['test', 'script'],
  create(ctx) {
    const project = ctx.project;
    const manifest = project.manifest;
    // A command-line tool that starts its own background agent (a dev server, a desktop daemon) is doing its job.
    if (!isDeployedApp(project)) return { visit: {} };
    if (!mayDaemonize(ctx.text)) return { visit: {} };
    let promisified: ReturnType<typeof promisifiedBindings> | undefined;
    const onModule = (literal: ts.StringLiteralLike): void => {
      const name = packageNameOf(normalizeModule(literal.text));
      if (name !== undefined && DAEMON_MODULES.has(name)) ctx.report(literal, 'module', { module: name });
    };
    return {
      visit: {
        ...moduleLoadVisitors(onModule),
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const callee = skipOuterExpressions(call.expression);
          const [first, second] = call.arguments;
          const loaded = loadedModuleLiteral(call);
          if (loaded !== undefined) {
            onModule(loaded);
            return;
          }
          const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
          if (name !== undefined && WRITES.test(name) && first && second) {
            if (isPidFile(first, second)) ctx.report(call, 'pidFile');
            return;
          }
          promisified ??= promisifiedBindings(ctx.sourceFile, ctx.imports);
          const processCall = processCallOf(call, ctx.imports, promisified);
          if (!processCall || (processCall.module !== 'child_process' && processCall.module !== 'cross-spawn')) return;
          if (processCall.api !== 'spawn' && processCall.api !== 'fork' && processCall.api !== 'execFile') return;
          const options = processOptions(processCall);
          if (options === 'none' || options === 'unknown') return;
          const detached = optionValue(options, 'detached');
          if (!detached || detached.kind !== ts.SyntaxKind.TrueKeyword) return;
          if (processCall.api !== 'fork' && !runsNode(first)) return;
          // The app starting itself again: a helper script sent off in the background (a telemetry flush) is left alone.
          const script = processCall.api === 'fork' ? first : second;
          if (!script || !startsTheApp(script, manifest)) return;
          // detached alone puts the child in its own process group (to kill a tree); unref() lets it outlive the parent.
          if (isUnrefed(call)) ctx.report(call.expression, 'detached');
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
          for (const [name, script] of productionScripts(manifest)) {
            const command = backgroundingCommand(script.value);
            if (command) ctx.report({ start: script.valueRange.start + 1, end: script.valueRange.end - 1 }, 'script', { script: name, command });
          }
        },
      };
    },
  },
});

/** The program is Node itself: `process.execPath`, `process.argv[0]`, `process.argv0`, 'node'. */
function runsNode(program: ts.Expression | undefined): boolean {
  if (!program) return false;
  const expr = skipOuterExpressions(program);
  const text = expr.getText().replace(/\s+/g, '');
  if (text === 'process.execPath' || text === 'process.argv[0]' || text === 'process.argv0') return true;
  if (ts.isStringLiteralLike(expr)) return expr.text === 'node' || expr.text === 'node.exe';
  if (ts.isIdentifier(expr)) {
    const value = resolveLiteral(expr);
    return value !== undefined && value !== expr && runsNode(value);
  }
  return false;
}

/**
 * The script (or the arguments array) names the running app: `__filename`, `process.argv[1]`,
 * `...process.argv.slice(1)`, `require.main.filename`, `fileURLToPath(import.meta.url)`, or a file that package.json
 * starts the app with (`node loader.js`).
 */
function startsTheApp(script: ts.Expression, manifest: Manifest | undefined): boolean {
  const expr = skipOuterExpressions(script);
  const items = ts.isArrayLiteralExpression(expr) ? expr.elements.map((e) => (ts.isSpreadElement(e) ? e.expression : e)) : [expr];
  const entries = manifest ? entryFiles(manifest) : ['index.js', 'server.js'];
  return items.some((item) => {
    const text = item.getText().replace(/\s+/g, '');
    if (/^(__filename|process\.argv\[1\]|process\.argv\.slice\([01]\)|require\.main\.filename|require\.main\?\.filename|process\.mainModule\.filename|(url\.)?fileURLToPath\(import\.meta\.url\))$/.test(text)) return true;
    const value = skipOuterExpressions(item);
    return ts.isStringLiteralLike(value) && entries.some((entry) => sameModule(entry, value.text));
  });
}

/** `spawn(…).unref()`, or `const child = spawn(…)` followed by `child.unref()` in the same function. */
function isUnrefed(call: ts.CallExpression): boolean {
  let parent = call.parent;
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent))) parent = parent.parent;
  if (parent && ts.isPropertyAccessExpression(parent) && parent.name.text === 'unref') return true;
  let name: string | undefined;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) name = parent.name.text;
  else if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) name = parent.left.getText();
  if (name === undefined) return false;
  let scope: ts.Node = call;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  const target = name;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'unref') {
      const object = skipOuterExpressions(node.expression.expression).getText().replace(/\?$/, '');
      if (object === target) {
        found = true;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}

/** `writeFileSync('/var/run/app.pid', …)`, `writeFile(pidPath, String(process.pid))`. */
function isPidFile(path: ts.Expression, data: ts.Expression): boolean {
  if (/\bprocess\.pid\b/.test(data.getText())) return true;
  const expr = skipOuterExpressions(path);
  const literal = ts.isStringLiteralLike(expr) ? expr : ts.isIdentifier(expr) ? resolveLiteral(expr) : undefined;
  if (literal && ts.isStringLiteralLike(literal)) return /\.pid$/i.test(literal.text);
  if (ts.isTemplateExpression(expr)) return /\.pid$/i.test(expr.templateSpans[expr.templateSpans.length - 1].literal.text);
  return false;
}

/** `pm2 start app.js` (not `--no-daemon`), `forever start app.js`: commands that background the app and return. */
function backgroundingCommand(script: string): string | undefined {
  for (const words of scriptCommands(script)) {
    const at = commandProgram(words);
    const [program, sub] = [words[at], words[at + 1]];
    if (program === 'pm2' && (sub === 'start' || sub === 'restart' || sub === 'reload') && !words.includes('--no-daemon')) return `pm2 ${sub}`;
    if (program === 'forever' && (sub === 'start' || sub === 'restart')) return `forever ${sub}`;
  }
  return undefined;
}
