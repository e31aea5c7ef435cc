// "Replace with logger" for logs/no-console: console calls become calls of the file's logger, the class's NestJS
// Logger, a configured import, the project's logger module, or a new pino logger module. Never safe: the output
// changes (format, level, destination). The arguments are mapped onto the logger's own signature (./logger-args.ts)
// so that every value console printed is still in the record, and a call whose values could be lost gets no fix.
import path from 'node:path';
import ts from 'typescript';
import { modify, parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { normalizeModule, requiredModule, skipOuterExpressions, type ImportMap } from '../ast';
import { loggerCreatedBy, loggerLevel, type LoggerKind } from '../loggers';
import { LOGGER_MODULES, type ProjectView } from '../project';
import type { Fix, TextEdit } from '../rule';
import { forEachDescendant } from '../walk';
import { mapConsoleArguments } from './logger-args';
import { afterStatement, namesInUse, sourceStyle, type SourceStyle } from './style';

/**
 * The version range *Add a pino logger* writes into package.json: a caret range of the current major, the version
 * the behaviour tests run against (a test keeps it in step with the devDependency). Not looked up at fix time.
 */
export const PINO_RANGE = '^10.4.0';

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

const REPLACE_ALL = 'Replace all console calls in this file';

/** A logger to call: its expression, its kind, and the edits that bring it into the file. */
interface Target {
  expr: string;
  kind: LoggerKind;
  setup: TextEdit[];
  newFiles?: Array<{ file: string; text: string }>;
  /** Title of the one-call fix, given the replacement callee (`logger.info`). */
  title: (callee: string) => string;
}

/**
 * The fixes of each console call, in the order given: "Replace with <logger>.<level>" (or "Add a pino logger"),
 * and "Replace all console calls in this file" when more than one call can be replaced. The one-time import and
 * logger module are the same edits in every fix, so the file-wide fix adds them once.
 */
export function consoleFixes(calls: readonly ConsoleCall[], ctx: LoggerFixContext): Fix[][] {
  const { sourceFile } = ctx;
  const fileLogger = new FileLogger(ctx, calls);
  const replacements = calls.map((call): { target: Target; edits: TextEdit[]; callee: string } | undefined => {
    const target = nestLogger(call.node, ctx.imports) ?? fileLogger.targetFor(call.node);
    if (!target) return undefined;
    const level = loggerLevel(target.kind, call.method);
    if (level === undefined) return undefined;
    const callee = `${target.expr}.${level}`;
    const outer = call.node.parent as ts.CallExpression;
    const start = call.node.getStart(sourceFile);
    if (outer.expression !== call.node) {
      // Passed as a callback: only where it gets one argument (`.catch(console.error)`, usually an Error), which
      // pino, bunyan and console-like loggers record whole; a logger method needs its `this`.
      if (!isSingleArgumentCallback(outer, call.node) || !['pino', 'bunyan', 'console-like'].includes(target.kind)) return undefined;
      return { target, callee, edits: [{ start, end: call.node.getEnd(), newText: `${callee}.bind(${target.expr})` }] };
    }
    const mapped = mapConsoleArguments(target.kind, outer, sourceFile);
    if (mapped === undefined) return undefined;
    const edits: TextEdit[] = [{ start, end: call.node.getEnd(), newText: callee }];
    if (mapped !== 'keep') {
      const args = outer.arguments;
      // A console call among the arguments is rewritten by its own fix: the two edits would overlap.
      if (args.some((arg) => /\bconsole\b/.test(arg.getText(sourceFile)))) return undefined;
      edits.push({ start: args[0].getStart(sourceFile), end: args[args.length - 1].getEnd(), newText: mapped.text });
    }
    return { target, callee, edits };
  });
  const fixable = replacements.filter((r) => r !== undefined);
  let all: Fix | undefined;
  if (fixable.length > 1) {
    const withSetup = fixable.find((r) => r.target.setup.length > 0 || r.target.newFiles);
    all = {
      title: REPLACE_ALL,
      safe: false,
      edits: [...(withSetup?.target.setup ?? []), ...fixable.flatMap((r) => r.edits)],
      ...(withSetup?.target.newFiles ? { newFiles: withSetup.target.newFiles } : {}),
    };
  }
  return replacements.map((r) => {
    if (!r) return [];
    const one: Fix = {
      title: r.target.title(r.callee),
      safe: false,
      edits: [...r.target.setup, ...r.edits],
      ...(r.target.newFiles ? { newFiles: r.target.newFiles } : {}),
    };
    return all ? [one, all] : [one];
  });
}

/** `promise.catch(console.error)`, `promise.then(ok, console.error)`: called with exactly one argument. */
function isSingleArgumentCallback(call: ts.CallExpression, arg: ts.Node): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const index = call.arguments.findIndex((a) => a === arg);
  return (callee.name.text === 'catch' && index === 0) || (callee.name.text === 'then' && index === 1);
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
  return { expr: `this.${property}`, kind: 'nest', setup: [], title: (callee) => `Replace with ${callee}` };
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}

