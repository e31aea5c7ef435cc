// Factor XI, logs: a service never routes or stores its own log; it writes to stdout and the environment decides.
// Docs: docs/rules/logs/no-log-files.md
import ts from 'typescript';
import { envReadName, isEnvRead, normalizeModule, skipOuterExpressions, textGate } from '../../ast';
import { someNode } from '../../walk';
import { collectAliases, ConstLookup, propertyProperty, propertyValue, resolveRef, type ModuleRef } from '../../module-refs';
import { defineRule } from '../../rule';

const FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra', 'graceful-fs', 'mz/fs']);
const FS_APPENDERS = new Set(['appendFile', 'appendFileSync', 'createWriteStream']);
const FS_WRITERS = new Set(['writeFile', 'writeFileSync']);
// Compared in lower case: old configs spell them `datefile`.
const LOG4JS_FILE_APPENDERS = new Set(['file', 'datefile', 'filesync', 'multifile']);
// koa-log4 re-exports log4js with the same configure().
const LOG4JS_MODULES = new Set(['log4js', 'koa-log4']);
const PINO_FILE_TARGETS = new Set(['pino/file', 'pino-roll']);
// Paths that are the process's own standard streams (or nowhere): writing there is what the factor asks for.
const STANDARD_STREAM = /^(\/dev\/(stdout|stderr|null|fd\/[12])|\/proc\/self\/fd\/[12]|stdout|stderr|-)$/i;
// Env toggles that make file logging opt-in per deployment; NODE_ENV is a stage name, not a routing choice.
const STAGE_VARIABLES = /^(NODE_ENV|APP_ENV|ENV|ENVIRONMENT|STAGE)$/;

