// What the analyzer knows about loggers: which call creates which kind, and how each kind takes its arguments.
// Shared by the facts collector (a module that exports a logger) and the "Replace with logger" fix.
import ts from 'typescript';
import { normalizeModule, requiredModule, skipOuterExpressions, type ImportMap } from './ast';

/**
 * How a logger takes its arguments, which decides how console's arguments are mapped:
 * - `pino`: pino and Fastify's `app.log`/`request.log`: `(mergeObject?, message?, ...printfArgs)`; arguments that no
 *   `%s` of the message takes are dropped, an Error is serialized only under `err` (or as the only argument);
 * - `bunyan`: like console after an optional fields object (it formats the rest with `util.format`), and an Error
 *   is serialized only as the first argument;
 * - `winston`: `(message, meta?)`; without `format.splat()` only one meta object is kept, merged into the record
 *   (an Error there adds its message to the message and keeps its stack);
 * - `console-like`: consola, log4js, signale, loglevel, tslog: they print every argument as console does;
 * - `nest`: NestJS `Logger`: `(message, context?)`, `error(message, stack?, context?)`: a trailing string becomes the
 *   context and an Error prints without its stack, so only one-string calls keep their meaning;
 * - `unknown`: a project's own logger whose kind is not known: only one-string calls can be rewritten safely.
 */
export type LoggerKind = 'pino' | 'bunyan' | 'winston' | 'console-like' | 'nest' | 'unknown';

/** console method → the logger method of each kind; a missing entry means no rewrite (the method does not exist). */
const LEVELS: Record<LoggerKind, Readonly<Record<string, string>>> = {
  pino: { log: 'info', info: 'info', warn: 'warn', error: 'error', debug: 'debug' },
  bunyan: { log: 'info', info: 'info', warn: 'warn', error: 'error', debug: 'debug' },
  winston: { log: 'info', info: 'info', warn: 'warn', error: 'error', debug: 'debug' },
  'console-like': { log: 'info', info: 'info', warn: 'warn', error: 'error', debug: 'debug' },
  nest: { log: 'log', info: 'log', warn: 'warn', error: 'error', debug: 'debug' },
  unknown: { log: 'info', info: 'info', warn: 'warn', error: 'error', debug: 'debug' },
};

/**
 * The logger method a console method becomes, or undefined when the logger has none that prints the same way.
 * `console.trace` has none anywhere: its point is the stack trace it prints, which no logger level adds.
 */
export function loggerLevel(kind: LoggerKind, consoleMethod: string): string | undefined {
  const levels = LEVELS[kind];
  return Object.prototype.hasOwnProperty.call(levels, consoleMethod) ? levels[consoleMethod] : undefined;
}

/**
 * The kind of logger a call creates: `pino()`, `require('pino')()`, `winston.createLogger()`, `createLogger()` from
 * winston or bunyan, `bunyan.createLogger()`, `log4js.getLogger()`, `createConsola()`.
 */
export function loggerCreatedBy(init: ts.Expression, imports: ImportMap): LoggerKind | undefined {
  const expr = skipOuterExpressions(init);
  if (!ts.isCallExpression(expr)) return undefined;
  const callee = skipOuterExpressions(expr.expression);
  const required = requiredModule(callee);
  if (required !== undefined) return normalizeModule(required) === 'pino' ? 'pino' : undefined;
  if (ts.isIdentifier(callee)) {
    const binding = imports.get(callee.text);
    if (!binding) return undefined;
    const module = normalizeModule(binding.module);
    if (module === 'pino') return ['default', '*', 'pino'].includes(binding.imported) ? 'pino' : undefined;
    if (module === 'winston' || module === 'bunyan') return binding.imported === 'createLogger' ? module : undefined;
    if (module === 'log4js') return binding.imported === 'getLogger' ? 'console-like' : undefined;
    return module === 'consola' && binding.imported === 'createConsola' ? 'console-like' : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const object = skipOuterExpressions(callee.expression);
  if (!ts.isIdentifier(object)) return undefined;
  const binding = imports.get(object.text);
  if (!binding || !['default', '*'].includes(binding.imported)) return undefined;
  const module = normalizeModule(binding.module);
  const method = callee.name.text;
  if ((module === 'winston' || module === 'bunyan') && method === 'createLogger') return module;
  if (module === 'pino' && method === 'pino') return 'pino';
  return module === 'log4js' && method === 'getLogger' ? 'console-like' : undefined;
}

/** A logger a module exports: its exported name ('default' for `export default` / `module.exports =`) and kind. */
export interface LoggerExport {
  name: string;
  kind: LoggerKind;
}

/**
 * The loggers a file exports: `export const logger = pino()`, `const logger = pino(); export { logger }`,
 * `export default logger`, `module.exports = logger`, `module.exports = { logger }`, `exports.logger = logger`.
 * Reads top-level statements only.
 */
export function exportedLoggers(sourceFile: ts.SourceFile, imports: ImportMap): LoggerExport[] {
  const locals = new Map<string, LoggerKind>();
  const found: LoggerExport[] = [];
  const exported = (node: ts.Node): boolean =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
  const kindOf = (expr: ts.Expression): LoggerKind | undefined => {
    const inner = skipOuterExpressions(expr);
    return ts.isIdentifier(inner) ? locals.get(inner.text) : loggerCreatedBy(inner, imports);
  };
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
        const kind = kindOf(decl.initializer);
        if (kind === undefined) continue;
        locals.set(decl.name.text, kind);
        if (exported(statement)) found.push({ name: decl.name.text, kind });
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const kind = kindOf(statement.expression);
      if (kind) found.push({ name: 'default', kind });
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) {
        const kind = locals.get((element.propertyName ?? element.name).text);
        if (kind) found.push({ name: element.name.text, kind });
      }
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression)) {
      const { left, right, operatorToken } = statement.expression;
      if (operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const target = dotted(left);
      if (target === 'module.exports') {
        const value = skipOuterExpressions(right);
        if (ts.isObjectLiteralExpression(value)) {
          for (const property of value.properties) {
            if (ts.isShorthandPropertyAssignment(property)) {
              const kind = locals.get(property.name.text);
              if (kind) found.push({ name: property.name.text, kind });
            } else if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name)) {
              const kind = kindOf(property.initializer);
              if (kind) found.push({ name: property.name.text, kind });
            }
          }
        } else {
          const kind = kindOf(value);
          if (kind) found.push({ name: 'default', kind });
        }
      } else if (target !== undefined && /^(module\.)?exports\.\w+$/.test(target)) {
        const kind = kindOf(right);
        if (kind) found.push({ name: target.slice(target.lastIndexOf('.') + 1), kind });
      }
    }
  }
  return found;
}

/** `module.exports.logger` → 'module.exports.logger'; undefined past three parts or for anything computed. */
function dotted(node: ts.Expression): string | undefined {
  const parts: string[] = [];
  let expr = skipOuterExpressions(node);
  while (ts.isPropertyAccessExpression(expr) && parts.length < 3) {
    parts.unshift(expr.name.text);
    expr = skipOuterExpressions(expr.expression);
  }
  return ts.isIdentifier(expr) && parts.length < 3 ? [expr.text, ...parts].join('.') : undefined;
}