/** A module path that is the project's own code: `./logger`, `../lib/log`, `@/lib/logger`, `~/log`, `#logger`. */
function isOwnModule(module: string): boolean {
  return /^(\.|\/|~\/|@\/|#)/.test(module);
}

const LOGGER_PATH = /(^|\/)(loggers?|log|logging)(\/index)?(\.[cm]?[jt]s)?$/i;

interface ExistingLogger {
  name: string;
  kind: LoggerKind;
  declaredAt: number;
  topLevel: boolean;
}

/** The file-level logger: one the file already has, or one a fix adds. */
class FileLogger {
  private existing: ExistingLogger | undefined;
  private added: Target | null | undefined;

  constructor(
    private readonly ctx: LoggerFixContext,
    private readonly calls: readonly ConsoleCall[],
  ) {
    this.existing = findExistingLogger(ctx);
  }

  targetFor(node: ts.Node): Target | undefined {
    if (this.existing) {
      const { name, kind, declaredAt, topLevel } = this.existing;
      // `console.log(…); const logger = pino();` at the top level: the logger does not exist yet there.
      if (topLevel && node.getStart() < declaredAt && !isInFunction(node)) return undefined;
      return { expr: name, kind, setup: [], title: (callee) => `Replace with ${callee}` };
    }
    if (this.added === undefined) this.added = this.newLogger() ?? null;
    return this.added ?? undefined;
  }

  /** The import (and logger module) to add; undefined when the file or project gives no safe choice. */
  private newLogger(): Target | undefined {
    const { sourceFile, imports, project, fileName } = this.ctx;
    const style = sourceStyle(sourceFile);
    const used = namesInUse(sourceFile);
    const at = insertionPoint(sourceFile, this.calls);
    const option = parseLoggerImport(this.ctx.loggerImport);
    if (option) {
      const kind = exportKind(project, fileName, option.module, option.imported) ?? 'unknown';
      const binding = imports.get(option.name);
      if (binding && binding.module === option.module) {
        return { expr: option.name, kind, setup: [], title: (callee) => `Replace with ${callee}` };
      }
      if (used.has(option.name)) return undefined;
      return {
        expr: option.name,
        kind,
        setup: [at.edit(option.print(style), style)],
        title: (callee) => `Import ${option.name} and use ${callee}`,
      };
    }
    // The project's logger module, when it has one: every file logs through it.
    const shared = projectLogger(project);
    if (shared) {
      if (path.resolve(shared.file) === path.resolve(fileName)) return undefined;
      return importTarget(this.ctx, shared.file, shared.name, shared.kind, style, used, at, (callee) => `Import logger from its module and use ${callee}`);
    }
    // A project that logs with winston, bunyan or NestJS's Logger should not get a second logger library.
    const modules = new Set([...project.loggerModules(), ...[...project.dependencies].filter((d) => LOGGER_MODULES.has(d))]);
    for (const binding of imports.values()) {
      const module = normalizeModule(binding.module);
      if (LOGGER_MODULES.has(module) && (module !== '@nestjs/common' || binding.imported === 'Logger')) modules.add(module);
    }
    if ([...modules].some((module) => module !== 'pino')) return undefined;
    return this.pinoModule(style, used, at);
  }

  /**
   * "Add a pino logger": one module for the project (`src/logger.ts`, in the file's language and module system)
   * that exports `logger`, imported here; later fixes in other files import the same module. When package.json does
   * not declare pino in `dependencies`, the fix adds it there and says so.
   */
  private pinoModule(style: SourceStyle, used: ReadonlySet<string>, at: InsertionPoint): Target | undefined {
    const { sourceFile, project, fileName } = this.ctx;
    const file = loggerModulePath(project.root, fileName);
    if (project.hasFile?.(file)) return undefined; // a file of that name that is not a logger we know
    const commonJs = isCommonJs(fileName, sourceFile);
    const q = style.quote;
    const semi = style.semicolons ? ';' : '';
    const nl = style.newline;
    const level = `{ level: process.env.LOG_LEVEL || ${q}info${q} }`;
    const text = commonJs
      ? [`const pino = require(${q}pino${q})${semi}`, '', `const logger = pino(${level})${semi}`, '', `module.exports = { logger }${semi}`, ''].join(nl)
      : [`import pino from ${q}pino${q}${semi}`, '', `export const logger = pino(${level})${semi}`, ''].join(nl);
    const dependency = dependencyEdits(project);
    if (dependency === undefined) return undefined;
    const shown = (project.root ? path.relative(project.root, file) : path.basename(file)).split(path.sep).join('/');
    const suffix =
      dependency.edits.length > 0 ? ` and pino ${PINO_RANGE} to package.json (then npm install)` : dependency.declared ? '' : ' (pino must be installed)';
    const target = importTarget(this.ctx, file, 'logger', 'pino', style, used, at, () => `Add a pino logger in ${shown}${suffix}`);
    if (!target) return undefined;
    return { ...target, setup: [...target.setup, ...dependency.edits], newFiles: [{ file, text }] };
  }
}

/** The one logger the project's modules export: named `logger` or `log` when there are several. */
function projectLogger(project: ProjectView): { file: string; name: string; kind: LoggerKind } | undefined {
  const all = [...(project.loggerExports?.() ?? [])].sort((a, b) => a.file.localeCompare(b.file));
  if (all.length === 0) return undefined;
  return all.find((e) => e.name === 'logger') ?? all.find((e) => e.name === 'log') ?? (all.length === 1 ? all[0] : undefined);
}

/** The kind of logger an own module exports under `imported`, when the project index knows that module. */
function exportKind(project: ProjectView, fromFile: string, module: string, imported: string): LoggerKind | undefined {
  if (!module.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), module).replace(/\.[cm]?[jt]sx?$/, '');
  const found = (project.loggerExports?.() ?? []).find(
    (e) => e.file.replace(/\.[cm]?[jt]sx?$/, '') === base || e.file.replace(/\/index\.[cm]?[jt]sx?$/, '') === base,
  );
  if (!found) return undefined;
  return found.name === imported || (imported === 'default' && found.name === 'default') || imported === '*' ? found.kind : undefined;
}