export default defineRule({
  id: 'logs/no-log-files',
  factor: 'logs',
  severity: 'warning',
  description: 'Logs written to files; write them to stdout and let the environment route them.',
  messages: {
    logFileNamed:
      'Logs written to the file "{{file}}"; write them to stdout and let the environment route them (XI. Logs).',
    logFile: 'Logs written to a file; write them to stdout and let the environment route them (XI. Logs).',
  },
  skipIn: ['test', 'script'],
  create(ctx) {
    if (!mayLogToFiles(ctx.text)) return { visit: {} };
    const aliases = collectAliases(ctx.sourceFile, ctx.imports);
    const resolve = (expr: ts.Expression): ModuleRef | undefined => resolveRef(expr, ctx.imports, aliases);
    const consts = new ConstLookup(ctx.sourceFile);
    const reported = new Set<ts.Node>();

    const report = (node: ts.Node, fileExpr: ts.Expression | undefined, range?: { start: number; end: number }): void => {
      if (reported.has(node) || isEnvOptIn(node)) return;
      reported.add(node);
      const file = fileExpr ? describePath(fileExpr, consts) : undefined;
      if (file !== undefined) ctx.report(node, 'logFileNamed', { file }, range);
      else ctx.report(node, 'logFile', undefined, range);
    };
    const calleeRange = (call: ts.CallExpression | ts.NewExpression): { start: number; end: number } => ({
      start: call.getStart(ctx.sourceFile),
      end: call.expression.getEnd(),
    });

    const onCallOrNew = (node: ts.Node): void => {
      const call = node as ts.CallExpression | ts.NewExpression;
      const args: readonly ts.Expression[] = call.arguments ?? [];
      const ref = resolve(call.expression);
      const first = args[0] === undefined ? undefined : skipOuterExpressions(args[0]);
      if (!ref) {
        // log.addStream({ type: 'rotating-file', path }) on a bunyan logger held in a variable.
        const callee = skipOuterExpressions(call.expression);
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'addStream' && first && ts.isObjectLiteralExpression(first)) {
          checkBunyanStream(first);
        }
        return;
      }
      const module = normalizeModule(ref.module);
      const last = ref.path[ref.path.length - 1];

      if (module === 'winston' && ts.isNewExpression(call)) {
        if (ref.path.length === 2 && ref.path[0] === 'transports' && (last === 'File' || last === 'DailyRotateFile')) {
          checkWinstonFile(call, first);
        }
        return;
      }
      if (module === 'winston-daily-rotate-file' && ts.isNewExpression(call) && (ref.path.length === 0 || (ref.path.length === 1 && last === 'default'))) {
        checkWinstonFile(call, first);
        return;
      }
      if (module === 'pino' && (last === undefined || last === 'pino' || last === 'default') && ts.isCallExpression(call)) {
        // pino('./app.log') and pino(options, './app.log'): a string destination is a file path.
        const dest = args.slice(0, 2).find((arg) => isFilePath(arg, consts));
        if (dest) report(call, dest, calleeRange(call));
        return;
      }
      if (module === 'pino' && last === 'destination' && ts.isCallExpression(call)) {
        const dest = first && ts.isObjectLiteralExpression(first) ? propertyValue(first, 'dest') : first;
        if (dest && isFilePath(dest, consts)) report(call, dest, calleeRange(call));
        return;
      }
      if (module === 'sonic-boom' && (last === undefined || last === 'SonicBoom' || last === 'default')) {
        const dest = first && ts.isObjectLiteralExpression(first) ? propertyValue(first, 'dest') : undefined;
        if (dest && isFilePath(dest, consts)) report(call, dest, calleeRange(call));
        return;
      }
      if (module === 'pino-roll' && (last === undefined || last === 'default')) {
        const file = first && ts.isObjectLiteralExpression(first) ? propertyValue(first, 'file') : undefined;
        report(call, file, calleeRange(call));
        return;
      }
      if (module === 'rotating-file-stream' && (last === undefined || last === 'createStream' || last === 'default')) {
        report(call, first && !ts.isFunctionLike(first) ? first : undefined, calleeRange(call));
        return;
      }
      if (module === 'file-stream-rotator' && last === 'getStream') {
        const file = first && ts.isObjectLiteralExpression(first) ? propertyValue(first, 'filename') : undefined;
        report(call, file, calleeRange(call));
        return;
      }
      if (module === 'bunyan-rotating-file-stream' && ts.isNewExpression(call)) {
        const file = first && ts.isObjectLiteralExpression(first) ? propertyValue(first, 'path') : undefined;
        report(call, file, calleeRange(call));
        return;
      }
      if (module === 'bunyan' && (last === undefined || last === 'createLogger' || last === 'default')) {
        const options = first && consts.objectLiteral(first);
        const streams = options && propertyValue(options, 'streams');
        if (streams && ts.isArrayLiteralExpression(streams)) {
          for (const element of streams.elements) {
            const stream = skipOuterExpressions(element);
            if (ts.isObjectLiteralExpression(stream)) checkBunyanStream(stream);
          }
        }
        return;
      }
      if (LOG4JS_MODULES.has(module) && last === 'configure') {
        const options = first && consts.objectLiteral(first);
        if (options) checkLog4jsConfig(options);
        return;
      }
      if (LOG4JS_MODULES.has(module) && ref.path.length === 2 && ref.path[0] === 'appenders' && LOG4JS_FILE_APPENDERS.has(last.toLowerCase())) {
        // log4js 0.x: log4js.appenders.file('logs/app.log')
        report(call, first, calleeRange(call));
        return;
      }
      if (module === 'fastify' && (last === undefined || last === 'default' || last === 'fastify')) {
        const options = first && consts.objectLiteral(first);
        const logger = options && propertyValue(options, 'logger');
        const file = logger && ts.isObjectLiteralExpression(logger) ? propertyProperty(logger, 'file') : undefined;
        if (file && isFilePath(file.initializer, consts)) report(file, file.initializer);
        return;
      }
      if (FS_MODULES.has(module) && last !== undefined && (FS_APPENDERS.has(last) || FS_WRITERS.has(last))) {
        if (first && isLogPath(first, FS_APPENDERS.has(last), consts)) report(call, first, calleeRange(call));
      }
    };

    function checkWinstonFile(call: ts.NewExpression | ts.CallExpression, options: ts.Expression | undefined): void {
      const literal = options && consts.objectLiteral(options);
      const filename = literal && propertyValue(literal, 'filename');
      if (filename) {
        const value = consts.value(filename);
        // The deployment picks the file (or /dev/stdout): the code no longer decides where logs go.
        if (isEnvRead(value)) return;
        if (isStringLiteralish(value) && STANDARD_STREAM.test(value.text)) return;
      }
      report(call, filename && isFilePath(filename, consts) ? filename : undefined, calleeRange(call));
    }

    function checkBunyanStream(stream: ts.ObjectLiteralExpression): void {
      const path = propertyProperty(stream, 'path');
      if (!path || !isFilePath(path.initializer, consts)) return;
      const type = propertyValue(stream, 'type');
      if (type && !(isStringLiteralish(type) && (type.text === 'file' || type.text === 'rotating-file'))) return;
      report(path, path.initializer);
    }

    function checkLog4jsConfig(options: ts.ObjectLiteralExpression): void {
      const appenders = propertyValue(options, 'appenders');
      if (!appenders) return;
      const entries: ts.Expression[] = [];
      if (ts.isObjectLiteralExpression(appenders)) {
        for (const property of appenders.properties) if (ts.isPropertyAssignment(property)) entries.push(property.initializer);
      } else if (ts.isArrayLiteralExpression(appenders)) {
        entries.push(...appenders.elements);
      }
      for (const entry of entries) {
        const appender = skipOuterExpressions(entry);
        if (!ts.isObjectLiteralExpression(appender)) continue;
        const type = propertyProperty(appender, 'type');
        if (!type || !isStringLiteralish(type.initializer) || !LOG4JS_FILE_APPENDERS.has(type.initializer.text.toLowerCase())) continue;
        const file = propertyValue(appender, 'filename') ?? propertyValue(appender, 'base');
        report(type, file && isFilePath(file, consts) ? file : undefined);
      }
    }

    // `{ target: 'pino/file', options: { destination: './app.log' } }`, in pino(), pino.transport() or a
    // framework's logger options (Fastify, NestJS pino modules) that import nothing from pino themselves.
    const onObject = (node: ts.Node): void => {
      const object = node as ts.ObjectLiteralExpression;
      const target = propertyProperty(object, 'target');
      if (!target || !isStringLiteralish(target.initializer) || !PINO_FILE_TARGETS.has(target.initializer.text)) return;
      const options = propertyValue(object, 'options');
      const optionsObject = options && ts.isObjectLiteralExpression(options) ? options : undefined;
      if (target.initializer.text === 'pino-roll') {
        const file = optionsObject && propertyValue(optionsObject, 'file');
        if (file && isEnvRead(consts.value(file))) return;
        report(target, file && isFilePath(file, consts) ? file : undefined);
        return;
      }
      // pino/file without a destination writes to stdout (fd 1).
      const destination = optionsObject && propertyValue(optionsObject, 'destination');
      if (destination && isFilePath(destination, consts)) report(target, destination);
    };

    return {
      visit: {
        CallExpression: onCallOrNew,
        NewExpression: onCallOrNew,
        ObjectLiteralExpression: onObject,
      },
    };
  },
});

