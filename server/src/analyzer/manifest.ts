// The package manifest (package.json), typed and with offsets: dependencies by kind, scripts, bin, entry points,
// engines and workspaces, parsed once per package. Rules read it through the project index; a rule on package.json
// can point at the very entry (`"start"`, `"lodash"`). pnpm's workspace file is read here too.
import { parse as parseYaml } from 'yaml';
import { jsonEntries, jsonProperty, parseJson, type JsonNode } from './languages/json';
import type { TextRange } from './languages/language';

export type DependencyKind = 'prod' | 'dev' | 'peer' | 'optional';

/** The package.json field of each kind, in the order npm documents them. */
export const DEPENDENCY_FIELDS: Readonly<Record<DependencyKind, string>> = {
  prod: 'dependencies',
  dev: 'devDependencies',
  peer: 'peerDependencies',
  optional: 'optionalDependencies',
};

export interface ManifestDependency {
  name: string;
  kind: DependencyKind;
  /** The version range as written (`^4.18.2`, `workspace:*`, `file:../lib`). */
  version: string;
  /** The key, quotes included. */
  nameRange: TextRange;
  /** The value, quotes included. */
  valueRange: TextRange;
}

export interface ManifestString {
  value: string;
  /** The key, quotes included. */
  nameRange: TextRange;
  /** The value, quotes included. */
  valueRange: TextRange;
}

export interface Manifest {
  name?: string;
  version?: string;
  private: boolean;
  /** `"module"` or `"commonjs"` when given. */
  type?: string;
  /** Every declared dependency, in file order. */
  dependencies: ManifestDependency[];
  /** Dependency name → its declarations (a package may be both a peer and a dev dependency). */
  byName: ReadonlyMap<string, readonly ManifestDependency[]>;
  scripts: ReadonlyMap<string, ManifestString>;
  /** Command name → file. A string `bin` is named after the package. */
  bin: ReadonlyMap<string, string>;
  main?: string;
  module?: string;
  types?: string;
  /** The package declares `exports`. */
  hasExports: boolean;
  /** The package says how it is published: `files` or `publishConfig`. */
  declaresPublishing: boolean;
  engines: ReadonlyMap<string, string>;
  /** Workspace globs (`workspaces` as an array or as `{ packages }`). */
  workspaces: string[];
  /** Dependencies bundled into the package tarball (`bundleDependencies`). */
  bundled: string[];
  /** The text did not parse cleanly (a half-typed file in the editor): what parsed is kept. */
  broken: boolean;
}

export const EMPTY_MANIFEST: Manifest = Object.freeze({
  private: false,
  dependencies: [],
  byName: new Map(),
  scripts: new Map(),
  bin: new Map(),
  hasExports: false,
  declaresPublishing: false,
  engines: new Map(),
  workspaces: [],
  bundled: [],
  broken: false,
}) as Manifest;

