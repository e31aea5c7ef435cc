// The project index: facts that span files, kept per file and combined on demand, so that one file's edit
// updates one entry instead of re-reading the workspace.
import path from 'node:path';
import ts from 'typescript';
import { envReadName, normalizeModule, skipOuterExpressions, type ImportMap } from './ast';
import { exportedLoggers, type LoggerExport } from './loggers';

/** What one file contributes to its project. Collected during the analyzer's single walk. */
export interface FileFacts {
  /** The file installs a handler for SIGTERM (process.on/once/addListener, or a graceful-shutdown library). */
  handlesShutdown: boolean;
  /** Environment variable names the file reads (`process.env.X`). */
  envNames: string[];
  /** Logger modules the file imports (pino, winston, …). */
  loggerModules: string[];
  /** Loggers the file exports (`export const logger = pino()`): the project's logger module, for other files to import. */
  loggerExports?: LoggerExport[];
}

export function emptyFacts(): FileFacts {
  return { handlesShutdown: false, envNames: [], loggerModules: [] };
}

/**
 * Facts of a file that could not be analyzed, read from its text alone and erring towards the fact being there:
 * a file too deeply nested to parse that names SIGTERM (or a shutdown library) may well handle it, and a false
 * "no file handles SIGTERM" elsewhere is worse than a missed one.
 */
export function factsFromText(text: string): FileFacts {
  const facts = emptyFacts();
  facts.handlesShutdown = text.includes('SIGTERM') || [...SHUTDOWN_LIBRARIES].some((module) => text.includes(module));
  return facts;
}

/** Project-level booleans that can void a finding (see `Finding.unless`). */
export type ProjectFactName = 'handlesShutdown';

/** Read-only view of a project that rules see. */
export interface ProjectView {
  /** Absolute path of the folder holding the project's package.json ('' when there is none). */
  readonly root: string;
  /**
   * Where the project sits inside the workspace or scanned folder ('' at its top), forward slashes. A
   * package.json under `tests/` or `fixtures/` starts a project whose files are still test files.
   */
  readonly pathPrefix?: string;
  /** Names of declared dependencies (dependencies, devDependencies, peer and optional). */
  readonly dependencies: ReadonlySet<string>;
  /** True when any file other than `exceptFile` has the fact. */
  hasFact(fact: ProjectFactName, exceptFile?: string): boolean;
  /** Environment variable names read anywhere in the project. */
  envNames(): ReadonlySet<string>;
  /** Logger modules imported anywhere in the project. */
  loggerModules(): ReadonlySet<string>;
  /** The package is a published library (not private, declares an entry point, has no start script). */
  readonly isLibrary?: boolean;
  /** The package declares a `bin`: a command-line tool, whose output is its interface. */
  readonly isCli?: boolean;
  /** The project's `.env.example` (its text is undefined when the file does not exist yet). */
  envExampleFile?(): { path: string; text: string | undefined } | undefined;
  /** The project's package.json as read, for fixes that declare a dependency. */
  packageJsonFile?(): { path: string; text: string } | undefined;
  /** Loggers exported by the project's files, with the absolute path of each file. */
  loggerExports?(): ReadonlyArray<LoggerExport & { file: string }>;
  /** True when the project has indexed a source file at this absolute path. */
  hasFile?(file: string): boolean;
}

export interface PackageJsonInfo {
  name?: string;
  /** The text it was parsed from. */
  text?: string;
  dependencies: Set<string>;
  /** See `ProjectView.isLibrary`. */
  library?: boolean;
  /** See `ProjectView.isCli`. */
  cli?: boolean;
}

/** Parses package.json text; never throws (a broken file yields no dependencies). */
export function parsePackageJson(text: string): PackageJsonInfo {
  const dependencies = new Set<string>();
  let name: string | undefined;
  let library = false;
  let cli = false;
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object') {
      const record = json as Record<string, unknown>;
      if (typeof record.name === 'string') name = record.name;
      for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
        const deps = record[key];
        if (deps && typeof deps === 'object') for (const dep of Object.keys(deps)) dependencies.add(dep);
      }
      const scripts = record.scripts as Record<string, unknown> | undefined;
      library =
        record.private !== true &&
        ['main', 'exports', 'module', 'types', 'typings'].some((key) => record[key] !== undefined) &&
        !(scripts && typeof scripts === 'object' && typeof scripts.start === 'string');
      cli = typeof record.bin === 'string' || (record.bin !== null && typeof record.bin === 'object');
    }
  } catch {
    // A half-edited package.json is normal while typing; treat it as declaring nothing.
  }
  return { name, dependencies, library, cli, text };
}

