// `--cache`: the outcome of each file (findings, findings waiting on project facts, the file's facts, or why it was
// skipped) keyed by a hash of its content and of everything else its analysis reads — the effective configuration,
// its project's package.json, the project root and path prefix, and what the disk says around the package (the
// workspace's member packages and declared dependencies, tsconfig `paths`, bundler aliases) — under a header naming
// the tool's version and build. A changed file, config, package.json, workspace manifest, tsconfig or tool misses;
// cross-file facts are re-settled on every run from the cached per-file facts, so "SIGTERM handled in another file"
// stays right when only that other file changes. `.env*` files are never cached: whether one is committed depends on
// every .gitignore above it, and they are few and small.
// Location as in ESLint: `.twelvefactorcache` in the current folder; `--cache-location` names a file, or a folder
// (ends with a slash or exists) that gets a file named after a hash of the current folder.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ProjectIndex } from '../analyzer';
import type { FileJob, FileOutcome } from '../project/scan';

export const DEFAULT_CACHE_FILE = '.twelvefactorcache';
const FORMAT = 1;

interface Entry {
  /** Hash of the file's content. */
  h: string;
  /** Hash of the analysis context (config, package.json, root, prefix). */
  c: string;
  o: FileOutcome;
}

interface CacheFile {
  format: number;
  tool: string;
  entries: Record<string, Entry>;
}

export function cacheFilePath(cwd: string, location: string | undefined): string {
  if (location === undefined) return path.join(cwd, DEFAULT_CACHE_FILE);
  const resolved = path.resolve(cwd, location);
  let isDir = /[\\/]$/.test(location);
  if (!isDir) {
    try {
      isDir = fs.statSync(resolved).isDirectory();
    } catch {
      isDir = false;
    }
  }
  if (!isDir) return resolved;
  return path.join(resolved, `${DEFAULT_CACHE_FILE}_${hash(cwd).slice(0, 12)}`);
}

/**
 * What a project index knows of the package's surroundings, as stable text: the workspace (root, members, declared
 * dependencies, the root manifest) and the module aliases. Part of the cache key, so that a changed workspace
 * manifest, pnpm-workspace.yaml, tsconfig or bundler config re-analyzes the package's files.
 */
export function surroundingsOf(index: Pick<ProjectIndex, 'workspace' | 'moduleAliases'>): string {
  return stableJson({ workspace: index.workspace ?? null, aliases: index.moduleAliases ?? null });
}

export function hash(content: string | Buffer): string {
  return createHash('sha1').update(content).digest('hex');
}

export class ResultCache {
  private readonly entries = new Map<string, Entry>();
  private readonly old: Record<string, Entry>;
  private readonly contexts = new WeakMap<FileJob['config'], Map<string, string>>();
  hits = 0;
  misses = 0;
  /** Entries set or replaced in this run (a run of hits only leaves the file as it is). */
  private changed = 0;

  private constructor(
    readonly file: string,
    private readonly tool: string,
    old: Record<string, Entry>,
    /** The file was read and belongs to this tool build. */
    private readonly loaded: boolean,
  ) {
    this.old = old;
  }

  /** Reads the cache file; an unreadable, corrupt or other tool build's cache starts empty. */
  static load(file: string, tool: string): ResultCache {
    let old: Record<string, Entry> = {};
    let loaded = false;
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CacheFile>;
      if (parsed.format === FORMAT && parsed.tool === tool && parsed.entries && typeof parsed.entries === 'object') {
        old = parsed.entries;
        loaded = true;
      }
    } catch {
      old = {};
    }
    return new ResultCache(file, tool, old, loaded);
  }

  /** What, besides the file's text, its analysis depends on: hashed once per config and project. */
  contextKey(job: FileJob, packageJsonText: () => string | undefined, surroundings: () => string = () => ''): string {
    let byProject = this.contexts.get(job.config);
    if (!byProject) this.contexts.set(job.config, (byProject = new Map()));
    const projectKey = `${job.projectRoot}\u0000${job.pathPrefix}`;
    let key = byProject.get(projectKey);
    if (key === undefined) {
      key = hash(`${stableJson(job.config)}\u0000${projectKey}\u0000${packageJsonText() ?? ''}\u0000${surroundings()}`);
      byProject.set(projectKey, key);
    }
    return key;
  }

  get(file: string, contentHash: string, context: string): FileOutcome | undefined {
    const entry = this.old[file];
    if (entry && entry.h === contentHash && entry.c === context) {
      this.hits++;
      this.entries.set(file, entry);
      return entry.o;
    }
    this.misses++;
    return undefined;
  }

  set(file: string, contentHash: string, context: string, outcome: FileOutcome): void {
    this.entries.set(file, { h: contentHash, c: context, o: outcome });
    this.changed++;
  }

  /**
   * Writes the cache: this run's entries, plus earlier entries of files that still exist (a scan of one folder keeps
   * the rest of the repository's cache). Returns an error message instead of throwing when it cannot be written.
   */
  save(): string | undefined {
    const entries: Record<string, Entry> = {};
    let dropped = 0;
    for (const [file, entry] of Object.entries(this.old)) {
      if (this.entries.has(file)) continue;
      if (fs.existsSync(file)) entries[file] = entry;
      else dropped++;
    }
    if (this.changed === 0 && dropped === 0 && this.loaded) return undefined;
    for (const [file, entry] of this.entries) entries[file] = entry;
    const body: CacheFile = { format: FORMAT, tool: this.tool, entries };
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(temporary, JSON.stringify(body));
      fs.renameSync(temporary, this.file);
      return undefined;
    } catch (error) {
      try {
        fs.rmSync(temporary, { force: true });
      } catch {
        // The folder itself could not be made: nothing was written.
      }
      return `could not write the cache ${this.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    }
  }
}

/** JSON with object keys sorted, so that equal configurations hash equally. */
function stableJson(value: unknown): string {
  if (value instanceof Map) return stableJson([...value].map(([k, v]) => [String(k), v]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  if (value instanceof Set) return stableJson([...value].map(String).sort());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
