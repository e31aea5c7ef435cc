// What surrounds a package on disk, for its project index: its manifest, the npm/yarn/pnpm workspace it belongs to
// (with the names of the member packages), the module aliases of its build (tsconfig/jsconfig `paths` and `baseUrl`,
// bundler alias keys) and what git and Docker leave out (.gitignore, .dockerignore). Read once per package and
// cached; `invalidate` after a watched change. Never throws: an unreadable or broken file counts as absent.
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { parse as parseJsonc } from 'jsonc-parser';
import {
  parseManifest,
  parsePnpmWorkspace,
  type ModuleAliases,
  type ProjectIndex,
  type WorkspaceView,
} from '../analyzer';
import { IGNORED_DIRS } from './files';
import { readTextFile } from './loader';

export class PackageContextLoader {
  private readonly workspaces = new Map<string, WorkspaceView | null>();
  private readonly aliases = new Map<string, ModuleAliases>();
  private readonly gitRoots = new Map<string, string | null>();
  private readonly ignoreFiles = new Map<string, Ignore | null>();
  /** The workspace globs a folder declares (package.json, pnpm-workspace.yaml, lerna.json): every package below asks. */
  private readonly patterns = new Map<string, string[]>();

  /** Fills a new project index with what the disk says about its package (`packageJson`: its text, when read already). */
  configure(index: ProjectIndex, packageJson?: string): void {
    const root = index.root;
    if (!root) return;
    const text = packageJson ?? readTextFile(path.join(root, 'package.json'));
    if (text !== undefined) index.setManifest(parseManifest(text), text);
    index.workspace = this.workspaceOf(root);
    index.moduleAliases = this.aliasesOf(root, text);
    index.isGitIgnored = (file) => this.isGitIgnored(file);
    index.isDockerIgnored = (dockerfile, file) => this.isDockerIgnored(dockerfile, file);
  }

  invalidate(): void {
    this.workspaces.clear();
    this.aliases.clear();
    this.gitRoots.clear();
    this.ignoreFiles.clear();
    this.patterns.clear();
  }

  // --- workspaces -----------------------------------------------------------------------------------------

  /** The workspace whose globs include `packageRoot` (or that it is the root of), searching upwards. */
  workspaceOf(packageRoot: string): WorkspaceView | undefined {
    let dir = packageRoot;
    for (let depth = 0; depth < 12; depth++) {
      let patterns = this.patterns.get(dir);
      if (patterns === undefined) {
        patterns = workspacePatterns(dir);
        this.patterns.set(dir, patterns);
      }
      if (patterns.length > 0) {
        const relative = toSlash(path.relative(dir, packageRoot));
        const included = relative === '' || matchesWorkspace(patterns, relative);
        if (included) return this.workspaceAt(dir, patterns) ?? undefined;
      }
      const parent = path.dirname(dir);
      if (parent === dir || fs.existsSync(path.join(dir, '.git'))) break;
      dir = parent;
    }
    return undefined;
  }

  private workspaceAt(root: string, patterns: readonly string[]): WorkspaceView | null {
    const cached = this.workspaces.get(root);
    if (cached !== undefined) return cached;
    const packages = new Map<string, string>();
    const declared = new Set<string>();
    for (const dir of expandWorkspaces(root, patterns)) {
      const text = readTextFile(path.join(dir, 'package.json'));
      if (text === undefined) continue;
      const manifest = parseManifest(text);
      for (const dependency of manifest.byName.keys()) declared.add(dependency);
      if (manifest.name !== undefined && !packages.has(manifest.name)) packages.set(manifest.name, dir);
    }
    const rootText = readTextFile(path.join(root, 'package.json'));
    const rootManifest = rootText !== undefined ? parseManifest(rootText) : undefined;
    for (const dependency of rootManifest?.byName.keys() ?? []) declared.add(dependency);
    const view: WorkspaceView = { root, packages, declared, ...(rootManifest ? { rootManifest } : {}) };
    this.workspaces.set(root, view);
    return view;
  }

  // --- module aliases -------------------------------------------------------------------------------------