/** The import of `name` exported by `file`, as this file writes imports; undefined when its local name is taken. */
function importTarget(
  ctx: LoggerFixContext,
  file: string,
  name: string,
  kind: LoggerKind,
  style: SourceStyle,
  used: ReadonlySet<string>,
  at: InsertionPoint,
  title: (callee: string) => string,
): Target | undefined {
  const local = name === 'default' || name === 'logger' ? loggerName(ctx.sourceFile, used) : used.has(name) ? undefined : name;
  if (local === undefined) return undefined;
  const alias = name !== 'default' && local !== name;
  const specifier = moduleSpecifier(ctx.fileName, ctx.sourceFile, file);
  const q = style.quote;
  const semi = style.semicolons ? ';' : '';
  const commonJs = isCommonJs(ctx.fileName, ctx.sourceFile);
  let statement: string;
  const from = `${q}${specifier}${q}`;
  if (name === 'default') statement = commonJs ? `const ${local} = require(${from})${semi}` : `import ${local} from ${from}${semi}`;
  else if (commonJs) statement = `const { ${alias ? `${name}: ${local}` : local} } = require(${from})${semi}`;
  else statement = `import { ${alias ? `${name} as ${local}` : local} } from ${from}${semi}`;
  return { expr: local, kind, setup: [at.edit(statement, style)], title };
}

