// Factor IX, disposability: after an uncaught exception the process is in an unknown state; it should report the
// error and exit, and let the process manager start a clean one (crash-only design).
// Docs: docs/rules/disposability/exit-on-uncaught.md
import ts from 'typescript';
import { dottedName, isStringLiteralLike, skipOuterExpressions, textGate } from '../../ast';
import { forEachDescendant } from '../../walk';
import { collectStageFlags, excludesProduction, readStageTest, type StageFlags } from '../../stage';
import { defineRule } from '../../rule';

const EVENTS = new Set(['uncaughtException', 'unhandledRejection', 'uncaughtExceptionMonitor']);
const REGISTER = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const UNREGISTER = new Set(['off', 'removeListener']);

/**
 * Calls a handler may make that neither exit nor hand the error on: logging, error reporting, formatting. Only a
 * handler made of these (and of functions of the file that are) is reported; any other call might exit.
 */
const LOG_RECEIVER = /^(console|(_|this\.)?(logger|log|_logger|winston|pino|bunyan|debug|signale|consola)|Sentry|Bugsnag|bugsnag|Raven|raven|rollbar|Rollbar|newrelic|appInsights|airbrake|Honeybadger|util|JSON|Object|Array|String|Number|Date|Math|chalk|colors)$/i;
const LOG_METHOD = /^(log|info|warn|warning|error|fatal|debug|trace|verbose|silly|crit|critical|alert|emerg|notice|captureException|captureMessage|captureError|notify|flush|stringify|inspect|format|keys|toString|toISOString|now|red|yellow|bold)$/;
/** String and array methods, on any receiver. */
const PURE_METHOD = /^(includes|startsWith|endsWith|indexOf|split|slice|substring|match|test|replace|replaceAll|trim|toLowerCase|toUpperCase|join|map|filter|some|every|find|padStart|padEnd)$/;
/** Methods that send an error to a tracker, on any receiver. */
const REPORT_METHOD = /^((send|capture|report|track|record|log)(Error|Exception)|errorLog)$/;
/** Names of functions that end the process, or that hand the error on to something that might: shut down, rethrow. */
const EXITING_NAME = /exit|shutdown|shutDown|terminate|kill|stop|close|quit|crash|die|abort|destroy|graceful|cleanup|cleanUp|teardown|tearDown|fatal|panic|restart|reject|done|callback|cb|next|throw|emit|handle|process/i;

type Verdict = 'exits' | 'continues' | 'unknown';

interface Scope {
  functions: ReadonlyMap<string, ts.FunctionLikeDeclaration[]>;
  stageFlags: StageFlags;
}

export default defineRule({
  id: 'disposability/exit-on-uncaught',
  factor: 'disposability',
  severity: 'warning',
  description: 'An uncaughtException or unhandledRejection handler that logs and carries on instead of exiting.',
  messages: {
    carriesOn:
      "This '{{event}}' handler reports the error and carries on: the process keeps serving in an unknown state. Exit after reporting (process.exit(1)) and let the process manager start a fresh one (IX. Disposability).",
  },
  skipIn: ['test', 'script'],
  create(ctx) {
    if (!mayHandle(ctx.text)) return { visit: {} };
    const functions = new Map<string, ts.FunctionLikeDeclaration[]>();
    const registrations: Array<{ call: ts.CallExpression; event: string; handler: ts.Expression }> = [];
    const removed = new Set<string>();
    const remember = (name: string, fn: ts.FunctionLikeDeclaration): void => {
      const list = functions.get(name);
      if (list) list.push(fn);
      else functions.set(name, [fn]);
    };
    return {
      visit: {
        FunctionDeclaration(node) {
          const fn = node as ts.FunctionDeclaration;
          if (fn.name && fn.body) remember(fn.name.text, fn);
        },
        VariableDeclaration(node) {
          const decl = node as ts.VariableDeclaration;
          const init = decl.initializer && skipOuterExpressions(decl.initializer);
          if (ts.isIdentifier(decl.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) remember(decl.name.text, init);
        },
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const callee = skipOuterExpressions(call.expression);
          if (!ts.isPropertyAccessExpression(callee) || dottedName(callee.expression) !== 'process') return;
          const [event, handler] = call.arguments;
          if (!event || !handler || !isStringLiteralLike(event) || !EVENTS.has(event.text)) return;
          if (REGISTER.has(callee.name.text)) registrations.push({ call, event: event.text, handler });
          else if (UNREGISTER.has(callee.name.text) && ts.isIdentifier(handler)) removed.add(handler.text);
        },
      },
      end() {
        // Electron's main process and desktop tools keep running on purpose; libraries leave exiting to their host.
        if (ctx.project.isLibrary || ctx.project.dependencies.has('electron')) return;
        if (registrations.length === 0) return;
        const scope: Scope = { functions, stageFlags: collectStageFlags(ctx.sourceFile) };
        // A monitor only observes: Node exits anyway after it.
        const events = new Set(registrations.filter((r) => r.event !== 'uncaughtExceptionMonitor').map((r) => r.event));
        const exitsFor = new Map<string, boolean>();
        for (const { call, event, handler: registered } of registrations) {
          if (!events.has(event)) continue;
          // A handler removed again in the file (uptime-kuma's, around a pool's close) swallows one known error for a
          // moment; it is not how the process treats crashes.
          const handler = skipOuterExpressions(registered);
          if (ts.isIdentifier(handler) && removed.has(handler.text)) continue;
          // Several handlers for one event in the file: any one that exits is enough (judged once per event).
          let exits = exitsFor.get(event);
          if (exits === undefined) {
            exits = registrations.some((other) => other.event === event && verdictOf(other.handler, scope) !== 'continues');
            exitsFor.set(event, exits);
          }
          if (exits) continue;
          ctx.report(call, 'carriesOn', { event }, { start: call.getStart(ctx.sourceFile), end: call.arguments[0].getEnd() });
          events.delete(event);
        }
      },
    };
  },
});