  /** `packageJson`: the package's manifest text, when the caller has read it (its browserify fields name aliases). */
  aliasesOf(packageRoot: string, packageJson?: string): ModuleAliases {
    const cached = this.aliases.get(packageRoot);
    if (cached) return cached;
    const paths = new Set<string>();
    const baseUrlEntries = new Set<string>();
    let entries: string[] = [];
    try {
      entries = fs.readdirSync(packageRoot);
    } catch {
      entries = [];
    }
    for (const name of entries) {
      if (/^[jt]sconfig([.-][\w.-]+)?\.json$/.test(name)) readTsconfig(path.join(packageRoot, name), paths, baseUrlEntries, 0);
    }
    const configAliases = new Set<string>(packageJson === undefined ? [] : manifestAliasKeys(packageJson));
    for (const name of entries) {
      if (BUNDLER_CONFIG.test(name)) {
        const text = readTextFile(path.join(packageRoot, name));
        if (text !== undefined && text.length < 512 * 1024) for (const alias of aliasKeys(text)) configAliases.add(alias);
      }
    }
    const aliases: ModuleAliases = { paths: [...paths], baseUrlEntries, configAliases };
    this.aliases.set(packageRoot, aliases);
    return aliases;
  }

  // --- git and Docker ignores -----------------------------------------------------------------------------

  /** Whether git ignores `file` (`.gitignore` files from the work tree's top down, `.git/info/exclude`); undefined outside a work tree. */
  isGitIgnored(file: string): boolean | undefined {
    const top = this.gitRootOf(path.dirname(file));
    if (top === undefined) return undefined;
    let ignored = false;
    const exclude = this.ignoreAt(path.join(top, '.git', 'info', 'exclude'));
    if (exclude && ignores(exclude, toSlash(path.relative(top, file)))) ignored = true;
    // Each .gitignore applies to paths below its folder; a deeper one can take back (`!`) what a higher one said.
    const relativeDirs = toSlash(path.relative(top, path.dirname(file))).split('/').filter(Boolean);
    for (let depth = 0; depth <= relativeDirs.length; depth++) {
      const dir = path.join(top, ...relativeDirs.slice(0, depth));
      const rules = this.ignoreAt(path.join(dir, '.gitignore'));
      if (!rules) continue;
      const relative = toSlash(path.relative(dir, file));
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const result = rules.test(relative);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  /**
   * Whether building `dockerfile` leaves `file` out of the context: its own `<name>.dockerignore`, or a `.dockerignore`
   * in its folder or a folder above (the context is usually one of them). Undefined when none exists.
   */
  isDockerIgnored(dockerfile: string, file: string): boolean | undefined {
    const own = this.ignoreAt(`${dockerfile}.dockerignore`);
    if (own) return ignores(own, toSlash(path.relative(path.dirname(dockerfile), file)));
    let found = false;
    let dir = path.dirname(dockerfile);
    const top = this.gitRootOf(dir);
    for (let depth = 0; depth < 8; depth++) {
      const rules = this.ignoreAt(path.join(dir, '.dockerignore'));
      if (rules) {
        found = true;
        const relative = toSlash(path.relative(dir, file));
        if (ignores(rules, relative)) return true;
      }
      const parent = path.dirname(dir);
      if (parent === dir || dir === top) break;
      dir = parent;
    }
    return found ? false : undefined;
  }

  private gitRootOf(dir: string): string | undefined {
    const cached = this.gitRoots.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    let found: string | null = null;
    if (fs.existsSync(path.join(dir, '.git'))) found = dir;
    else {
      const parent = path.dirname(dir);
      if (parent !== dir) found = this.gitRootOf(parent) ?? null;
    }
    this.gitRoots.set(dir, found);
    return found ?? undefined;
  }

  private ignoreAt(file: string): Ignore | undefined {
    const cached = this.ignoreFiles.get(file);
    if (cached !== undefined) return cached ?? undefined;
    const text = readTextFile(file);
    let rules: Ignore | null = null;
    if (text !== undefined) {
      try {
        rules = ignore().add(text);
      } catch {
        rules = null;
      }
    }
    this.ignoreFiles.set(file, rules);
    return rules ?? undefined;
  }
}

/** Workspace globs declared in `dir`: package.json `workspaces`, pnpm-workspace.yaml, lerna.json `packages`. */
function workspacePatterns(dir: string): string[] {
  const patterns: string[] = [];
  const pkg = readTextFile(path.join(dir, 'package.json'));
  if (pkg !== undefined) patterns.push(...parseManifest(pkg).workspaces);
  const pnpm = readTextFile(path.join(dir, 'pnpm-workspace.yaml')) ?? readTextFile(path.join(dir, 'pnpm-workspace.yml'));
  if (pnpm !== undefined) patterns.push(...parsePnpmWorkspace(pnpm));
  const lerna = readTextFile(path.join(dir, 'lerna.json'));
  if (lerna !== undefined) {
    const json: unknown = parseJsonc(lerna);
    const packages = json && typeof json === 'object' ? (json as Record<string, unknown>).packages : undefined;
    if (Array.isArray(packages)) patterns.push(...packages.filter((p): p is string => typeof p === 'string'));
  }
  return patterns;
}

function matchesWorkspace(patterns: readonly string[], relative: string): boolean {
  const include = patterns.filter((p) => !p.startsWith('!')).map(cleanPattern);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => cleanPattern(p.slice(1)));
  return include.length > 0 && picomatch.isMatch(relative, include) && !(exclude.length > 0 && picomatch.isMatch(relative, exclude));
}

function cleanPattern(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '').replace(/\/package\.json$/, '');
}