/** `src/logger.ts` for a file under `src/`, next to the package.json for a file at the top, in the file's language. */
export function loggerModulePath(root: string, fileName: string): string {
  const ext = /\.([cm]?)([jt])sx?$/i.exec(fileName);
  const extension = ext ? `.${ext[1].toLowerCase()}${ext[2].toLowerCase()}s` : '.ts';
  if (!root) return path.join(path.dirname(fileName), `logger${extension}`);
  const relative = path.relative(root, fileName);
  const parts = relative.split(path.sep);
  const folder = parts.length > 1 && !relative.startsWith('..') ? path.join(root, parts[0]) : root;
  return path.join(folder, `logger${extension}`);
}

/**
 * How this file names `target` in an import: `./logger` (CommonJS and extensionless TypeScript), `./logger.js` (ES
 * modules in JavaScript, and TypeScript files whose relative imports carry `.js`), `./logger.cjs`.
 */
function moduleSpecifier(fromFile: string, sourceFile: ts.SourceFile, target: string): string {
  let relative = path.relative(path.dirname(fromFile), target).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const ext = path.extname(target).toLowerCase();
  const typed = /\.[cm]?tsx?$/i.test(fromFile);
  const bare = relative.slice(0, relative.length - ext.length);
  if (typed) {
    const writesJs = relativeSpecifiers(sourceFile).some((s) => /\.[cm]?js$/.test(s));
    const runtime = ext === '.mts' ? '.mjs' : ext === '.cts' ? '.cjs' : '.js';
    return writesJs || ext === '.mts' || ext === '.cts' ? `${bare}${runtime}` : bare;
  }
  if (isCommonJs(fromFile, sourceFile)) return ext === '.js' ? bare : relative;
  return relative;
}

function relativeSpecifiers(sourceFile: ts.SourceFile): string[] {
  const found: string[] = [];
  for (const statement of sourceFile.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      if (statement.moduleSpecifier.text.startsWith('.')) found.push(statement.moduleSpecifier.text);
    }
  }
  return found;
}

/**
 * The edits that declare pino in package.json `dependencies` (none when it is declared there, or when there is no
 * package.json to edit: then `declared` says whether the project has it), or undefined when package.json cannot be
 * edited safely (it does not parse). The edits are required: the new module imports pino.
 */
