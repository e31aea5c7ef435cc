// Reads what surrounds a file on disk: its project root (nearest package.json) and its `.twelvefactorrc.json`
// (nearest, up to the repository root).
// Results are cached per folder; call `invalidate` when a watched package.json or config file changes.
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, RULE_OPTIONS, parseConfig, regexOptionsOf, type AnalyzerConfig, type ConfigProblem } from '../analyzer';
import { ignorePatternErrors } from './files';
import { MAX_SETTINGS_FILE_SIZE, readRegularFile } from './read';

export interface LoadedConfig {
  config: AnalyzerConfig;
  /** Path of the config file used, or undefined when the defaults apply. */
  path?: string;
  problems: ConfigProblem[];
}

/** Fields a package.json may hold and still be no package: Node reads them for the files below it. */
const MARKER_FIELDS = new Set(['type', 'sideEffects', 'imports']);

/**
 * A package.json that only sets how Node loads the files below it (`{ "type": "commonjs" }` in vendure's
 * `dashboard/plugin/`, `{ "type": "module" }` in a `dist/esm/`): no name, no dependencies, no scripts. The package
 * is the one above it. Unreadable or unparsable files count as packages, as before.
 */
function isModuleTypeMarker(file: string): boolean {
  const read = readRegularFile(file, 64 * 1024);
  if (read.text === undefined) return false;
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch {
    return false;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return false;
  const keys = Object.keys(json);
  return keys.length > 0 && keys.every((key) => MARKER_FIELDS.has(key));
}

export class ProjectLocator {
  private readonly rootCache = new Map<string, string>();
  private readonly configCache = new Map<string, LoadedConfig>();

  /** The nearest folder at or above `dir` holding a package.json; `fallback` when there is none. */
  projectRootOf(dir: string, fallback: string = dir): string {
    const visited: string[] = [];
    let found: string | undefined;
    for (let current = dir; ; ) {
      const cached = this.rootCache.get(current);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(current);
      const manifest = path.join(current, 'package.json');
      if (fs.existsSync(manifest) && !isModuleTypeMarker(manifest)) {
        found = current;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const folder of visited) this.rootCache.set(folder, found ?? '');
    return found || fallback;
  }

  /**
   * The nearest `.twelvefactorrc.json` at or above `dir`, parsed; the defaults when there is none. The lookup stops
   * at the repository root (a folder holding `.git`, a folder or, in worktrees and submodules, a file): a config
   * above the repository never applies. One that exists but cannot be read (a folder, a FIFO, no permission) is
   * reported as the config's problem, never passed over.
   */
  configFor(dir: string): LoadedConfig {
    const visited: string[] = [];
    let loaded: LoadedConfig | undefined;
    for (let current = dir; ; ) {
      const cached = this.configCache.get(current);
      if (cached) {
        loaded = cached;
        break;
      }
      visited.push(current);
      const candidate = path.join(current, CONFIG_FILE_NAME);
      if (fs.existsSync(candidate)) {
        loaded = loadConfigFile(candidate);
        break;
      }
      const parent = path.dirname(current);
      if (parent === current || fs.existsSync(path.join(current, '.git'))) break;
      current = parent;
    }
    const result = loaded ?? { config: DEFAULT_CONFIG, problems: [] };
    for (const folder of visited) this.configCache.set(folder, result);
    return result;
  }

  /** Forgets cached roots and configs (after a package.json or config file was created, changed or deleted). */
  invalidate(): void {
    this.rootCache.clear();
    this.configCache.clear();
  }
}

/** Reads and parses one config file; a file that cannot be read gives the defaults and says why. */
export function loadConfigFile(file: string): LoadedConfig {
  const read = readRegularFile(file);
  if (read.text === undefined) {
    return { config: { ...DEFAULT_CONFIG, rules: {}, ignorePatterns: [] }, path: file, problems: [{ message: `could not be read: ${read.error}` }] };
  }
  const parsed = parseConfig(read.text, RULE_OPTIONS, regexOptionsOf);
  const problems = [...parsed.problems];
  for (const { pattern, message } of ignorePatternErrors(parsed.config.ignorePatterns)) {
    problems.push({ message: `"ignorePatterns" entry ${JSON.stringify(pattern)} is not a valid glob: ${message}` });
  }
  return { config: parsed.config, path: file, problems };
}

/**
 * Reads a text file (regular files only, at most `limit` bytes, never blocking), or undefined when it cannot be
 * read. Callers that must say why use `readRegularFile`.
 */
export function readTextFile(file: string, limit: number = MAX_SETTINGS_FILE_SIZE): string | undefined {
  return readRegularFile(file, limit).text;
}