/** Folders under `root` matching the workspace globs, down to the depth the globs reach (`**`: four levels). */
function expandWorkspaces(root: string, patterns: readonly string[]): string[] {
  const include = patterns.filter((p) => !p.startsWith('!')).map(cleanPattern);
  if (include.length === 0) return [];
  const maxDepth = Math.min(6, Math.max(...include.map((p) => (p.includes('**') ? 4 : p.split('/').length))));
  const out: string[] = [];
  const visit = (dir: string, depth: number): void => {
    if (depth > maxDepth || out.length > 2000) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || IGNORED_DIRS.has(entry.name) || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      const relative = toSlash(path.relative(root, full));
      if (matchesWorkspace(patterns, relative) && fs.existsSync(path.join(full, 'package.json'))) out.push(full);
      visit(full, depth + 1);
    }
  };
  visit(root, 1);
  return out;
}

/** At most this many project references of a package root's tsconfig are read (an Nx solution lists every project). */
const MAX_REFERENCES = 200;

/**
 * `paths` keys and the entries under `baseUrl` of a tsconfig/jsconfig, following relative `extends`. A package root's
 * own tsconfig (depth 0) also lends the `paths` keys of the projects it references: Nx keeps one package.json at the
 * top and each project's aliases (`"@libs/*"`) in that project's tsconfig, listed under the root's `references`
 * (erxes). Their `baseUrl` entries are left out: a name under one project's base is no alias in another.
 */
function readTsconfig(file: string, paths: Set<string>, baseUrlEntries: Set<string>, depth: number): void {
  if (depth > 5) return;
  const text = readTextFile(file);
  if (text === undefined) return;
  const json: unknown = parseJsonc(text, [], { allowTrailingComma: true });
  if (!json || typeof json !== 'object') return;
  const record = json as Record<string, unknown>;
  if (depth === 0 && Array.isArray(record.references)) {
    for (const reference of record.references.slice(0, MAX_REFERENCES)) {
      const ref = reference && typeof reference === 'object' ? (reference as Record<string, unknown>).path : undefined;
      if (typeof ref !== 'string' || !ref.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), ref);
      const referenced = target.endsWith('.json') ? target : path.join(target, 'tsconfig.json');
      if (referenced !== file) readTsconfig(referenced, paths, new Set(), 1);
    }
  }
  const extendsValue = record.extends;
  for (const base of typeof extendsValue === 'string' ? [extendsValue] : Array.isArray(extendsValue) ? extendsValue : []) {
    // A package's tsconfig (`@tsconfig/node20`) lives in node_modules and declares no paths of this project.
    if (typeof base === 'string' && base.startsWith('.')) {
      const target = path.resolve(path.dirname(file), base.endsWith('.json') ? base : `${base}.json`);
      readTsconfig(target, paths, baseUrlEntries, depth + 1);
    }
  }
  const options = record.compilerOptions;
  if (!options || typeof options !== 'object') return;
  const compilerOptions = options as Record<string, unknown>;
  if (compilerOptions.paths && typeof compilerOptions.paths === 'object') {
    for (const key of Object.keys(compilerOptions.paths)) paths.add(key);
  }
  if (typeof compilerOptions.baseUrl === 'string') {
    const dir = path.resolve(path.dirname(file), compilerOptions.baseUrl);
    try {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        baseUrlEntries.add(entry.isDirectory() ? entry.name : entry.name.replace(/\.(d\.)?[cm]?[jt]sx?$|\.json$/, ''));
      }
    } catch {
      // A baseUrl that does not exist adds nothing.
    }
  }
}