function dependencyEdits(project: ProjectView): { edits: TextEdit[]; declared: boolean } | undefined {
  const pkg = project.packageJsonFile?.();
  if (!pkg) return { edits: [], declared: project.dependencies.has('pino') };
  const errors: ParseError[] = [];
  const json: unknown = parseJsonc(pkg.text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const dependencies = (json as Record<string, unknown>).dependencies;
  if (dependencies !== undefined && (typeof dependencies !== 'object' || dependencies === null || Array.isArray(dependencies))) return undefined;
  if (dependencies && Object.prototype.hasOwnProperty.call(dependencies, 'pino')) return { edits: [], declared: true };
  const indent = /^([ \t]+)"/m.exec(pkg.text)?.[1] ?? '  ';
  const edits = modify(pkg.text, ['dependencies', 'pino'], PINO_RANGE, {
    formattingOptions: { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: pkg.text.includes('\r\n') ? '\r\n' : '\n' },
    // Keep an alphabetical dependency list alphabetical; a new `dependencies` object goes at the end.
    getInsertionIndex: dependencies ? (keys) => keys.filter((key) => key.localeCompare('pino') < 0).length : undefined,
  });
  return {
    edits: edits.map((edit) => ({ file: pkg.path, start: edit.offset, end: edit.offset + edit.length, newText: edit.content, required: true })),
    declared: false,
  };
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

interface InsertionPoint {
  edit: (code: string, style: SourceStyle) => TextEdit;
}

/** Where the import goes: after the last top-level import or require before the first console call. */
function insertionPoint(sourceFile: ts.SourceFile, calls: readonly ConsoleCall[]): InsertionPoint {
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
 * A top-level logger the file already has, and its kind: `const logger = pino()`, `winston.createLogger()`,
 * `bunyan.createLogger()`, `log4js.getLogger()`, `createConsola()`, a child of one of these, the consola instance,
 * a Fastify instance created with its logger on (its `.log` is pino), or `logger`/`log` imported from the project's
 * own logger module (of the kind that module exports, when the project index knows it; else unknown).
 */
function findExistingLogger(ctx: LoggerFixContext): ExistingLogger | undefined {
  const { sourceFile, imports, project, fileName } = ctx;
  const found: ExistingLogger[] = [];
  for (const [name, binding] of imports) {
    const module = normalizeModule(binding.module);
    const consola = module === 'consola' && ['default', '*', 'consola'].includes(binding.imported);
    const own =
      isOwnModule(module) &&
      (['logger', 'log'].includes(binding.imported) || (['default', '*'].includes(binding.imported) && ['logger', 'log'].includes(name))) &&
      (name === 'logger' || binding.imported === 'logger' || LOGGER_PATH.test(module));
    // `const consola = require('consola')` is a top-level statement: it exists from its line on.
    if (consola) found.push({ name, kind: 'console-like', declaredAt: 0, topLevel: false });
    else if (own) {
      const imported = binding.imported === '*' ? 'default' : binding.imported;
      found.push({ name, kind: exportKind(project, fileName, binding.module, imported) ?? 'unknown', declaredAt: 0, topLevel: false });
    }
  }
  const loggers = new Map<string, LoggerKind>();
  for (const known of found) loggers.set(known.name, known.kind);
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
      const kind = createdLoggerKind(decl.initializer, imports, loggers);
      if (kind) {
        loggers.set(decl.name.text, kind);
        found.push({ name: decl.name.text, kind, declaredAt: decl.getEnd(), topLevel: true });
      } else if (isFastifyWithLogger(decl.initializer, imports)) {
        found.push({ name: `${decl.name.text}.log`, kind: 'pino', declaredAt: decl.getEnd(), topLevel: true });
      }
    }
  }
  // `logger` or `log` by name; else the last one, which is the most specific (a child of an earlier root logger).
  return found.find((f) => f.name === 'logger') ?? found.find((f) => f.name === 'log') ?? found[found.length - 1];
}

/** The kind of logger an initializer creates, including `parent.child({…})` and consola's `withTag`. */
function createdLoggerKind(init: ts.Expression, imports: ImportMap, loggers: ReadonlyMap<string, LoggerKind>): LoggerKind | undefined {
  const created = loggerCreatedBy(init, imports);
  if (created) return created;
  const expr = skipOuterExpressions(init);
  if (!ts.isCallExpression(expr)) return undefined;
  const callee = skipOuterExpressions(expr.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const object = skipOuterExpressions(callee.expression);
  if (!ts.isIdentifier(object)) return undefined;
  // logger.child({ module: 'orders' }), consola.withTag('orders')
  return callee.name.text === 'child' || callee.name.text === 'withTag' ? loggers.get(object.text) : undefined;
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

interface LoggerImport {
  module: string;
  /** The exported name the logger is taken from ('default' for a default import or a whole `require`). */
  imported: string;
  /** The local name to call. */
  name: string;
  /** The statement, printed from its parsed form in the file's quotes and semicolons. */
  print: (style: SourceStyle) => string;
}

/**
 * The `loggerImport` option, validated strictly: exactly one `import … from 'm'` (default, named or namespace
 * bindings, not type-only, no attributes) or `const x = require('m')` / `const { x } = require('m')`, with a plain
 * module specifier. Anything else (two statements, a call, a comment that hides code) is ignored: it comes from a
 * repository's config and is written into source, so it is printed from what was parsed, never pasted.
 */
export function parseLoggerImport(value: unknown): LoggerImport | undefined {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 500) return undefined;
  const file = ts.createSourceFile('option.ts', value, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  if (file.statements.length !== 1 || (file as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length) return undefined;
  const [statement] = file.statements;
  const identifier = (node: ts.Node | undefined): node is ts.Identifier => node !== undefined && ts.isIdentifier(node);
  const plainModule = (text: string): boolean => /^[@\w~#.][\w@~#./+-]*$/.test(text) && !text.includes('..//');
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly || statement.attributes || !ts.isStringLiteral(statement.moduleSpecifier)) return undefined;
    const module = statement.moduleSpecifier.text;
    if (!plainModule(module)) return undefined;
    const named: Array<{ imported: string; local: string }> = [];
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if (element.isTypeOnly) continue;
        if (element.propertyName && !ts.isIdentifier(element.propertyName)) return undefined;
        named.push({ imported: (element.propertyName ?? element.name).text, local: element.name.text });
      }
    }
    const namespace = bindings && ts.isNamespaceImport(bindings) ? bindings.name.text : undefined;
    const defaultName = clause.name?.text;
    const choices = [
      ...named.map((n) => ({ ...n })),
      ...(defaultName ? [{ imported: 'default', local: defaultName }] : []),
      ...(namespace ? [{ imported: '*', local: namespace }] : []),
    ];
    if (choices.length === 0) return undefined;
    const chosen = choices.find((c) => c.local === 'logger' || c.local === 'log') ?? choices[0];
    return {
      module,
      imported: chosen.imported,
      name: chosen.local,
      print: (style) => {
        const parts: string[] = [];
        if (defaultName) parts.push(defaultName);
        if (namespace) parts.push(`* as ${namespace}`);
        if (named.length > 0) parts.push(`{ ${named.map((n) => (n.imported === n.local ? n.local : `${n.imported} as ${n.local}`)).join(', ')} }`);
        return `import ${parts.join(', ')} from ${style.quote}${module}${style.quote}${style.semicolons ? ';' : ''}`;
      },
    };
  }
  if (!ts.isVariableStatement(statement) || statement.modifiers?.length) return undefined;
  const list = statement.declarationList;
  if ((list.flags & ts.NodeFlags.Const) === 0 || list.declarations.length !== 1) return undefined;
  const [decl] = list.declarations;
  const init = decl.initializer && skipOuterExpressions(decl.initializer);
  if (!init || !ts.isCallExpression(init) || !identifier(init.expression) || init.expression.text !== 'require') return undefined;
  const [arg] = init.arguments;
  if (init.arguments.length !== 1 || !ts.isStringLiteral(arg) || !plainModule(arg.text)) return undefined;
  const module = arg.text;
  const print = (text: string) => (style: SourceStyle) => `const ${text} = require(${style.quote}${module}${style.quote})${style.semicolons ? ';' : ''}`;
  if (identifier(decl.name)) {
    const name = decl.name.text;
    return { module, imported: 'default', name, print: print(name) };
  }
  if (!ts.isObjectBindingPattern(decl.name)) return undefined;
  const named: Array<{ imported: string; local: string }> = [];
  for (const element of decl.name.elements) {
    if (element.dotDotDotToken || element.initializer || !identifier(element.name)) return undefined;
    if (element.propertyName && !identifier(element.propertyName)) return undefined;
    named.push({ imported: (element.propertyName as ts.Identifier | undefined)?.text ?? element.name.text, local: element.name.text });
  }
  if (named.length === 0) return undefined;
  const chosen = named.find((n) => n.local === 'logger' || n.local === 'log') ?? named[0];
  const pattern = `{ ${named.map((n) => (n.imported === n.local ? n.local : `${n.imported}: ${n.local}`)).join(', ')} }`;
  return { module, imported: chosen.imported, name: chosen.local, print: print(pattern) };
}
