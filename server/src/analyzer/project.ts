// The project index: facts that span files, kept per file and combined on demand, so that one file's edit
// updates one entry instead of re-reading the workspace.
import path from 'node:path';
import ts from 'typescript';
import { envReadName, isProcessEnv, normalizeModule, propertyNameText, skipOuterExpressions, type ImportMap } from './ast';
import { countsForProject, packageRoleOf, type FileKind, type PackageRole } from './roles';
import type { ModuleAliases } from './knowledge/modules';
import { SYSTEM_TOOLS, installsTool } from './knowledge/system-tools';
import type { LanguageId } from './languages/language';
import type { Manifest } from './manifest';
import { exportedLoggers, type LoggerExport } from './loggers';

/** What one file contributes to its project. Collected during the analyzer's single walk. */
export interface FileFacts {
  /** The file installs a handler for SIGTERM (process.on/once/addListener, or a graceful-shutdown library). */
  handlesShutdown: boolean;
  /** Environment variable names the file reads (`process.env.X`). */
  envNames: string[];
  /** Logger modules the file imports (pino, winston, …). */
  loggerModules: string[];
  /** The language the file was read as (TypeScript when absent). */
  language?: LanguageId;
  /** How the file is used (roles.ts): a test helper's SIGTERM handler is not the project's. */
  role?: FileKind;
  /** Each read of a named environment variable, with whether the code gives it a fallback (TypeScript). */
  envReads?: EnvRead[];
  /** A `.env` file's entries. */
  dotenv?: DotenvFacts;
  /** What a Dockerfile installs, sets and copies. */
  docker?: DockerFacts;
  /** The file's disable comments, for the findings project rules report into it. */
  directives?: DirectiveFact[];
  /** Loggers the file exports (`export const logger = pino()`): the project's logger module, for other files to import. */
  loggerExports?: LoggerExport[];
}

export interface EnvRead {
  name: string;
  start: number;
  end: number;
  /** `process.env.X ?? 'x'`, `process.env.X || 3000`, `const { X = 'x' } = process.env`. */
  fallback: boolean;
  /** `process.env` (and Bun/Deno), or `import.meta.env` (a bundler's). */
  via: 'process' | 'import.meta';
  /**
   * Handed to a schema under its own name (`runtimeEnv: { X: process.env.X }` for t3-env, envalid, zod): whether it
   * is required is the schema's to say.
   */
  mapped?: boolean;
}

export interface DotenvFacts {
  entries: Array<{ key: string; hasValue: boolean; keyStart: number; keyEnd: number; valueStart: number; valueEnd: number }>;
  /** Keys documented in comments (`# LOG_LEVEL=debug`): listed, deliberately unset. */
  commentedKeys: string[];
  /** The text, for fixes that add lines; left out above 256 KiB. */
  text?: string;
}

export interface DockerFacts {
  /** OS packages installed by RUN (apt-get, apt, apk, yum, dnf, microdnf, zypper). */
  installs: string[];
  /** Base images of the stages (`node:20-slim`), stage names left out. */
  images: string[];
  /** Names set by ENV and ARG. */
  envNames: string[];
  /**
   * COPY and ADD from the build context (not `--from=`): their sources, the instruction's range, and whether it is
   * in the last stage (the image that ships; earlier stages only build).
   */
  copies: Array<{ sources: Array<{ value: string; start: number; end: number }>; start: number; end: number; final?: boolean }>;
  /** The text, for fixes and positions; left out above 256 KiB. */
  text?: string;
}