/**
 * Module names a package.json maps for the bundler: the keys of `browserify-shim` (`"jquery": "global:$"`: the
 * page's global, never installed; keystone-classic). Not the `browser` field: `"ws": false` stubs a module in the
 * browser build that Node still loads, so it must still be declared.
 */
function manifestAliasKeys(text: string): string[] {
  const json: unknown = parseJsonc(text, [], { allowTrailingComma: true });
  if (!json || typeof json !== 'object') return [];
  const record = json as Record<string, unknown>;
  const shim = record['browserify-shim'];
  if (!shim || typeof shim !== 'object' || Array.isArray(shim)) return [];
  return Object.keys(shim).filter((key) => !key.startsWith('.') && !key.startsWith('/'));
}

const BUNDLER_CONFIG =
  /^(vite|vitest|webpack|rollup|rspack|next|nuxt|svelte|astro|quasar|vue|craco|metro|tsup|jest|babel|remix|electron\.vite)(\.[\w-]+)*\.config\.[cm]?[jt]s$|^\.babelrc(\.json)?$|^babel\.config\.json$|^jest\.config\.json$/;

/**
 * Alias keys a bundler or test-runner config declares: the keys of `alias: { … }` objects (vite, webpack, babel's
 * module-resolver), `find:` values of vite's array form, and the prefixes of jest's `moduleNameMapper` patterns.
 */
export function aliasKeys(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/\b(alias|moduleNameMapper)\s*:\s*\{/g)) {
    const body = balancedBody(text, (match.index ?? 0) + match[0].length - 1);
    // Keys at the top level of the object only.
    let depth = 0;
    for (const key of body.matchAll(/[{}]|(?:^|[,{\s])(['"`]?)([^'"`\s:,{}]+)\1\s*:/g)) {
      if (key[0] === '{') depth++;
      else if (key[0] === '}') depth--;
      else if (depth === 0 && key[2]) out.push(aliasPrefix(key[2], match[1] === 'moduleNameMapper'));
    }
  }
  for (const match of text.matchAll(/\bfind\s*:\s*(['"`])([^'"`]+)\1/g)) out.push(aliasPrefix(match[2], false));
  // vite's `find: /^@excalidraw\/common$/`: the literal head of the regular expression.
  for (const match of text.matchAll(/\bfind\s*:\s*\/\^?((?:[@~#$\w.-]|\\\/)+)/g)) out.push(aliasPrefix(match[1].replace(/\\\//g, '/').replace(/\$$/, ''), false));
  return out.filter((alias) => alias.length > 0);
}

function balancedBody(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length && i < open + 20000; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return '';
}

/** `@components/*` → `@components`, `'^@/(.*)$'` → `@`, `~` → `~`. */
function aliasPrefix(key: string, regex: boolean): string {
  let alias = key;
  if (regex) alias = alias.replace(/^\^/, '').replace(/\\\//g, '/').replace(/\(.*$/, '').replace(/\$$/, '');
  return alias.replace(/\/\*?$/, '').replace(/\/$/, '');
}

/** `ignore` throws on paths outside its folder; those are not ignored by it. */
function ignores(rules: Ignore, relative: string): boolean {
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
  try {
    return rules.ignores(relative);
  } catch {
    return false;
  }
}

function toSlash(p: string): string {
  return p.split(path.sep).join('/');
}
