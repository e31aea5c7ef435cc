// Projects of the open workspace: one ProjectIndex per project root (nearest package.json), filled by a bounded
// background scan of each workspace folder and kept current from watched-file events. Only facts are kept, never trees.
import path from 'node:path';
import { analyze } from '../analyzer/analyze';
import { CONFIG_FILE_NAME, type AnalyzerConfig } from '../analyzer/config';
import { ProjectIndex, parsePackageJson, type FileFacts } from '../analyzer/project';
import { ignoreMatcher, isInside, isSourceFile, walkSourceFiles } from '../project/files';
import { ProjectLocator, readTextFile, type LoadedConfig } from '../project/loader';
import { readRegularFile } from '../project/read';

/** The background index stops after this many files per workspace folder. */
export const MAX_INDEXED_FILES = 5000;
/** The indexer hands the event loop back after this many milliseconds of work, so open files are never kept waiting. */
const SLICE_MS = 8;

export type WatchedChange = 'created' | 'changed' | 'deleted';

export interface WorkspaceListener {
  /** A project-level fact of the project at `root` changed (e.g. a SIGTERM handler appeared or went away). */
  factsChanged(root: string): void;
  /** A package.json or `.twelvefactorrc.json` changed: findings of open documents may differ (`root` undefined: any). */
  projectChanged(root: string | undefined): void;
  log(message: string): void;
}

export class Workspace {
  readonly locator = new ProjectLocator();
  private folders: string[] = [];
  private readonly projects = new Map<string, ProjectIndex>();
  /** Files whose facts come from an editor buffer: the disk is not read for them. */
  private readonly openFiles = new Set<string>();
  private generation = 0;
  private readonly matchers = new WeakMap<AnalyzerConfig, (relative: string) => boolean>();
  /** Settles when the current background scan ends (tests and logs only; nothing waits on it). */
  indexed: Promise<void> = Promise.resolve();

  constructor(private readonly listener: WorkspaceListener) {}

  setFolders(folders: readonly string[]): void {
    this.folders = [...new Set(folders.map((folder) => path.resolve(folder)))];
  }

  addFolders(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed.map((folder) => path.resolve(folder)));
    this.setFolders([...this.folders.filter((folder) => !gone.has(folder)), ...added]);
    this.reindex();
  }

  /** The project a file belongs to: the folder of its nearest package.json, else its workspace folder. */
  projectFor(file: string): ProjectIndex {
    const dir = path.dirname(file);
    const fallback = this.folders.find((folder) => isInside(file, folder)) ?? dir;
    const root = this.locator.projectRootOf(dir, fallback);
    let project = this.projects.get(root);
    if (!project) {
      project = new ProjectIndex(root);
      if (isInside(root, fallback)) project.pathPrefix = path.relative(fallback, root).split(path.sep).join('/');
      const pkg = readTextFile(path.join(root, 'package.json'));
      if (pkg !== undefined) project.setPackageJson(parsePackageJson(pkg));
      this.projects.set(root, project);
    }
    return project;
  }

  configFor(file: string): LoadedConfig {
    return this.locator.configFor(path.dirname(file));
  }

  /** True when the project's `ignorePatterns` leave the file out. */
  isIgnored(file: string, project: ProjectIndex, config: AnalyzerConfig): boolean {
    if (config.ignorePatterns.length === 0 || !project.root) return false;
    let matcher = this.matchers.get(config);
    if (!matcher) {
      matcher = ignoreMatcher(config.ignorePatterns);
      this.matchers.set(config, matcher);
    }
    return matcher(path.relative(project.root, file).split(path.sep).join('/'));
  }

  setOpen(file: string, open: boolean): void {
    if (open) this.openFiles.add(file);
    else this.openFiles.delete(file);
  }

  /** Records facts computed from an editor buffer. Returns true when a project-level fact changed. */
  setFacts(project: ProjectIndex, file: string, facts: FileFacts): boolean {
    return project.setFile(file, facts);
  }

  /** Re-reads a file from disk (a closed editor, a watched change). Reports a project-level change. */
  refreshFromDisk(file: string): void {
    if (this.openFiles.has(file)) return;
    const project = this.projectFor(file);
    const changed = this.indexFile(file, project);
    if (changed) this.listener.factsChanged(project.root);
  }

  /** Starts (or restarts) the background scan of every workspace folder. */
  reindex(): void {
    const generation = ++this.generation;
    this.projects.clear();
    this.locator.invalidate();
    this.indexed = this.scan(generation).catch((error: unknown) => {
      this.listener.log(`Background index failed: ${describe(error)}`);
    });
    // Open documents re-enter their facts into the new indexes.
    this.listener.projectChanged(undefined);
  }

  /** Stops the background scan (server shutdown). */
  dispose(): void {
    this.generation++;
  }

  onWatchedFile(file: string, change: WatchedChange): void {
    const base = path.basename(file);
    if (base === 'package.json' || base === CONFIG_FILE_NAME) {
      this.locator.invalidate();
      if (base === 'package.json' && change !== 'changed') {
        // A project appeared or went away: roots of many files may move. Rare enough to rescan.
        this.reindex();
        return;
      }
      const root = path.dirname(file);
      const project = this.projects.get(root);
      if (base === 'package.json' && project) {
        const pkg = readTextFile(file);
        project.setPackageJson(parsePackageJson(pkg ?? ''));
        this.listener.projectChanged(root);
      } else if (base === CONFIG_FILE_NAME) {
        this.listener.projectChanged(undefined);
      }
      return;
    }
    if (!isSourceFile(file) || this.openFiles.has(file)) return;
    if (change === 'deleted') {
      const project = this.projectFor(file);
      if (project.removeFile(file)) this.listener.factsChanged(project.root);
      return;
    }
    this.refreshFromDisk(file);
  }

  private async scan(generation: number): Promise<void> {
    let sliceStart = Date.now();
    let count = 0;
    for (const folder of this.folders) {
      const onError = (dir: string, message: string): void => this.listener.log(`Could not list ${dir}: ${message}.`);
      for (const file of walkSourceFiles(folder, { maxFiles: MAX_INDEXED_FILES, onError })) {
        if (generation !== this.generation) return;
        if (!this.openFiles.has(file)) {
          // One file never stops the index: whatever goes wrong with it is one log line, and the scan goes on.
          try {
            const project = this.projectFor(file);
            if (this.indexFile(file, project)) this.listener.factsChanged(project.root);
          } catch (error) {
            this.listener.log(`Could not index ${file}: ${describe(error)}`);
          }
          count++;
        }
        if (Date.now() - sliceStart >= SLICE_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          sliceStart = Date.now();
        }
      }
    }
    if (generation === this.generation) this.listener.log(`Indexed ${count} files in ${this.projects.size} project(s).`);
  }

  /** Reads and analyzes one file for its facts. Returns true when a project-level fact changed. */
  private indexFile(file: string, project: ProjectIndex): boolean {
    const { config } = this.configFor(file);
    if (this.isIgnored(file, project, config)) return project.removeFile(file);
    // Regular files only, never blocking (a watched FIFO named x.js); bundles larger than maxFileSize are not read.
    const read = readRegularFile(file, config.maxFileSize);
    if (read.text === undefined) {
      if (!read.tooLarge && read.code !== 'ENOENT') this.listener.log(`Could not read ${file}: ${read.error}.`);
      return project.removeFile(file);
    }
    const { facts, failed } = analyze({ fileName: file, text: read.text, config, project, rules: [] });
    if (failed !== undefined) this.listener.log(`Could not index ${file}: ${failed}.`);
    return project.setFile(file, facts);
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
