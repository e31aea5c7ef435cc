// "Replace with logger" for logs/no-console: console calls become calls of the file's logger, the class's NestJS
// Logger, a configured import, or a new pino logger. Never safe: the output changes (format, level, destination).
import ts from 'typescript';
import { normalizeModule, requiredModule, skipOuterExpressions, type ImportBinding, type ImportMap } from '../ast';
import { LOGGER_MODULES, type ProjectView } from '../project';
import type { Fix, TextEdit } from '../rule';
import { forEachDescendant } from '../walk';
import { afterStatement, namesInUse, sourceStyle, type SourceStyle } from './style';

export interface ConsoleCall {
  /** `console.log` or `console['log']`, the callee or an argument of a call. */
  node: ts.PropertyAccessExpression | ts.ElementAccessExpression;
  method: string;
}

export interface LoggerFixContext {
  fileName: string;
  sourceFile: ts.SourceFile;
  imports: ImportMap;
  project: ProjectView;
  /** The rule option `loggerImport`: an import statement that brings the project's logger into scope. */
  loggerImport?: unknown;
}

/** console method → logger level; methods that are not a log line (`table`, `dir`, `count`…) have none. */
const LEVELS: Record<string, string> = { log: 'info', info: 'info', warn: 'warn', error: 'error', debug: 'debug', trace: 'debug' };
const NEST_LEVELS: Record<string, string> = { log: 'log', info: 'log', warn: 'warn', error: 'error', debug: 'debug', trace: 'debug' };
const REPLACE_ALL = 'Replace all console calls in this file';

/** A logger to call: its expression, the level names it takes, and the edits that bring it into the file. */
interface Target {
  expr: string;
  levels: Record<string, string>;
  setup: TextEdit[];
  /** Title of the one-call fix, given the replacement callee (`logger.info`). */
  title: (callee: string) => string;
}

/**
 * The fixes of each console call, in the order given: "Replace with <logger>.<level>" (or "Add a pino logger"),
 * and "Replace all console calls in this file" when more than one call can be replaced. The one-time import and
 * logger declaration are the same edits in every fix, so the file-wide fix adds them once.
 */
export function consoleFixes(calls: readonly ConsoleCall[], ctx: LoggerFixContext): Fix[][] {
  const { sourceFile } = ctx;
  const fileLogger = new FileLogger(ctx, calls);
  const replacements = calls.map((call): { target: Target; edit: TextEdit; callee: string } | undefined => {
    if (LEVELS[call.method] === undefined) return undefined;
    const target = nestLogger(call.node, ctx.imports) ?? fileLogger.targetFor(call.node);
    if (!target) return undefined;
    const callee = `${target.expr}.${target.levels[call.method]}`;
    const call_ = call.node.parent as ts.CallExpression;
    // Passed as a callback (`.catch(console.error)`): a logger method needs its `this`.
    const newText = call_.expression === call.node ? callee : `${callee}.bind(${target.expr})`;
    return { target, callee, edit: { start: call.node.getStart(sourceFile), end: call.node.getEnd(), newText } };
  });
  const fixable = replacements.filter((r) => r !== undefined);
  let all: Fix | undefined;
  if (fixable.length > 1) {
    const setup = fixable.find((r) => r.target.setup.length > 0)?.target.setup ?? [];
    all = { title: REPLACE_ALL, safe: false, edits: [...setup, ...fixable.map((r) => r.edit)] };
  }
  return replacements.map((r) => {
    if (!r) return [];
    const one: Fix = { title: r.target.title(r.callee), safe: false, edits: [...r.target.setup, r.edit] };
    return all ? [one, all] : [one];
  });
}

/** `this.logger` when the call is in an instance member of a class that holds a NestJS `Logger`. */
function nestLogger(node: ts.Node, imports: ImportMap): Target | undefined {
  let current: ts.Node = node;
  for (; current.parent && !ts.isClassLike(current.parent); current = current.parent) {
    const parent = current.parent;
    // A function expression, a function declaration or an object literal's method has its own `this`.
    if (ts.isFunctionLike(parent) && !ts.isArrowFunction(parent) && !(parent.parent && ts.isClassLike(parent.parent))) {
      return undefined;
    }
    if (ts.isSourceFile(parent)) return undefined;
  }
  const klass = current.parent;
  if (!klass || !ts.isClassLike(klass) || !ts.isClassElement(current)) return undefined;
  if (ts.isClassStaticBlockDeclaration(current) || hasModifier(current, ts.SyntaxKind.StaticKeyword)) return undefined;
  const isNestLogger = (type: ts.Node | undefined): boolean => {
    if (!type) return false;
    const name = ts.isNewExpression(type) ? skipOuterExpressions(type.expression) : ts.isTypeReferenceNode(type) ? type.typeName : undefined;
    if (!name || !ts.isIdentifier(name)) return false;
    const binding = imports.get(name.text);
    return binding !== undefined && binding.module === '@nestjs/common' && binding.imported === 'Logger';
  };
  for (const element of klass.members) {
    if (ts.isPropertyDeclaration(element) && ts.isIdentifier(element.name) && !hasModifier(element, ts.SyntaxKind.StaticKeyword)) {
      if (element.initializer && isNestLogger(skipOuterExpressions(element.initializer))) return nestTarget(element.name.text);
    }
    if (ts.isConstructorDeclaration(element)) {
      for (const parameter of element.parameters) {
        // `private readonly logger: Logger`: a parameter with a modifier is also a property.
        const isProperty = (ts.getModifiers(parameter)?.length ?? 0) > 0;
        if (isProperty && ts.isIdentifier(parameter.name) && isNestLogger(parameter.type)) return nestTarget(parameter.name.text);
      }
    }
  }
  return undefined;
}