/** A disable comment as project-rule findings need it (see suppress.ts). */
export interface DirectiveFact {
  kind: 'next-line' | 'disable' | 'enable';
  rules: string[];
  start: number;
  /** 0-based line a next-line comment silences. */
  targetLine: number;
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

/**
 * Project-level facts that can void a finding (see `Finding.unless`): a SIGTERM handler in another file, or a system
 * program that a Dockerfile of the project (or of a workspace above it) installs: `tool:ffmpeg`.
 */
export type ProjectFactName = 'handlesShutdown' | `tool:${string}`;

/** The workspace (npm, yarn or pnpm) a package belongs to. */
export interface WorkspaceView {
  /** Absolute path of the workspace root. */
  root: string;
  /** Member packages: name → absolute folder. */
  packages: ReadonlyMap<string, string>;
  /** The root's manifest. */
  rootManifest?: Manifest;
  /** Every dependency name declared by a member or the root. */
  declared?: ReadonlySet<string>;
}

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
  /** The package is a command-line tool (a `bin` that does not start its own server): its output is its interface. */
  readonly isCli?: boolean;
  /** What the package is (roles.ts `packageRoleOf`): service, library, cli or front-end. */
  readonly packageRole?: PackageRole;
  /** The project's `.env.example` (its text is undefined when the file does not exist yet). */
  envExampleFile?(): { path: string; text: string | undefined } | undefined;
  /** The typed package.json. */
  readonly manifest?: Manifest;
  /** The npm/yarn/pnpm workspace the package is a member (or the root) of. */
  readonly workspace?: WorkspaceView;
  /** Module aliases of the build: tsconfig `paths` and `baseUrl`, bundler alias keys. */
  readonly moduleAliases?: ModuleAliases;
  /** Every indexed file of the project with its facts. */
  files?(): Iterable<[string, FileFacts]>;
  /** The facts of one indexed file. */
  factsOf?(file: string): FileFacts | undefined;
  /** Projects containing this one (a workspace root above a member package), nearest first. */
  readonly ancestors?: readonly ProjectView[];
  /** Whether git leaves the file out (`.gitignore`, `.git/info/exclude`); undefined outside a git work tree. */
  isGitIgnored?(file: string): boolean | undefined;
  /** Whether the build of `dockerfile` leaves `file` out of its context (`.dockerignore`); undefined with none. */
  isDockerIgnored?(dockerfile: string, file: string): boolean | undefined;
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
  /** See `ProjectView.packageRole`. */
  role?: PackageRole;
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
  manifest: Manifest | undefined;
  workspace: WorkspaceView | undefined;
  moduleAliases: ModuleAliases | undefined;
  ancestors: ProjectIndex[] = [];
  isGitIgnored: ((file: string) => boolean | undefined) | undefined;
  isDockerIgnored: ((dockerfile: string, file: string) => boolean | undefined) | undefined;
  /** Bumped whenever a file's facts that project rules read change (env reads, `.env` entries, Dockerfiles). */
  version = 0;
  dependencies: Set<string> = new Set();
  packageName: string | undefined;
  isLibrary = false;
  isCli = false;
  packageRole: PackageRole = 'service';
  private readonly fileFacts = new Map<string, FileFacts>();
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
    this.packageRole = info.role ?? (this.isCli ? 'cli' : this.isLibrary ? 'library' : 'service');
    this.packageJsonText = info.text;
  }

  /** Sets the typed manifest, and the summary older rules read (`dependencies`, `isLibrary`, `isCli`; `text` for fixes). */
  setManifest(manifest: Manifest, text?: string): void {
    this.manifest = manifest;
    this.setPackageJson({ ...packageInfoOf(manifest), ...(text !== undefined ? { text } : {}) });
    this.version++;
  }

  /** Records a file's facts. Returns true when a project-level fact changed (what project rules read included). */
  setFile(file: string, facts: FileFacts): boolean {
    const before = this.shutdownFiles.size > 0;
    const previous = this.fileFacts.get(file);
    this.fileFacts.set(file, facts);
    // Project facts ask the file's role: a SIGTERM handler in a test helper does not stop the server.
    if (facts.handlesShutdown && countsForProject(facts.role)) this.shutdownFiles.add(file);
    else this.shutdownFiles.delete(file);
    const projectFactsChanged = projectSignature(previous) !== projectSignature(facts);
    if (projectFactsChanged) this.version++;
    return before !== this.shutdownFiles.size > 0 || projectFactsChanged;
  }

  /** Forgets a file. Returns true when a project-level fact changed. */
  removeFile(file: string): boolean {
    const before = this.shutdownFiles.size > 0;
    const previous = this.fileFacts.get(file);
    this.fileFacts.delete(file);
    this.shutdownFiles.delete(file);
    const projectFactsChanged = previous !== undefined && projectSignature(previous) !== projectSignature(undefined);
    if (projectFactsChanged) this.version++;
    return before !== this.shutdownFiles.size > 0 || projectFactsChanged;
  }

  /** The facts of a file, when indexed. */
  factsOf(file: string): FileFacts | undefined {
    return this.fileFacts.get(file);
  }

  files(): IterableIterator<[string, FileFacts]> {
    return this.fileFacts.entries();
  }

  /** True when a Dockerfile of this project, or of a project containing it, installs the system program. */
  installsProgram(program: string): boolean {
    const tool = SYSTEM_TOOLS.get(program);
    if (!tool) return false;
    for (const project of [this, ...this.ancestors]) {
      for (const facts of project.fileFacts.values()) {
        const docker = facts.docker;
        if (!docker) continue;
        if (docker.installs.some((name) => installsTool(name, tool))) return true;
        if (docker.images.some((image) => imageProvides(image, program))) return true;
      }
    }
    return false;
  }

  hasFile(file: string): boolean {
    return this.fileFacts.has(file);
  }

  get fileCount(): number {
    return this.fileFacts.size;
  }

  hasFact(fact: ProjectFactName, exceptFile?: string): boolean {
    if (fact === 'handlesShutdown') {
      for (const file of this.shutdownFiles) if (file !== exceptFile) return true;
      return false;
    }
    return this.installsProgram(fact.slice('tool:'.length));
  }

  envNames(): ReadonlySet<string> {
    const names = new Set<string>();
    for (const facts of this.fileFacts.values()) for (const name of facts.envNames) names.add(name);
    return names;
  }

  envExampleFile(): { path: string; text: string | undefined } | undefined {
    if (!this.root) return undefined;
    return { path: path.join(this.root, '.env.example'), text: this.envExampleText };
  }

  loggerModules(): ReadonlySet<string> {
    const modules = new Set<string>();
    for (const facts of this.fileFacts.values()) for (const module of facts.loggerModules) modules.add(module);
    return modules;
  }

  packageJsonFile(): { path: string; text: string } | undefined {
    if (!this.root || this.packageJsonText === undefined) return undefined;
    return { path: path.join(this.root, 'package.json'), text: this.packageJsonText };
  }

  loggerExports(): Array<LoggerExport & { file: string }> {
    const found: Array<LoggerExport & { file: string }> = [];
    for (const [file, facts] of this.fileFacts) for (const exported of facts.loggerExports ?? []) found.push({ ...exported, file });
    return found;
  }
}