/** The facts of every indexed file of one project. */
export class ProjectIndex implements ProjectView {
  readonly root: string;
  dependencies: Set<string> = new Set();
  packageName: string | undefined;
  isLibrary = false;
  isCli = false;
  private readonly files = new Map<string, FileFacts>();
  private shutdownFiles = new Set<string>();
  /** See ProjectView.pathPrefix; set by the caller that knows the workspace or scan root. */
  pathPrefix = '';
  /** Text of `<root>/.env.example`, undefined when it does not exist; kept current by the caller. */
  envExampleText: string | undefined;
  /** Text of `<root>/package.json` as last parsed. */
  packageJsonText: string | undefined;

  constructor(root: string) {
    this.root = root;
  }

  setPackageJson(info: PackageJsonInfo): void {
    this.dependencies = info.dependencies;
    this.packageName = info.name;
    this.isLibrary = info.library ?? false;
    this.isCli = info.cli ?? false;
    this.packageJsonText = info.text;
  }

  /** Records a file's facts. Returns true when a project-level fact changed. */
  setFile(file: string, facts: FileFacts): boolean {
    const before = this.shutdownFiles.size > 0;
    this.files.set(file, facts);
    if (facts.handlesShutdown) this.shutdownFiles.add(file);
    else this.shutdownFiles.delete(file);
    return before !== this.shutdownFiles.size > 0;
  }

  /** Forgets a file. Returns true when a project-level fact changed. */
  removeFile(file: string): boolean {
    const before = this.shutdownFiles.size > 0;
    this.files.delete(file);
    this.shutdownFiles.delete(file);
    return before !== this.shutdownFiles.size > 0;
  }

  hasFile(file: string): boolean {
    return this.files.has(file);
  }

  get fileCount(): number {
    return this.files.size;
  }

  hasFact(fact: ProjectFactName, exceptFile?: string): boolean {
    switch (fact) {
      case 'handlesShutdown':
        for (const file of this.shutdownFiles) if (file !== exceptFile) return true;
        return false;
    }
  }

  envNames(): ReadonlySet<string> {
    const names = new Set<string>();
    for (const facts of this.files.values()) for (const name of facts.envNames) names.add(name);
    return names;
  }

  envExampleFile(): { path: string; text: string | undefined } | undefined {
    if (!this.root) return undefined;
    return { path: path.join(this.root, '.env.example'), text: this.envExampleText };
  }

  loggerModules(): ReadonlySet<string> {
    const modules = new Set<string>();
    for (const facts of this.files.values()) for (const module of facts.loggerModules) modules.add(module);
    return modules;
  }

  packageJsonFile(): { path: string; text: string } | undefined {
    if (!this.root || this.packageJsonText === undefined) return undefined;
    return { path: path.join(this.root, 'package.json'), text: this.packageJsonText };
  }

  loggerExports(): Array<LoggerExport & { file: string }> {
    const found: Array<LoggerExport & { file: string }> = [];
    for (const [file, facts] of this.files) for (const exported of facts.loggerExports ?? []) found.push({ ...exported, file });
    return found;
  }
}

/** A project with no package.json and no other files: rules see only the file itself. */
export const EMPTY_PROJECT: ProjectView = {
  root: '',
  dependencies: new Set(),
  hasFact: () => false,
  envNames: () => new Set(),
  loggerModules: () => new Set(),
};

const SHUTDOWN_SIGNALS = new Set(['SIGTERM']);
/** Libraries whose use installs SIGTERM handling on the server they wrap. */
const SHUTDOWN_LIBRARIES = new Set([
  '@godaddy/terminus',
  'http-terminator',
  'lightship',
  'close-with-grace',
  'stoppable',
  'http-graceful-shutdown',
  'async-exit-hook',
  'exit-hook',
  'signal-exit',
  'death',
  'node-graceful-shutdown',
]);

export const LOGGER_MODULES = new Set([
  'pino',
  'winston',
  'bunyan',
  'log4js',
  'consola',
  'loglevel',
  'roarr',
  'signale',
  'tslog',
  '@nestjs/common',
]);