const mayHandle = textGate(['uncaughtException', 'unhandledRejection']);

function verdictOf(handler: ts.Expression, scope: Scope): Verdict {
  const expr = skipOuterExpressions(handler);
  if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) return bodyVerdict(expr, scope, new Set(), 0);
  // process.on('uncaughtException', console.error)
  if (ts.isPropertyAccessExpression(expr)) return isLoggingCall(expr) ? 'continues' : 'unknown';
  if (ts.isIdentifier(expr)) return namedVerdict(expr.text, scope, new Set(), 0);
  return 'unknown';
}

function namedVerdict(name: string, scope: Scope, seen: Set<string>, depth: number): Verdict {
  const declared = scope.functions.get(name);
  // Declared elsewhere, or twice (two scopes): not followed.
  if (!declared || declared.length !== 1) return 'unknown';
  if (seen.has(name)) return 'continues';
  seen.add(name);
  return bodyVerdict(declared[0], scope, seen, depth + 1);
}

/** Whether a handler's body can end the process or hand the error on, looking into the file's own functions it calls. */
function bodyVerdict(fn: ts.FunctionLikeDeclaration, scope: Scope, seen: Set<string>, depth: number): Verdict {
  if (!fn.body || depth > 3) return 'unknown';
  let verdict: Verdict = 'continues';
  const visit = (node: ts.Node): boolean | undefined => {
    if (verdict !== 'continues') return false;
    // `if (NODE_ENV !== 'production') process.exit(1)`: an exit only outside production does not count.
    if (ts.isIfStatement(node) || ts.isConditionalExpression(node)) {
      const test = readStageTest(ts.isIfStatement(node) ? node.expression : node.condition, scope.stageFlags);
      if (test) {
        const [whenTrue, whenFalse] = ts.isIfStatement(node) ? [node.thenStatement, node.elseStatement] : [node.whenTrue, node.whenFalse];
        for (const [arm, side] of [[whenTrue, test.whenTrue], [whenFalse, test.whenFalse]] as const) {
          if (arm && !excludesProduction(side) && visit(arm) !== false) forEachDescendant(arm, visit);
        }
        return false;
      }
    }
    if (ts.isThrowStatement(node)) verdict = 'exits';
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && dottedName(node.left) === 'process.exitCode') verdict = 'exits';
    else if (ts.isCallExpression(node) || ts.isNewExpression(node)) verdict = callVerdict(node, scope, seen, depth);
    return undefined;
  };
  // An arrow's expression body is itself the first node to judge.
  if (visit(fn.body) !== false) forEachDescendant(fn.body, visit);
  return verdict;
}

function callVerdict(call: ts.CallExpression | ts.NewExpression, scope: Scope, seen: Set<string>, depth: number): Verdict {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isNewExpression(call)) return ts.isIdentifier(callee) && /^(Error|Date|\w*Error)$/.test(callee.text) ? 'continues' : 'unknown';
  const name = dottedName(callee);
  if (name === undefined) return 'unknown';
  if (/^process\.(exit|abort|reallyExit|kill|emit)$/.test(name)) return 'exits';
  // A logger's own method logs, whatever its name says (`logger.fatal(err)` does not end the process).
  if (ts.isPropertyAccessExpression(callee) && isLoggingCall(callee)) return 'continues';
  const last = name.slice(name.lastIndexOf('.') + 1);
  if (EXITING_NAME.test(last)) return 'exits';
  // err.stack.includes('…'), message.split('\n'): string and array methods end nothing.
  if (ts.isPropertyAccessExpression(callee) && PURE_METHOD.test(callee.name.text)) return 'continues';
  if (ts.isIdentifier(callee)) {
    if (/^(String|Number|Boolean|Error|setTimeout|setImmediate|clearTimeout|require)$/.test(callee.text)) return 'continues';
    return namedVerdict(callee.text, scope, seen, depth);
  }
  return 'unknown';
}

/** `console.error`, `logger.fatal`, `this.logger.error`, `Sentry.captureException`, `err.stack.toString`. */
function isLoggingCall(callee: ts.PropertyAccessExpression): boolean {
  // telemetry.sendError(err), monitoring.reportException(err), appInsights.trackException({ exception }).
  if (REPORT_METHOD.test(callee.name.text)) return true;
  if (!LOG_METHOD.test(callee.name.text)) return false;
  const receiver = dottedName(callee.expression);
  if (receiver === undefined) return false;
  return LOG_RECEIVER.test(receiver) || /(^|\.)(logger|log|console)$/i.test(receiver) || /^(err|error|e|ex|reason|exception)(\.\w+)*$/.test(receiver);
}
