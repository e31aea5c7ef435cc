// The one judgement of what a file is (and what a package is): rules and project facts ask here, never the path
// themselves. The signals are data (knowledge/roles.ts); docs/file-roles.md lists them.
import { posix } from 'node:path';
import picomatch from 'picomatch';
import {
  BUILD_DIRS,
  CLI_MODULES,
  ENTRY_BASENAMES,
  FILE_ROLES,
  FRONT_END_DEPENDENCIES,
  FRONT_END_DEPENDENCY_FAMILIES,
  GENERATED_BANNER,
  PATH_SIGNALS,
  ROLE_GROUPS,
  SCRIPT_RUNNERS,
  SCRIPT_RUNNER_WORD,
  SERVER_BIN,
  SERVICE_DEPENDENCY,
  SERVICE_SCRIPT_NAME,
  SOURCE_ROOTS,
  START_SCRIPTS,
  TOP_LEVEL_MAIN_CALL,
  TRAIT_SIGNALS,
  type FileRole,
  type FileTrait,
  type PackageRole,
} from './knowledge/roles';
import { startedOnlyByDevScripts, startedOnlyByToolScripts } from './knowledge/packages';
import { looksPublished, type Manifest } from './manifest';

export { FILE_ROLES, type FileRole, type FileTrait, type PackageRole } from './knowledge/roles';

/** How a file is used: its role, the `skipIn` groups the role belongs to, and why. */
export interface FileKind {
  /** In the `test` group of `skipIn`: tests, test helpers, mocks, fixtures, examples, generated code. */
  test: boolean;
  /** In the `script` group of `skipIn`: scripts and tools, command-line programs, generated code. */
  script: boolean;
  role: FileRole;
  /** The signal that decided the role, in a few words (shown by `--print-config`). */
  reason: string;
  /** Finer facts of the path some rules read (see FileTrait). */
  traits: readonly FileTrait[];
}

/** What the classifier may know beyond the file: its package.json, and the team's overrides. */
export interface RoleContext {
  manifest?: Manifest;
  /** `roles` of `.twelvefactorrc.json`: glob → role, matched against the path relative to the project root. */
  overrides?: Readonly<Record<string, FileRole>>;
  /** The path relative to the project root when `relativePath` carries a workspace prefix (overrides match either). */
  projectPath?: string;
}

/**
 * @param relativePath path of the file relative to its project root (or workspace), with forward slashes
 * @param text the file's text (only its first lines and top-level statements are read, cheaply)
 */
export function classifyFile(relativePath: string, text: string, context: RoleContext = {}): FileKind {
  const path = relativePath.replace(/\\/g, '/');
  const slash = path.lastIndexOf('/');
  const parts: Parts = { path, name: slash === -1 ? `/${path}` : path.slice(slash), dir: slash === -1 ? '' : path.slice(0, slash + 1) };
  const traits = traitsOf(parts);
  if (context.manifest && isDevEntry(context.manifest, context.projectPath ?? path, parts.name)) traits.push('dev-entry');
  const override = context.overrides ? overrideOf(context.overrides, [context.projectPath ?? path, path]) : undefined;
  if (override) return kind(override.role, `set by "roles" in .twelvefactorrc.json ("${override.glob}")`, traits);
  if (GENERATED_BANNER.test(leadingComments(text))) return kind('generated', 'its leading comment says a tool generated it', traits);
  const inPackage = (context.projectPath ?? path).replace(/\\/g, '/');
  const dirBits = partBits(PATH_BITS, 'dir', parts.dir);
  const nameBits = partBits(PATH_BITS, 'name', parts.name);
  for (let i = 0; i < PATH_SIGNALS.length; i++) {
    const signal = PATH_SIGNALS[i];
    if (signal.role === 'browser') continue;
    const matches =
      signal.inPackage || signal.on === undefined
        ? signal.pattern.test(signal.inPackage ? inPackage : parts.path)
        : ((signal.on === 'dir' ? dirBits : nameBits) & (1 << i)) !== 0;
    if (matches) return kind(signal.role, signal.why, traits);
  }
  if (text.startsWith('#!')) return kind('script', 'starts with a shebang (#!)', traits);
  const top = inPackage.includes('/') ? inPackage.slice(0, inPackage.indexOf('/')) : undefined;
  if (top !== undefined && context.manifest && scriptFolders(context.manifest).has(top)) {
    return kind('script', `under ${top}/, whose files only tool scripts of package.json run`, traits);
  }
  if (context.manifest && isToolEntry(context.manifest, context.projectPath ?? path, parts.name)) {
    return kind('script', 'run only by build scripts of package.json ("build", "codegen", "copy-assets", …)', traits);
  }
  if (isOneOffScript(path, text, context.manifest, context.projectPath)) {
    return kind('script', 'calls main() at its top level and is not the package entry point', traits);
  }
  const browser = PATH_SIGNALS.find((signal) => signal.role === 'browser' && signal.pattern.test(path));
  if (browser) return kind('browser', browser.why, traits);
  return kind('application', 'no test, script, tool or front-end signal', traits);
}