function nestTarget(property: string): Target {
  return { expr: `this.${property}`, levels: NEST_LEVELS, setup: [], title: (callee) => `Replace with ${callee}` };
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}

/** A module path that is the project's own code: `./logger`, `../lib/log`, `@/lib/logger`, `~/log`, `#logger`. */
function isOwnModule(module: string): boolean {
  return /^(\.|\/|~\/|@\/|#)/.test(module);
}

const LOGGER_PATH = /(^|\/)(loggers?|log|logging)(\/index)?(\.[cm]?[jt]s)?$/i;

/** The file-level logger: one the file already has, or one a fix adds. */
class FileLogger {
  private existing: { name: string; declaredAt: number; topLevel: boolean } | undefined;
  private added: Target | null | undefined;

  constructor(
    private readonly ctx: LoggerFixContext,
    private readonly calls: readonly ConsoleCall[],
  ) {
    this.existing = findExistingLogger(ctx.sourceFile, ctx.imports);
  }

  targetFor(node: ts.Node): Target | undefined {
    if (this.existing) {
      const { name, declaredAt, topLevel } = this.existing;
      // `console.log(…); const logger = pino();` at the top level: the logger does not exist yet there.
      if (topLevel && node.getStart() < declaredAt && !isInFunction(node)) return undefined;
      return { expr: name, levels: LEVELS, setup: [], title: (callee) => `Replace with ${callee}` };
    }
    if (this.added === undefined) this.added = this.newLogger() ?? null;
    return this.added ?? undefined;
  }

  /** The import (and logger) to add; undefined when the file or project gives no safe choice. */
  private newLogger(): Target | undefined {
    const { sourceFile, imports, project } = this.ctx;
    const style = sourceStyle(sourceFile);
    const used = namesInUse(sourceFile);
    const at = insertionPoint(sourceFile, this.calls);
    const option = parseLoggerImport(this.ctx.loggerImport);
    if (option) {
      const binding = imports.get(option.name);
      if (binding && binding.module === option.module) {
        return { expr: option.name, levels: LEVELS, setup: [], title: (callee) => `Replace with ${callee}` };
      }
      if (used.has(option.name)) return undefined;
      const statement = option.text.replace(/;\s*$/, '') + (style.semicolons ? ';' : '');
      return {
        expr: option.name,
        levels: LEVELS,
        setup: [at.edit(statement, style)],
        title: (callee) => `Import ${option.name} and use ${callee}`,
      };
    }
    // A project that logs with winston, bunyan or NestJS's Logger should not get a second logger library.
    const modules = new Set([...project.loggerModules(), ...[...project.dependencies].filter((d) => LOGGER_MODULES.has(d))]);
    for (const binding of imports.values()) {
      const module = normalizeModule(binding.module);
      if (LOGGER_MODULES.has(module) && (module !== '@nestjs/common' || binding.imported === 'Logger')) modules.add(module);
    }
    if ([...modules].some((module) => module !== 'pino')) return undefined;
    let pino = [...imports].find(([, binding]) => isPinoBinding(binding))?.[0];
    const lines: string[] = [];
    if (pino === undefined) {
      if (used.has('pino')) return undefined;
      pino = 'pino';
      const semi = style.semicolons ? ';' : '';
      const q = style.quote;
      lines.push(
        isCommonJs(this.ctx.fileName, sourceFile) ? `const pino = require(${q}pino${q})${semi}` : `import pino from ${q}pino${q}${semi}`,
      );
    }
    // A blank line between the imports and the logger.
    lines.push('');
    const name = loggerName(sourceFile, used);
    if (name === undefined) return undefined;
    lines.push(`const ${name} = ${pino}()${style.semicolons ? ';' : ''}`);
    return { expr: name, levels: LEVELS, setup: [at.edit(lines.join(style.newline), style)], title: () => 'Add a pino logger' };
  }
}

function isPinoBinding(binding: ImportBinding): boolean {
  return normalizeModule(binding.module) === 'pino' && ['default', '*', 'pino'].includes(binding.imported);
}

/**
 * `logger`, or `log` when `logger` is some nested name (a parameter); none when the file declares a top-level
 * `logger` we did not recognise as a logger: that is probably the file's logger, and a second one would be wrong.
 */
function loggerName(sourceFile: ts.SourceFile, used: ReadonlySet<string>): string | undefined {
  if (!used.has('logger')) return 'logger';
  if (topLevelNames(sourceFile).has('logger')) return undefined;
  return used.has('log') ? undefined : 'log';
}

function topLevelNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) if (ts.isIdentifier(decl.name)) names.add(decl.name.text);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    } else if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) {
      // Imports are in the ImportMap too, but a type-only import has no binding there.
      forEachDescendant(statement, (node) => {
        if (ts.isIdentifier(node)) names.add(node.text);
      });
    }
  }
  return names;
}