/**
 * Every report goes through one of the logger modules above (their names also cover winston-daily-rotate-file,
 * pino/file, pino-roll, bunyan-rotating-file-stream and koa-log4), a bunyan `addStream`, or an fs module (`fs`,
 * `node:fs`, `fs/promises`, `fs-extra`, `graceful-fs`, `mz/fs`) with one of its append or write methods.
 */
const mayNameLogger = textGate(['winston', 'pino', 'sonic-boom', 'rotating-file-stream', 'file-stream-rotator', 'bunyan', 'log4', 'fastify', 'addStream']);
const mayNameFs = textGate([], ['fs']);
const mayNameFsWrite = textGate(['appendFile', 'createWriteStream', 'writeFile']);

function mayLogToFiles(text: string): boolean {
  return mayNameLogger(text) || (mayNameFs(text) && mayNameFsWrite(text));
}

function isStringLiteralish(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

/**
 * True when the expression evidently names a file: a path literal, a template or concatenation with literal parts,
 * `path.join(…, 'app.log')`, or an env read with such a fallback. Numbers (file descriptors), the standard streams,
 * bare env reads and unknown variables are not.
 */
function isFilePath(node: ts.Expression, consts: ConstLookup): boolean {
  // process.env.LOG_FILE || './app.log': the default still writes to a file. Followed in a loop, a few steps at most.
  let expr = consts.value(node);
  for (let steps = 0; steps < 8 && ts.isBinaryExpression(expr) && isDefaultOperator(expr.operatorToken.kind); steps++) {
    expr = consts.value(expr.right);
  }
  if (isStringLiteralish(expr)) return expr.text.trim() !== '' && !STANDARD_STREAM.test(expr.text.trim());
  if (ts.isTemplateExpression(expr)) return true;
  if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) return literalParts(expr, consts).some((part) => part !== '');
    return false;
  }
  if (ts.isCallExpression(expr) && isPathCall(expr)) {
    return expr.arguments.some((arg) => isStringLiteralish(skipOuterExpressions(arg)));
  }
  return false;
}