/**
 * Collects file facts from the nodes the walker hands it. `visit` is called for call expressions and
 * property accesses only; keep it cheap.
 */
export class FactsCollector {
  readonly facts: FileFacts = emptyFacts();
  private readonly envNames = new Set<string>();
  /** A `process.on(signal, …)` whose signal is a variable; counts when the file names 'SIGTERM' somewhere. */
  private dynamicSignalListener: ts.SourceFile | undefined;

  constructor(
    private readonly imports: ImportMap,
    private readonly sourceFile?: ts.SourceFile,
  ) {
    const loggers = new Set<string>();
    for (const binding of imports.values()) {
      const module = normalizeModule(binding.module);
      if (SHUTDOWN_LIBRARIES.has(module)) this.facts.handlesShutdown = true;
      if (LOGGER_MODULES.has(module) && (module !== '@nestjs/common' || binding.imported === 'Logger')) {
        loggers.add(module);
      }
    }
    this.facts.loggerModules = [...loggers];
  }

  visitCall(node: ts.CallExpression): void {
    if (this.facts.handlesShutdown) return;
    const callee = skipOuterExpressions(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    if (method === 'on' || method === 'once' || method === 'addListener' || method === 'prependListener') {
      const [signal] = node.arguments;
      if (signal && ts.isStringLiteralLike(signal) && SHUTDOWN_SIGNALS.has(signal.text)) {
        // process.on('SIGTERM'), but also a server or emitter that re-emits it; any SIGTERM listener counts.
        this.facts.handlesShutdown = true;
      } else if (signal && !ts.isStringLiteralLike(signal) && isProcess(callee.expression)) {
        // const signals = ['SIGINT', 'SIGTERM']; signals.forEach((s) => process.on(s, stop)), or a helper
        // `listen(signal)` called with 'SIGTERM': decided in finish() from the file's text.
        this.dynamicSignalListener = node.getSourceFile();
      }
    } else if (method === 'addSignalListener') {
      // Deno.addSignalListener('SIGTERM', …)
      const [signal] = node.arguments;
      if (signal && isSigtermLiteral(signal)) this.facts.handlesShutdown = true;
    } else if (method === 'enableShutdownHooks') {
      // NestJS: app.enableShutdownHooks() installs SIGTERM handling.
      this.facts.handlesShutdown = true;
    } else if (method === 'forEach') {
      // ['SIGINT', 'SIGTERM'].forEach(sig => process.on(sig, …))
      const target = skipOuterExpressions(callee.expression);
      if (ts.isArrayLiteralExpression(target) && target.elements.some(isSigtermLiteral) && node.arguments.length > 0) {
        this.facts.handlesShutdown = true;
      }
    }
  }

  visitPropertyAccess(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): void {
    const name = envReadName(node);
    if (name !== undefined) this.envNames.add(name);
  }

  /** Marks a SIGTERM literal seen in a `for (const s of ['SIGTERM', …]) process.on(s, …)` loop. */
  visitForOf(node: ts.ForOfStatement): void {
    const iterable = skipOuterExpressions(node.expression);
    if (ts.isArrayLiteralExpression(iterable) && iterable.elements.some(isSigtermLiteral)) {
      this.facts.handlesShutdown = true;
    }
  }

  finish(): FileFacts {
    this.facts.envNames = [...this.envNames];
    // Only a file that imports a logger library can export a logger made by one.
    if (this.sourceFile && this.facts.loggerModules.length > 0) {
      const exported = exportedLoggers(this.sourceFile, this.imports);
      if (exported.length > 0) this.facts.loggerExports = exported;
    }
    if (!this.facts.handlesShutdown && this.dynamicSignalListener) {
      this.facts.handlesShutdown = /(['"`])SIGTERM\1/.test(this.dynamicSignalListener.text);
    }
    return this.facts;
  }
}

function isProcess(node: ts.Expression): boolean {
  const expr = skipOuterExpressions(node);
  if (ts.isIdentifier(expr)) return expr.text === 'process';
  return ts.isPropertyAccessExpression(expr) && expr.name.text === 'process' && ts.isIdentifier(expr.expression) && expr.expression.text === 'globalThis';
}

function isSigtermLiteral(node: ts.Node): boolean {
  return ts.isStringLiteralLike(node) && SHUTDOWN_SIGNALS.has(node.text);
}
