// What a module specifier names: a file of the project, a Node built-in, an npm package (and which), an alias of
// the build (tsconfig `paths`, `@/`, `~/`, `#imports`), or something only a runtime or bundler knows (`bun:`,
// `virtual:`, URLs). Pure; the project index supplies the aliases it found on disk.
import { isBuiltin } from 'node:module';

export type SpecifierKind = 'relative' | 'builtin' | 'package' | 'alias' | 'runtime';

export interface SpecifierInfo {
  kind: SpecifierKind;
  /** For 'package': the package's name (`lodash` for `lodash/fp`, `@scope/pkg` for `@scope/pkg/sub`). */
  packageName?: string;
}

// npm's rules for names (validate-npm-package-name), old-style capitals allowed.
const PACKAGE_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-zA-Z0-9-~][a-zA-Z0-9-._~]*$/;

/** 'lodash/fp' → 'lodash', '@scope/pkg/sub' → '@scope/pkg'; undefined when the specifier cannot name a package. */
export function packageNameOf(specifier: string): string | undefined {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? (parts.length >= 2 ? `${parts[0]}/${parts[1]}` : undefined) : parts[0];
  return name !== undefined && PACKAGE_NAME.test(name) ? name : undefined;
}

/** A Node built-in: `fs`, `fs/promises`, `node:test`, `node:sqlite` (any `node:` name, even one newer than this Node). */
export function isBuiltinModule(specifier: string): boolean {
  return specifier.startsWith('node:') || isBuiltin(specifier);
}

/**
 * Prefixes that bundlers and frameworks use for the project's own folders, never npm packages: `@/` (Vue CLI, Next,
 * Nuxt), `~/` (Nuxt, Remix), `#` (Node subpath imports, Nuxt's `#app`), `$lib`/`$app`/`$env` (SvelteKit),
 * `@@/` (Umi), `src/` with a `baseUrl`.
 */
const ALIAS_PREFIX = /^(@\/|@@\/|~\/|~$|#|\$[a-z]+(\/|$)|\/)/;

/**
 * Classifies a specifier. `aliases` are the project's own: tsconfig/jsconfig `paths` patterns (`@app/*`), the
 * top-level names under a `baseUrl`, and alias names its bundler config declares (see ProjectView.moduleAliases).
 */
export function classifySpecifier(specifier: string, aliases: ModuleAliases = NO_ALIASES): SpecifierInfo {
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') return { kind: 'relative' };
  if (isBuiltinModule(specifier)) return { kind: 'builtin' };
  // `bun:sqlite`, `cloudflare:workers`, `virtual:pwa-register`, `npm:x` (Deno), `https://…`, `data:…`, webpack's
  // `raw-loader!./x`, `./x?raw`: resolved by a runtime or a bundler.
  if (/[:!?]/.test(specifier) || specifier === 'bun') return { kind: 'runtime' };
  if (ALIAS_PREFIX.test(specifier) || matchesAlias(specifier, aliases)) return { kind: 'alias' };
  const packageName = packageNameOf(specifier);
  if (packageName === undefined) return { kind: 'runtime' };
  return { kind: 'package', packageName };
}

export interface ModuleAliases {
  /** tsconfig/jsconfig `paths` keys, `*` included (`@app/*`, `shared`). */
  readonly paths: readonly string[];
  /** Names directly under a tsconfig `baseUrl` (folders and files without extension): `components`, `utils`. */
  readonly baseUrlEntries: ReadonlySet<string>;
  /** Alias keys found in bundler and test-runner configs (vite, webpack, babel module-resolver, jest moduleNameMapper). */
  readonly configAliases: ReadonlySet<string>;
}

export const NO_ALIASES: ModuleAliases = { paths: [], baseUrlEntries: new Set(), configAliases: new Set() };

function matchesAlias(specifier: string, aliases: ModuleAliases): boolean {
  for (const pattern of aliases.paths) {
    const star = pattern.indexOf('*');
    if (star === -1 ? specifier === pattern : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1))) {
      return true;
    }
  }
  const first = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  // A bare name mapped to sources (`"erxes-ui": ["libs/erxes-ui/src"]`) has its subpaths mapped as well by the
  // tsconfig that compiles the file: Nx puts `"erxes-ui/*"` in each project's own tsconfig (erxes).
  if (first !== specifier && aliases.paths.includes(first)) return true;
  if (aliases.baseUrlEntries.has(first)) return true;
  return aliases.configAliases.has(first) || aliases.configAliases.has(specifier.split('/')[0]);
}

/**
 * Modules a host provides to the code it runs, which package.json does not (or need not) declare for them to load:
 * VS Code's `vscode` (declared through `engines.vscode`), k6's `k6/*`, the Cloudflare sites manifest.
 */
export function isHostModule(packageName: string, engines: ReadonlyMap<string, string>): boolean {
  if (packageName === 'vscode') return engines.has('vscode');
  return packageName === 'k6' || packageName === '__STATIC_CONTENT_MANIFEST';
}

/** Packages a framework ships inside itself, importable when the framework is declared: Next.js's `server-only`. */
export const FRAMEWORK_BUNDLED: Readonly<Record<string, readonly string[]>> = {
  next: ['server-only', 'client-only', 'styled-jsx'],
};

/**
 * Packages whose runtime provides them, so projects keep them as dev dependencies on purpose: Electron's own
 * module in an Electron app, the AWS SDK inside Lambda, Obsidian's API inside Obsidian.
 */
export function isRuntimeProvided(packageName: string): boolean {
  return packageName === 'electron' || packageName === 'obsidian' || packageName === 'aws-sdk' || packageName.startsWith('@aws-sdk/');
}