/** A file path that looks like a log: ends in `.log`, or (for appends) sits in a `logs/` folder. */
function isLogPath(node: ts.Expression, appending: boolean, consts: ConstLookup): boolean {
  if (!isFilePath(node, consts)) return false;
  const text = describePath(node, consts);
  if (text === undefined) return false;
  if (/\.log$/i.test(text)) return true;
  return appending && /(^|\/)logs?\//i.test(text);
}

function isDefaultOperator(op: ts.SyntaxKind): boolean {
  return op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken;
}

function isPathCall(call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  return name === 'join' || name === 'resolve' || name === 'normalize';
}

function literalParts(expr: ts.Expression, consts: ConstLookup): string[] {
  // In source order, with an explicit stack: a `+` chain is as deep as it is long.
  // A constant that refers to itself (`const a = 'x' + a`) is read once.
  const parts: string[] = [];
  const stack: ts.Expression[] = [expr];
  const seen = new Set<ts.Node>();
  while (stack.length > 0) {
    const node = consts.value(stack.pop() as ts.Expression);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken && !seen.has(node)) {
      seen.add(node);
      stack.push(node.right, node.left);
    } else {
      parts.push(isStringLiteralish(node) ? node.text : '');
    }
  }
  return parts;
}

/**
 * A short, readable form of a path expression for the message: './app.log', '…/logs/app.log' for
 * `path.join(__dirname, 'logs', 'app.log')`, or undefined when nothing of it is literal.
 */
function describePath(node: ts.Expression, consts: ConstLookup): string | undefined {
  let expr = consts.value(node);
  for (let steps = 0; steps < 8 && ts.isBinaryExpression(expr) && isDefaultOperator(expr.operatorToken.kind); steps++) {
    expr = consts.value(expr.right);
  }
  let text: string | undefined;
  if (isStringLiteralish(expr)) text = expr.text;
  else if (ts.isTemplateExpression(expr)) {
    text = expr.head.text + expr.templateSpans.map((span) => `…${span.literal.text}`).join('');
  } else if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) {
      text = literalParts(expr, consts)
        .map((part) => (part === '' ? '…' : part))
        .join('');
    }
  } else if (ts.isCallExpression(expr) && isPathCall(expr)) {
    text = expr.arguments
      .map((arg) => {
        const value = consts.value(arg);
        return isStringLiteralish(value) ? value.text.replace(/^\/+|\/+$/g, '') : '…';
      })
      .filter((part) => part !== '')
      .join('/');
  }
  if (text === undefined || !/[^…/.\s]/.test(text)) return undefined;
  return text.length > 80 ? `…${text.slice(-79)}` : text;
}

/**
 * Inside `if (process.env.LOG_TO_FILE)`, `options.logFile ? … : …` and the like: file logging the deployment
 * switches on. A NODE_ENV check does not count: it picks a stage, and a production stage writing files is the problem.
 */
function isEnvOptIn(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let current = node.parent; current && !ts.isSourceFile(current); child = current, current = current.parent) {
    let condition: ts.Expression | undefined;
    if (ts.isIfStatement(current) && child !== current.expression) condition = current.expression;
    else if (ts.isConditionalExpression(current) && child !== current.condition) condition = current.condition;
    else if (
      ts.isBinaryExpression(current) &&
      child === current.right &&
      current.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
    ) {
      condition = current.left;
    }
    if (condition && isOptInCondition(condition)) return true;
  }
  return false;
}

function isOptInCondition(condition: ts.Node): boolean {
  return someNode(condition, isOptInPart);
}

function isOptInPart(condition: ts.Node): boolean {
  if (ts.isExpression(condition)) {
    const name = envReadName(condition);
    if (name !== undefined && !STAGE_VARIABLES.test(name)) return true;
  }
  // `if (options.logFile)`, `if (!_.isNil(options.dirname))`: a caller's option decides whether files are written.
  return ts.isIdentifier(condition) && /file|dir|folder/i.test(condition.text);
}
