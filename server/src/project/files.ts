// Finds a project's files on disk: its sources and the files around them (package.json, Dockerfiles, .env files).
// One module for the CLI's scan and the server's background index; which names count comes from the analyzer's
// one list of the files it reads.
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAME, languageOf, scriptKindOf, type LanguageId } from '../analyzer';
import { describeFsError } from './read';

/** Folders that hold dependencies, VCS data or build output: never application source. */
export const IGNORED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'coverage',
  '.nyc_output',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.turbo',
  '.cache',
  '.parcel-cache',
  '.vercel',
  '.netlify',
  '.serverless',
  '.aws-sam',
  '.vscode-test',
  'bower_components',
  // Third-party code copied into the repository (review: vendored jade in wekan).
  'vendor',
  'jspm_packages',
  // Yarn Berry: its release, plugins, cache and editor SDKs (`.yarn/sdks/typescript/lib/tsserver.js`), all Yarn's.
  '.yarn',
]);

/** A TypeScript or JavaScript source file (not a declaration file). */
export function isSourceFile(fileName: string): boolean {
  return scriptKindOf(fileName) !== undefined;
}

/**
 * A file the analyzer reads: sources, package.json, Dockerfiles, `.env` files. `.twelvefactorrc.json` is read as
 * the configuration (its problems are reported on their own), not scanned.
 */
export function isAnalyzedFile(fileName: string, languages?: readonly LanguageId[]): boolean {
  if (path.basename(fileName) === CONFIG_FILE_NAME) return false;
  const language = languageOf(fileName);
  return language !== undefined && (languages === undefined || languages.includes(language.id));
}

export interface WalkOptions {
  /** The languages whose files to yield; every language the analyzer reads by default (walkFiles). */
  languages?: readonly LanguageId[];
  /** Globs relative to `root` (forward slashes) of files and folders to leave out. */
  ignorePatterns?: readonly string[];
  /** Stop after this many files (the server's background index is bounded). */
  maxFiles?: number;
  /** Called for a folder below `root` (or `root` itself) that cannot be listed, with the reason in a few words. */
  onError?: (dir: string, message: string) => void;
}

/**
 * Compiles ignore globs; `dist/**`, `**\/*.generated.ts` and bare folder names like `legacy` all work, and a
 * leading `/` anchors a name at the root (`/dist`), as in `.gitignore`. Never throws: a pattern that names nothing
 * (`""`, `"./"`, `"/"`, reported by the config parser) or that picomatch rejects is left out (see `ignorePatternErrors`).
 */
export function ignoreMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const matchers = patterns.map(compileIgnorePattern).filter((match): match is (path: string) => boolean => typeof match === 'function');
  if (matchers.length === 0) return () => false;
  return (relativePath) => matchers.some((match) => match(relativePath));
}

/** Patterns picomatch cannot compile, each with its reason (the config parser reports the other kinds of problem). */
export function ignorePatternErrors(patterns: readonly string[]): Array<{ pattern: string; message: string }> {
  const errors: Array<{ pattern: string; message: string }> = [];
  for (const pattern of patterns) {
    const compiled = compileIgnorePattern(pattern);
    if (typeof compiled === 'string') errors.push({ pattern, message: compiled });
  }
  return errors;
}

function compileIgnorePattern(pattern: string): ((path: string) => boolean) | string | undefined {
  const anchored = /^\/(?!\/)/.test(pattern.trim());
  const clean = pattern.trim().replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (clean === '' || clean === '.') return undefined;
  const expanded =
    clean.includes('/') || anchored ? [clean, `${clean}/**`] : [clean, `**/${clean}`, `${clean}/**`, `**/${clean}/**`];
  try {
    return picomatch(expanded, { dot: true });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** TypeScript and JavaScript sources below `root` (see `walkFiles`). */
export function walkSourceFiles(root: string, options: WalkOptions = {}): Generator<string> {
  return walkFiles(root, { ...options, languages: options.languages ?? ['typescript'] });
}

/**
 * Yields absolute paths of the files the analyzer reads below `root` (of `options.languages` when given),
 * depth-first in name order, skipping ignored folders, declaration files, symbolic links and anything that is not
 * a regular file (FIFOs, sockets, devices). Unreadable folders are skipped (and passed to `onError`), never thrown.
 */
export function* walkFiles(root: string, options: WalkOptions = {}): Generator<string> {
  const languages = options.languages;
  const ignored = ignoreMatcher(options.ignorePatterns ?? []);
  const limit = options.maxFiles ?? Number.POSITIVE_INFINITY;
  let count = 0;
  const stack: string[] = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      options.onError?.(dir, describeFsError(error));
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    const files: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full).split(path.sep).join('/');
      if (entry.isDirectory()) {
        if (IGNORED_DIRS.has(entry.name) || ignored(relative)) continue;
        stack.push(full);
      } else if (entry.isFile() && isAnalyzedFile(entry.name, languages) && !ignored(relative)) {
        files.push(full);
      }
    }
    for (let i = files.length - 1; i >= 0; i--) {
      yield files[i];
      if (++count >= limit) return;
    }
  }
}

/** True when `file` is strictly inside `folder`. */
export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