/** Where the import and logger go: after the last top-level import or require before the first console call. */
function insertionPoint(
  sourceFile: ts.SourceFile,
  calls: readonly ConsoleCall[],
): { edit: (code: string, style: SourceStyle) => TextEdit } {
  const text = sourceFile.text;
  const first = Math.min(...calls.map((call) => call.node.getStart(sourceFile)));
  let after: ts.Statement | undefined;
  for (const statement of sourceFile.statements) {
    if (statement.getEnd() > first) break;
    if (isImportStatement(statement)) after = statement;
  }
  if (after) {
    const at = afterStatement(text, after.getEnd());
    return { edit: (code, style) => ({ start: at, end: at, newText: `${style.newline}${code}` }) };
  }
  const firstCode = sourceFile.statements.find((statement) => !isPrologueDirective(statement));
  const offset = firstCode ? firstCode.getStart(sourceFile) : text.length;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const at = /^[ \t]*$/.test(before) ? lineStart : offset;
  return {
    edit: (code, style) => ({
      start: at,
      end: at,
      newText: at === text.length
        ? `${text.length > 0 && !text.endsWith('\n') ? style.newline : ''}${code.trimStart()}${style.newline}`
        : `${code.trimStart()}${style.newline}${style.newline}`,
    }),
  };
}

function isPrologueDirective(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}

function isImportStatement(statement: ts.Statement): boolean {
  if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) return true;
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.every((decl) => decl.initializer !== undefined && requireRoot(decl.initializer) !== undefined);
  }
  return ts.isExpressionStatement(statement) && requiredModule(statement.expression) !== undefined;
}

/** `require('m')`, `require('m').x`, `require('m')(…)`: the module. */
function requireRoot(expr: ts.Expression): string | undefined {
  let current = skipOuterExpressions(expr);
  for (let depth = 0; depth < 4; depth++) {
    const module = requiredModule(current);
    if (module !== undefined) return module;
    if (ts.isPropertyAccessExpression(current) || ts.isCallExpression(current)) current = skipOuterExpressions(current.expression);
    else return undefined;
  }
  return undefined;
}

/** `.cjs` files, and JavaScript files without import or export declarations: Node runs those as CommonJS. */
function isCommonJs(fileName: string, sourceFile: ts.SourceFile): boolean {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.cjs')) return true;
  if (!/\.jsx?$/.test(lower)) return false;
  return !sourceFile.statements.some(
    (s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) || hasModifier(s, ts.SyntaxKind.ExportKeyword),
  );
}

function isInFunction(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current) || ts.isClassLike(current)) return true;
  }
  return false;
}

/**
 * A top-level logger the file already has: `const logger = pino()`, `winston.createLogger()`, `bunyan.createLogger()`,
 * `log4js.getLogger()`, `createConsola()`, a child of one of these, the consola instance, or `logger`/`log` imported
 * from the project's own logger module.
 */
function findExistingLogger(
  sourceFile: ts.SourceFile,
  imports: ImportMap,
): { name: string; declaredAt: number; topLevel: boolean } | undefined {
  const found: Array<{ name: string; declaredAt: number; topLevel: boolean }> = [];
  for (const [name, binding] of imports) {
    const module = normalizeModule(binding.module);
    const consola = module === 'consola' && ['default', '*', 'consola'].includes(binding.imported);
    const own =
      isOwnModule(module) &&
      (['logger', 'log'].includes(binding.imported) || (['default', '*'].includes(binding.imported) && ['logger', 'log'].includes(name))) &&
      (name === 'logger' || binding.imported === 'logger' || LOGGER_PATH.test(module));
    // `const consola = require('consola')` is a top-level statement: it exists from its line on.
    if (consola || own) found.push({ name, declaredAt: 0, topLevel: false });
  }
  const loggers = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
      if (createsLogger(decl.initializer, imports, loggers, found)) {
        loggers.add(decl.name.text);
        found.push({ name: decl.name.text, declaredAt: decl.getEnd(), topLevel: true });
      } else if (isFastifyWithLogger(decl.initializer, imports)) {
        found.push({ name: `${decl.name.text}.log`, declaredAt: decl.getEnd(), topLevel: true });
      }
    }
  }
  // `logger` or `log` by name; else the last one, which is the most specific (a child of an earlier root logger).
  return found.find((f) => f.name === 'logger') ?? found.find((f) => f.name === 'log') ?? found[found.length - 1];
}

