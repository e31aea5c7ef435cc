// Reads what surrounds a file on disk: its project root (nearest package.json) and its `.twelvefactorrc.json`.
// Results are cached per folder; call `invalidate` when a watched package.json or config file changes.
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, RULE_OPTIONS, parseConfig, type AnalyzerConfig, type ConfigProblem } from '../analyzer';

export interface LoadedConfig {
  config: AnalyzerConfig;
  /** Path of the config file used, or undefined when the defaults apply. */
  path?: string;
  problems: ConfigProblem[];
}

export class ProjectLocator {
  private readonly rootCache = new Map<string, string>();
  private readonly configCache = new Map<string, LoadedConfig>();

  /** The nearest folder at or above `dir` holding a package.json; `fallback` when there is none. */
  projectRootOf(dir: string, fallback: string = dir): string {
    const cached = this.rootCache.get(dir);
    if (cached !== undefined) return cached || fallback;
    let found = '';
    if (fs.existsSync(path.join(dir, 'package.json'))) found = dir;
    else {
      const parent = path.dirname(dir);
      if (parent !== dir) found = this.projectRootOf(parent, '');
    }
    this.rootCache.set(dir, found);
    return found || fallback;
  }

  /** The nearest `.twelvefactorrc.json` at or above `dir`, parsed; the defaults when there is none. */
  configFor(dir: string): LoadedConfig {
    const cached = this.configCache.get(dir);
    if (cached) return cached;
    let loaded: LoadedConfig;
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    let text: string | undefined;
    try {
      text = fs.readFileSync(candidate, 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      const parsed = parseConfig(text, RULE_OPTIONS);
      loaded = { config: parsed.config, path: candidate, problems: parsed.problems };
    } else {
      const parent = path.dirname(dir);
      loaded = parent === dir ? { config: DEFAULT_CONFIG, problems: [] } : this.configFor(parent);
    }
    this.configCache.set(dir, loaded);
    return loaded;
  }

  /** Forgets cached roots and configs (after a package.json or config file was created, changed or deleted). */
  invalidate(): void {
    this.rootCache.clear();
    this.configCache.clear();
  }
}

/** Reads a text file, or undefined when it cannot be read. */
export function readTextFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