/** The summary of a typed manifest that `parsePackageJson` gives. */
export function packageInfoOf(manifest: Manifest): PackageJsonInfo {
  const role = packageRoleOf(manifest);
  const library =
    !manifest.private &&
    (manifest.main !== undefined || manifest.module !== undefined || manifest.types !== undefined || manifest.hasExports) &&
    !manifest.scripts.has('start');
  return {
    ...(manifest.name !== undefined ? { name: manifest.name } : {}),
    dependencies: new Set(manifest.byName.keys()),
    library,
    cli: role === 'cli',
    role,
  };
}

/** What of a file's facts project rules read, as one comparable string. */
function projectSignature(facts: FileFacts | undefined): string {
  if (!facts || (!facts.envReads && !facts.dotenv && !facts.docker)) return '';
  const reads = facts.envReads?.map((read) => `${read.name}${read.fallback ? '?' : ''}`).join(',') ?? '';
  const dotenv = facts.dotenv ? `${facts.dotenv.entries.map((e) => `${e.key}${e.hasValue ? '=' : ''}`).join(',')}#${facts.dotenv.commentedKeys.join(',')}#${facts.dotenv.text?.length ?? ''}` : '';
  const docker = facts.docker ? JSON.stringify([facts.docker.installs, facts.docker.images, facts.docker.envNames, facts.docker.copies.map((c) => c.sources.map((x) => x.value))]) : '';
  return `${facts.role?.test ? 't' : ''}${facts.role?.script ? 's' : ''}|${reads}|${dotenv}|${docker}`;
}

/**
 * The full Debian-based `node` images (`node:20`, `node:lts-bookworm`) are built on buildpack-deps, which has curl,
 * wget and git; the slim, Alpine and distroless ones do not.
 */