/** The comments before the first statement (after a shebang), within the first 4 KiB: where banners are. */
function leadingComments(text: string): string {
  const limit = Math.min(text.length, 4096);
  let i = 0;
  if (text.startsWith('#!')) {
    const newline = text.indexOf('\n');
    i = newline === -1 ? limit : newline + 1;
  }
  let out = '';
  while (i < limit) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 0xfeff) {
      i++;
      continue;
    }
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? limit : Math.min(end, limit);
      out += `${text.slice(i, stop)}\n`;
      i = stop;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? limit : Math.min(end + 2, limit);
      out += `${text.slice(i, stop)}\n`;
      i = stop;
    } else {
      break;
    }
  }
  return out;
}

function kind(role: FileRole, reason: string, traits: readonly FileTrait[]): FileKind {
  const groups = ROLE_GROUPS[role];
  return { test: groups.test, script: groups.script, role, reason, traits };
}

/** The path, its file name with a leading `/`, and its folders with a trailing `/` (see PathSignal.on). */
interface Parts {
  path: string;
  name: string;
  dir: string;
}

function traitsOf(parts: Parts): FileTrait[] {
  const traits: FileTrait[] = [];
  const dirBits = partBits(TRAIT_BITS, 'dir', parts.dir);
  const nameBits = partBits(TRAIT_BITS, 'name', parts.name);
  for (let i = 0; i < TRAIT_SIGNALS.length; i++) {
    const { trait, pattern, on } = TRAIT_SIGNALS[i];
    const matches = on === undefined ? pattern.test(parts.path) : ((on === 'dir' ? dirBits : nameBits) & (1 << i)) !== 0;
    if (matches) traits.push(trait);
  }
  return traits;
}

/**
 * Which signals that read only a file's folders (`on: 'dir'`) or only its name (`on: 'name'`) match, as bits (bit i
 * for signal i), remembered per folder and per name: the files of one folder share the answer, and `index.js`
 * recurs everywhere. Each cache forgets everything past a few thousand entries (an editor runs for days).
 */
interface SignalBits {
  signals: ReadonlyArray<{ pattern: RegExp; on?: 'name' | 'dir'; inPackage?: boolean }>;
  dir: Map<string, number>;
  name: Map<string, number>;
}
const PATH_BITS: SignalBits = { signals: PATH_SIGNALS, dir: new Map(), name: new Map() };
const TRAIT_BITS: SignalBits = { signals: TRAIT_SIGNALS, dir: new Map(), name: new Map() };
const PART_CACHE_LIMIT = 4096;
if (PATH_SIGNALS.length > 31 || TRAIT_SIGNALS.length > 31) throw new Error('roles: more than 31 signals do not fit the bit sets');

function partBits(table: SignalBits, on: 'dir' | 'name', value: string): number {
  const cache = table[on];
  let bits = cache.get(value);
  if (bits === undefined) {
    bits = 0;
    for (let i = 0; i < table.signals.length; i++) {
      const signal = table.signals[i];
      if (signal.on === on && !signal.inPackage && signal.pattern.test(value)) bits |= 1 << i;
    }
    if (cache.size >= PART_CACHE_LIMIT) cache.clear();
    cache.set(value, bits);
  }
  return bits;
}