/** Parses package.json text. Never throws; a broken file yields what parsed. */
export function parseManifest(text: string): Manifest {
  const { root, errors } = parseJson(text);
  if (!root || root.type !== 'object') return { ...EMPTY_MANIFEST, broken: true };
  const str = (key: string): string | undefined => {
    const node = jsonProperty(root, key);
    return node?.type === 'string' ? (node.value as string) : undefined;
  };
  const dependencies: ManifestDependency[] = [];
  const byName = new Map<string, ManifestDependency[]>();
  for (const kind of Object.keys(DEPENDENCY_FIELDS) as DependencyKind[]) {
    for (const [key, value] of jsonEntries(jsonProperty(root, DEPENDENCY_FIELDS[kind]))) {
      const dependency: ManifestDependency = {
        name: key.value as string,
        kind,
        version: value.type === 'string' ? (value.value as string) : '',
        nameRange: rangeOf(key),
        valueRange: rangeOf(value),
      };
      dependencies.push(dependency);
      const list = byName.get(dependency.name);
      if (list) list.push(dependency);
      else byName.set(dependency.name, [dependency]);
    }
  }
  dependencies.sort((a, b) => a.nameRange.start - b.nameRange.start);
  const scripts = new Map<string, ManifestString>();
  for (const [key, value] of jsonEntries(jsonProperty(root, 'scripts'))) {
    if (value.type === 'string') scripts.set(key.value as string, { value: value.value as string, nameRange: rangeOf(key), valueRange: rangeOf(value) });
  }
  const name = str('name');
  const bin = new Map<string, string>();
  const binNode = jsonProperty(root, 'bin');
  if (binNode?.type === 'string') {
    bin.set(name?.replace(/^@[^/]+\//, '') ?? '', binNode.value as string);
  } else {
    for (const [key, value] of jsonEntries(binNode)) if (value.type === 'string') bin.set(key.value as string, value.value as string);
  }
  const engines = new Map<string, string>();
  for (const [key, value] of jsonEntries(jsonProperty(root, 'engines'))) {
    if (value.type === 'string') engines.set(key.value as string, value.value as string);
  }
  const workspacesNode = jsonProperty(root, 'workspaces');
  const workspaces = stringArray(workspacesNode?.type === 'object' ? jsonProperty(workspacesNode, 'packages') : workspacesNode);
  const privateNode = jsonProperty(root, 'private');
  return {
    ...(name !== undefined ? { name } : {}),
    ...optional('version', str('version')),
    private: privateNode?.type === 'boolean' ? privateNode.value === true : privateNode?.value === 'true',
    ...optional('type', str('type')),
    dependencies,
    byName,
    scripts,
    bin,
    ...optional('main', str('main')),
    ...optional('module', str('module')),
    ...optional('types', str('types') ?? str('typings')),
    hasExports: jsonProperty(root, 'exports') !== undefined,
    declaresPublishing: jsonProperty(root, 'files') !== undefined || jsonProperty(root, 'publishConfig') !== undefined,
    engines,
    workspaces,
    bundled: stringArray(jsonProperty(root, 'bundleDependencies') ?? jsonProperty(root, 'bundledDependencies')),
    broken: errors.length > 0,
  };
}

/** The kinds that declare `name`, none when undeclared. */
export function declaredKinds(manifest: Manifest, name: string): DependencyKind[] {
  return (manifest.byName.get(name) ?? []).map((dependency) => dependency.kind);
}

/** The globs of `pnpm-workspace.yaml` (`packages:`), `!` exclusions included; [] when it has none or does not parse. */
export function parsePnpmWorkspace(text: string): string[] {
  try {
    const document: unknown = parseYaml(text);
    if (document === null || typeof document !== 'object') return [];
    const packages = (document as Record<string, unknown>).packages;
    return Array.isArray(packages) ? packages.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

function rangeOf(node: JsonNode): TextRange {
  return { start: node.offset, end: node.offset + node.length };
}

function stringArray(node: JsonNode | undefined): string[] {
  if (node?.type !== 'array' || !node.children) return [];
  return node.children.filter((child) => child.type === 'string').map((child) => child.value as string);
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

// --- scripts ------------------------------------------------------------------------------------------------

/** Scripts that start the app in production. When one of the named ones exists, `start` is the developer's. */
export const PRODUCTION_SCRIPTS = ['start:prod', 'start:production', 'prod', 'production', 'serve:prod'];

/** The scripts a platform starts the app with: the production-named ones, else `start`. */
export function productionScripts(manifest: Manifest): Array<[string, ManifestString]> {
  const named = PRODUCTION_SCRIPTS.filter((name) => manifest.scripts.has(name)).map((name) => [name, manifest.scripts.get(name)!] as [string, ManifestString]);
  if (named.length > 0) return named;
  const start = manifest.scripts.get('start');
  return start ? [['start', start]] : [];
}

/** Words that run the command after them: `cross-env NODE_ENV=production ts-node …`, `npx tsx …`. */
const RUNNER_PREFIXES: ReadonlySet<string> = new Set(['cross-env', 'cross-env-shell', 'env', 'npx', 'dotenv', 'dotenvx', 'env-cmd']);

/** The commands of a script line, each as its words. Quotes are dropped; `$(…)` is not followed. */
export function scriptCommands(script: string): string[][] {
  return script
    .split(/&&|\|\||[;|&]/)
    .map((command) => command.trim().split(/\s+/).filter((word) => word !== '').map((word) => word.replace(/^['"]|['"]$/g, '')))
    .filter((words) => words.length > 0);
}

/** The program a command runs once prefixes are skipped: `cross-env A=1 npx ts-node x` → index of `ts-node`. */
export function commandProgram(words: readonly string[]): number {
  let i = 0;
  for (;;) {
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i])) i++;
    if (i >= words.length || !RUNNER_PREFIXES.has(words[i])) return i;
    const prefix = words[i++];
    const dashes = words.indexOf('--', i);
    if ((prefix === 'dotenv' || prefix === 'dotenvx' || prefix === 'env-cmd') && dashes >= 0) {
      i = dashes + 1;
      continue;
    }
    if (prefix === 'dotenvx' && words[i] === 'run') i++;
    // Options of the prefix, with a value for those that take one (`env-cmd -f .env`, `dotenv -e .env`, `npx -y`).
    while (i < words.length && words[i].startsWith('-')) {
      const option = words[i++];
      if (/^-[efcp]$|^--(file|env|path|package)$/.test(option) && prefix !== 'env') i++;
    }
  }
}

/** Node's options that load a module before the app: `-r ts-node/register`, `--import tsx`. */
export const NODE_LOADER_FLAGS = /^(-r|--require|--loader|--experimental-loader|--import)(=(.*))?$/;

/** The files that start the app: `main` (index.js by default) and the files the start scripts hand to node. */
export function entryFiles(manifest: Manifest): readonly string[] {
  const cached = entryFilesCache.get(manifest);
  if (cached) return cached;
  const entries = entryFilesOf(manifest);
  entryFilesCache.set(manifest, entries);
  return entries;
}

/** Per manifest: every file of a package asks, and a manifest does not change (a changed package.json is a new one). */
const entryFilesCache = new WeakMap<Manifest, readonly string[]>();

/**
 * The files the production start path runs: those of the production-named scripts (`start:prod`, …) when the
 * package has any, since its `start` and `main` are then the developer's (NestJS: `"start": "node index.js"` with a
 * `ts-node/register` in index.js, `"start:prod": "node dist/main.js"`); else `entryFiles`.
 */
export function productionEntryFiles(manifest: Manifest): readonly string[] {
  if (!PRODUCTION_SCRIPTS.some((name) => manifest.scripts.has(name))) return entryFiles(manifest);
  const cached = productionEntryCache.get(manifest);
  if (cached) return cached;
  const entries: string[] = [];
  addScriptEntries(manifest, PRODUCTION_SCRIPTS, entries);
  productionEntryCache.set(manifest, entries);
  return entries;
}

const productionEntryCache = new WeakMap<Manifest, readonly string[]>();

function entryFilesOf(manifest: Manifest): string[] {
  const entries = [manifest.main ?? 'index.js'];
  if (!manifest.scripts.has('start')) entries.push('server.js');
  addScriptEntries(manifest, [...PRODUCTION_SCRIPTS, 'start'], entries);
  return entries;
}

/** Adds the file each `node` (or `pm2-runtime`) command of the named scripts runs. */
function addScriptEntries(manifest: Manifest, names: readonly string[], entries: string[]): void {
  const scripts = names.map((name) => manifest.scripts.get(name)).filter((s): s is ManifestString => s !== undefined);
  for (const script of scripts) {
    for (const words of scriptCommands(script.value)) {
      const at = commandProgram(words);
      if (words[at] !== 'node' && words[at] !== 'pm2-runtime') continue;
      for (let i = at + 1; i < words.length; i++) {
        const word = words[i];
        if (NODE_LOADER_FLAGS.test(word) && !word.includes('=')) {
          i++;
          continue;
        }
        if (word.startsWith('-')) continue;
        entries.push(word === '.' ? (manifest.main ?? 'index.js') : word);
        break;
      }
    }
  }
}

/**
 * The package is published to a registry (not private, and declares `exports`, `files` or `publishConfig`): a library
 * or tool whose `start` script is a developer's, even when it has one (which makes `isLibrary` false).
 */
export function looksPublished(manifest: Manifest): boolean {
  return !manifest.private && (manifest.hasExports || manifest.declaresPublishing);
}

/** `./dist/server` names `dist/server.js`, `dist/server/index.js` and `dist/server.ts`. */
export function sameModule(entry: string, file: string): boolean {
  const normalize = (path: string): string => path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/$/, '');
  const e = normalize(entry);
  const f = normalize(file);
  if (e === f) return true;
  const bare = f.replace(/\.[cm]?[jt]s$/, '');
  return bare === e || bare === `${e}/index` || bare === e.replace(/\.[cm]?[jt]s$/, '');
}