function imageProvides(image: string, program: string): boolean {
  if (program !== 'curl' && program !== 'wget' && program !== 'git') return false;
  const match = /^(?:docker\.io\/)?(?:library\/)?node(?::([\w.-]+))?(?:@|$)/.exec(image);
  if (!match) return false;
  const tag = match[1] ?? 'latest';
  return !/(slim|alpine|distroless)/.test(tag);
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
  private readonly envReads: EnvRead[] = [];
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
    if (name === undefined) return;
    this.envNames.add(name);
    if (isEnvWrite(node)) return;
    const object = skipOuterExpressions(node.expression) as ts.PropertyAccessExpression;
    const via = ts.isMetaProperty(skipOuterExpressions(object.expression)) ? 'import.meta' : 'process';
    const start = ts.isPropertyAccessExpression(node) ? node.name.getStart() : node.argumentExpression.getStart();
    const end = ts.isPropertyAccessExpression(node) ? node.name.getEnd() : node.argumentExpression.getEnd();
    const parent = node.parent;
    const mapped = ts.isPropertyAssignment(parent) && parent.initializer === node && propertyNameText(parent.name) === name;
    this.envReads.push({ name, start, end, fallback: isOptionalRead(node), via, ...(mapped ? { mapped } : {}) });
  }

  /** `const { PORT = 3000, DATABASE_URL } = process.env`: each name is a read, with a fallback when it has a default. */
  visitVariableDeclaration(node: ts.VariableDeclaration): void {
    if (!node.initializer || !ts.isObjectBindingPattern(node.name)) return;
    const init = skipOuterExpressions(node.initializer);
    if (!ts.isPropertyAccessExpression(init) || !isProcessEnv(init)) return;
    const via = ts.isMetaProperty(skipOuterExpressions(init.expression)) ? 'import.meta' : 'process';
    for (const element of node.name.elements) {
      if (element.dotDotDotToken) continue;
      const key = element.propertyName ?? element.name;
      const name = propertyNameText(key as ts.PropertyName);
      if (name === undefined) continue;
      this.envNames.add(name);
      this.envReads.push({ name, start: key.getStart(), end: key.getEnd(), fallback: element.initializer !== undefined, via });
    }
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
    if (this.envReads.length > 0) this.facts.envReads = this.envReads;
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

/** `process.env.X = …`, `process.env.X ??= …`, `delete process.env.X`: the code sets it, it does not need it. */
function isEnvWrite(node: ts.Expression): boolean {
  let child: ts.Node = node;
  let parent = node.parent;
  while (parent && ts.isParenthesizedExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (ts.isBinaryExpression(parent) && parent.left === child) {
    const op = parent.operatorToken.kind;
    return op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
  }
  return ts.isDeleteExpression(parent);
}

/**
 * The program works without the variable: it has a fallback (`?? 'x'`, `|| 3000`, a `?:`), or it is only tested
 * (`if (process.env.SENTRY_DSN)`, `process.env.DEBUG === 'true'`, `!process.env.CI`). Looks through calls that
 * convert it (`Number(process.env.PORT) || 3000`).
 */
function isOptionalRead(node: ts.Expression): boolean {
  let child: ts.Node = node;
  let parent: ts.Node | undefined = node.parent;
  for (let depth = 0; parent && depth < 4; depth++) {
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (parent.left === child && (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken)) {
        return true;
      }
      if (
        op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === ts.SyntaxKind.EqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsToken
      ) {
        return true;
      }
      return false;
    }
    if (ts.isConditionalExpression(parent)) return parent.condition === child;
    if (ts.isIfStatement(parent) || ts.isWhileStatement(parent)) return parent.expression === child;
    if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return true;
    if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent) || ts.isCallExpression(parent)) {
      // Number(process.env.PORT) || 3000; process.env.X?.split(','); only conversions, not the env object.
      if (ts.isCallExpression(parent) && parent.expression === child) return false;
      child = parent;
      parent = parent.parent;
      continue;
    }
    return false;
  }
  return false;
}

function isProcess(node: ts.Expression): boolean {
  const expr = skipOuterExpressions(node);
  if (ts.isIdentifier(expr)) return expr.text === 'process';
  return ts.isPropertyAccessExpression(expr) && expr.name.text === 'process' && ts.isIdentifier(expr.expression) && expr.expression.text === 'globalThis';
}

function isSigtermLiteral(node: ts.Node): boolean {
  return ts.isStringLiteralLike(node) && SHUTDOWN_SIGNALS.has(node.text);
}