/** True when `kind` has the trait. */
export function hasTrait(kind: FileKind, trait: FileTrait): boolean {
  return kind.traits.includes(trait);
}

/** True when the file is in the `skipIn` groups a rule names (the rule then does not run there). */
export function isSkippedIn(kind: Pick<FileKind, 'test' | 'script'>, skipIn: ReadonlyArray<'test' | 'script'>): boolean {
  return (kind.test && skipIn.includes('test')) || (kind.script && skipIn.includes('script'));
}

/**
 * True when a file of this role speaks for the project in project facts (its SIGTERM handler counts as the
 * project's): application code, scripts and command-line programs (a `bin/www` starts the server), never tests,
 * their helpers, mocks, fixtures, examples or generated code.
 */
export function countsForProject(kind: Pick<FileKind, 'test'> | undefined): boolean {
  return !kind?.test;
}

// --- Overrides --------------------------------------------------------------------------------------------

const compiledOverrides = new WeakMap<object, Array<{ glob: string; role: FileRole; match: (path: string) => boolean }>>();

function overrideOf(overrides: Readonly<Record<string, FileRole>>, paths: readonly string[]): { glob: string; role: FileRole } | undefined {
  let compiled = compiledOverrides.get(overrides);
  if (!compiled) {
    compiled = [];
    for (const [glob, role] of Object.entries(overrides)) {
      const clean = glob.trim().replace(/^(\.\/)+/, '').replace(/^\/+/, '');
      try {
        const match = picomatch(clean.includes('/') ? [clean, `${clean.replace(/\/+$/, '')}/**`] : [clean, `**/${clean}`, `**/${clean}/**`], { dot: true });
        compiled.push({ glob, role, match });
      } catch {
        // Reported by the config parser (roleOverrideProblem); a glob picomatch rejects overrides nothing.
      }
    }
    compiledOverrides.set(overrides, compiled);
  }
  // The last matching entry wins, as later lines of a config override earlier ones.
  for (let i = compiled.length - 1; i >= 0; i--) {
    const entry = compiled[i];
    if (paths.some((path) => entry.match(path))) return { glob: entry.glob, role: entry.role };
  }
  return undefined;
}