function createsLogger(
  init: ts.Expression,
  imports: ImportMap,
  loggers: ReadonlySet<string>,
  known: ReadonlyArray<{ name: string }>,
): boolean {
  const expr = skipOuterExpressions(init);
  if (!ts.isCallExpression(expr)) return false;
  const callee = skipOuterExpressions(expr.expression);
  const required = requiredModule(callee);
  if (required !== undefined) return normalizeModule(required) === 'pino';
  if (ts.isIdentifier(callee)) {
    const binding = imports.get(callee.text);
    if (!binding) return false;
    const module = normalizeModule(binding.module);
    if (module === 'pino') return ['default', '*', 'pino'].includes(binding.imported);
    if (module === 'winston' || module === 'bunyan') return binding.imported === 'createLogger';
    if (module === 'log4js') return binding.imported === 'getLogger';
    return module === 'consola' && binding.imported === 'createConsola';
  }
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const object = skipOuterExpressions(callee.expression);
  const method = callee.name.text;
  if (!ts.isIdentifier(object)) return false;
  // logger.child({ module: 'orders' }), consola.withTag('orders')
  if ((method === 'child' || method === 'withTag') && (loggers.has(object.text) || known.some((k) => k.name === object.text))) {
    return true;
  }
  const binding = imports.get(object.text);
  if (!binding || !['default', '*'].includes(binding.imported)) return false;
  const module = normalizeModule(binding.module);
  return (
    ((module === 'winston' || module === 'bunyan') && method === 'createLogger') ||
    (module === 'log4js' && method === 'getLogger')
  );
}

/** `fastify({ logger: true })`, `require('fastify')({ logger })`: its `.log` is a pino logger (silent without the option). */
function isFastifyWithLogger(init: ts.Expression, imports: ImportMap): boolean {
  const expr = skipOuterExpressions(init);
  if (!ts.isCallExpression(expr)) return false;
  const callee = skipOuterExpressions(expr.expression);
  const required = requiredModule(callee);
  const binding = ts.isIdentifier(callee) ? imports.get(callee.text) : undefined;
  const isFastify =
    (required !== undefined && normalizeModule(required) === 'fastify') ||
    (binding !== undefined && binding.module === 'fastify' && ['default', '*', 'fastify'].includes(binding.imported));
  const [options] = expr.arguments;
  if (!isFastify || !options || !ts.isObjectLiteralExpression(skipOuterExpressions(options))) return false;
  return (skipOuterExpressions(options) as ts.ObjectLiteralExpression).properties.some((property) => {
    if (ts.isShorthandPropertyAssignment(property)) return property.name.text === 'logger';
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name) || property.name.text !== 'logger') return false;
    return property.initializer.kind !== ts.SyntaxKind.FalseKeyword;
  });
}

/** `import { logger } from '@/lib/logger'` → its text, module and the local name to call. */
function parseLoggerImport(value: unknown): { text: string; module: string; name: string } | undefined {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 500) return undefined;
  const text = value.trim();
  const file = ts.createSourceFile('option.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  if (file.statements.length !== 1 || (file as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length) {
    return undefined;
  }
  const [statement] = file.statements;
  const names: string[] = [];
  let module: string | undefined;
  if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.importClause) {
    if (statement.importClause.isTypeOnly) return undefined;
    module = statement.moduleSpecifier.text;
    const { name, namedBindings } = statement.importClause;
    if (namedBindings && ts.isNamedImports(namedBindings)) {
      for (const element of namedBindings.elements) if (!element.isTypeOnly) names.push(element.name.text);
    }
    if (name) names.push(name.text);
    if (namedBindings && ts.isNamespaceImport(namedBindings)) names.push(namedBindings.name.text);
  } else if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1) {
    const [decl] = statement.declarationList.declarations;
    module = decl.initializer ? requireRoot(decl.initializer) : undefined;
    if (ts.isIdentifier(decl.name)) names.push(decl.name.text);
    else if (ts.isObjectBindingPattern(decl.name)) {
      for (const element of decl.name.elements) if (ts.isIdentifier(element.name)) names.push(element.name.text);
    }
  }
  if (module === undefined || names.length === 0) return undefined;
  const name = names.find((n) => n === 'logger' || n === 'log') ?? names[0];
  return { text, module, name };
}