/** Why a `roles` entry cannot be used, or undefined when it can. */
export function roleOverrideProblem(glob: string, role: unknown): string | undefined {
  if (typeof role !== 'string' || !(FILE_ROLES as readonly string[]).includes(role)) {
    return `role must be one of ${FILE_ROLES.join(', ')}`;
  }
  if (glob.trim() === '') return 'glob is empty';
  try {
    picomatch(glob.trim());
  } catch (error) {
    return `glob cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

// --- Entry points and one-off scripts -----------------------------------------------------------------------

const entryCache = new WeakMap<Manifest, ReadonlySet<string>>();

/**
 * The files a package.json starts or exports, as stems (no extension, no leading `./`): main, module, bin, and the
 * files its start scripts run. A stem under dist/, build/ or lib/ also stands for the same stem under src/.
 */
export function entryStems(manifest: Manifest): ReadonlySet<string> {
  const cached = entryCache.get(manifest);
  if (cached) return cached;
  const stems = new Set<string>();
  const add = (file: string | undefined): void => {
    if (!file) return;
    const stem = file.trim().replace(/^(\.\/)+/, '').replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
    if (!stem || stem.startsWith('..')) return;
    stems.add(stem);
    if (BUILD_DIRS.test(stem)) {
      const inner = stem.replace(BUILD_DIRS, '');
      stems.add(inner);
      stems.add(`src/${inner}`);
    }
  };
  add(manifest.main);
  add(manifest.module);
  for (const file of manifest.bin.values()) add(file);
  for (const script of manifest.scripts.values()) for (const match of script.value.matchAll(SCRIPT_RUNNERS)) add(match[1]);
  entryCache.set(manifest, stems);
  return stems;
}

const scriptTextCache = new WeakMap<Manifest, string>();

/** Started only by a developer's package scripts; the scripts' text is searched for the file's name first (cheap). */
function isDevEntry(manifest: Manifest, path: string, name: string): boolean {
  if (manifest.scripts.size === 0) return false;
  const stem = name.slice(1).replace(/\.[cm]?[jt]sx?$/, '');
  return stem.length > 0 && scriptText(manifest).includes(stem) && startedOnlyByDevScripts(manifest.scripts, path);
}

/** Run only by the package's build tooling scripts; the scripts' text is searched for the file's name first (cheap). */
function isToolEntry(manifest: Manifest, path: string, name: string): boolean {
  if (manifest.scripts.size === 0) return false;
  const stem = name.slice(1).replace(/\.[cm]?[jt]sx?$/, '');
  if (stem.length === 0 || ENTRY_BASENAMES.test(stem) || !scriptText(manifest).includes(stem)) return false;
  return startedOnlyByToolScripts(manifest.scripts, path, SCRIPT_RUNNERS);
}

function scriptText(manifest: Manifest): string {
  let text = scriptTextCache.get(manifest);
  if (text === undefined) {
    text = [...manifest.scripts.values()].map((script) => script.value).join('\n');
    scriptTextCache.set(manifest, text);
  }
  return text;
}

const folderCache = new WeakMap<Manifest, ReadonlySet<string>>();

/**
 * Top-level folders of tooling: package scripts run files in them (`"release": "node extra/release.mjs"`), no script
 * that runs the service does, and neither main, module nor a bin points into them. `src/`, `lib/`, `server/` and
 * the like never are (SOURCE_ROOTS).
 */
export function scriptFolders(manifest: Manifest): ReadonlySet<string> {
  const cached = folderCache.get(manifest);
  if (cached) return cached;
  const tools = new Set<string>();
  const service = new Set<string>();
  const folderOf = (file: string): string | undefined => {
    const clean = file.trim().replace(/^(\.\/)+/, '');
    const slash = clean.indexOf('/');
    return slash > 0 ? clean.slice(0, slash) : undefined;
  };
  for (const [name, script] of manifest.scripts) {
    // In a script that starts the service, what runs last is the service; what runs before it is a tool
    // (`"start-pr-test": "node extra/checkout-pr.mjs && npm install && npm run dev"`).
    const commands = script.value.split(/&&|;|\|\|/);
    // `cd docs/api && node generate`: what runs after a `cd` runs in that folder, named or not.
    let cwd = '';
    commands.forEach((command, i) => {
      const into = /^\s*cd\s+([\w./@-]+)\s*$/.exec(command);
      if (into) {
        cwd = posix.normalize(posix.join(cwd, into[1]));
        if (cwd === '.' || cwd.startsWith('..')) cwd = '';
        return;
      }
      const target = SERVICE_SCRIPT_NAME.test(name) && i === commands.length - 1 ? service : tools;
      for (const match of command.matchAll(SCRIPT_RUNNERS)) {
        const folder = folderOf(cwd ? posix.join(cwd, match[1]) : match[1]);
        if (folder) target.add(folder);
      }
      if (cwd && SCRIPT_RUNNER_WORD.test(command)) {
        const folder = folderOf(`${cwd}/`);
        if (folder) target.add(folder);
      }
    });
  }
  for (const file of [manifest.main, manifest.module, ...manifest.bin.values()]) {
    const folder = file ? folderOf(file) : undefined;
    if (folder) service.add(folder);
  }
  const folders = new Set([...tools].filter((folder) => !service.has(folder) && !SOURCE_ROOTS.has(folder.toLowerCase()) && !folder.startsWith('.')));
  folderCache.set(manifest, folders);
  return folders;
}

function isOneOffScript(path: string, text: string, manifest: Manifest | undefined, projectPath: string | undefined): boolean {
  if (!text.includes('main()') || !TOP_LEVEL_MAIN_CALL.test(text)) return false;
  // A server is not a one-off, whatever starts it.
  if (/\.listen\(/.test(text)) return false;
  const own = (projectPath ?? path).replace(/\\/g, '/');
  const base = own.split('/').pop()?.replace(/\.[cm]?[jt]sx?$/, '') ?? '';
  if (ENTRY_BASENAMES.test(base)) return false;
  if (!manifest) return true;
  const stems = entryStems(manifest);
  const stem = own.replace(/\.[cm]?[jt]sx?$/, '');
  return !stems.has(stem) && !stems.has(stem.replace(/\/index$/, ''));
}

// --- Packages -------------------------------------------------------------------------------------------------

const packageCache = new WeakMap<Manifest, PackageRole>();

/**
 * What a package is, from its package.json alone:
 * - `front-end`: depends on a browser framework and on nothing that serves requests or runs jobs;
 * - `cli`: declares a `bin` that does not start the package's own server;
 * - `library`: published (not private), with an entry point and no start script;
 * - `service`: anything else (what the rules assume).
 */
export function packageRoleOf(manifest: Manifest): PackageRole {
  const cached = packageCache.get(manifest);
  if (cached) return cached;
  const role = computePackageRole(manifest);
  packageCache.set(manifest, role);
  return role;
}

/**
 * True when the dependencies make a front-end bundle (a Vite SPA, a webview): a browser framework and nothing that
 * serves requests or runs jobs. Its code runs in the browser, even the files that import no framework.
 */
export function isFrontEndDependencies(dependencies: ReadonlySet<string>): boolean {
  return !servesRequests(dependencies) && [...dependencies].some(isFrontEndDependency);
}

/**
 * A dependency (or an import of one) that only front-end code has: a browser framework (`react-dom`, `vue`) or a
 * member of an editor or UI family (`@tiptap/core`, `@tiptap/pm/state`, `prosemirror-view`, `@floating-ui/dom`).
 */
export function isFrontEndDependency(name: string): boolean {
  return FRONT_END_DEPENDENCIES.includes(name) || FRONT_END_DEPENDENCY_FAMILIES.some((family) => name.startsWith(family));
}

/** True when one of the dependencies serves requests or runs jobs (SERVICE_DEPENDENCY). */
export function servesRequests(dependencies: Iterable<string>): boolean {
  for (const name of dependencies) if (SERVICE_DEPENDENCY.test(name)) return true;
  return false;
}

function computePackageRole(manifest: Manifest): PackageRole {
  const names = [...manifest.byName.keys()];
  const serves = servesRequests(names);
  if (!serves && names.some(isFrontEndDependency)) return 'front-end';
  if (manifest.bin.size > 0 && !binStartsServer(manifest, serves)) return 'cli';
  const library =
    !manifest.private &&
    (manifest.main !== undefined || manifest.module !== undefined || manifest.types !== undefined || manifest.hasExports) &&
    !manifest.scripts.has('start');
  return library ? 'library' : 'service';
}

/**
 * A `bin` that starts the package's server: a start script runs the bin file, or the package serves requests and a
 * bin is named like a server start (`bin/www`, `server`), or the package serves requests, is a private app with a
 * start script, and uses no command-line framework.
 */
function binStartsServer(manifest: Manifest, serves: boolean): boolean {
  const stem = (file: string): string => file.trim().replace(/^(\.\/)+/, '').replace(/\.[cm]?[jt]sx?$/, '');
  const bins = [...manifest.bin.values()].map(stem);
  for (const name of START_SCRIPTS) {
    const script = manifest.scripts.get(name);
    if (!script) continue;
    for (const match of script.value.matchAll(SCRIPT_RUNNERS)) if (bins.includes(stem(match[1]))) return true;
  }
  if (!serves) return false;
  if ([...manifest.bin].some(([command, file]) => SERVER_BIN.test(command) || SERVER_BIN.test(stem(file)))) return true;
  const usesCliFramework = [...manifest.byName.keys()].some((name) => CLI_MODULES.has(name));
  return manifest.private === true && manifest.scripts.has('start') && !usesCliFramework;
}

/**
 * Whether the package is an app that gets deployed and run as a service: not a command-line tool, a library, a
 * published package, an editor extension or a desktop (Electron) app. Rules about what a running service does
 * (installing at run time, daemonizing, reading its version from git) stay quiet elsewhere: there it is the job.
 */
export function isDeployedApp(project: { readonly isCli?: boolean; readonly isLibrary?: boolean; readonly manifest?: Manifest }): boolean {
  const manifest = project.manifest;
  if (project.isCli || project.isLibrary) return false;
  return !(manifest?.engines.has('vscode') || manifest?.byName.has('electron') || (manifest && looksPublished(manifest)));
}
