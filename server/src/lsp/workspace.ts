// Projects of the open workspace: one ProjectIndex per project root (nearest package.json), filled by a bounded
// background scan of each workspace folder and kept current from watched-file events. Each file's facts and findings
// are kept (findings as positioned records in a FindingsIndex), never its tree.
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME, ProjectIndex, analyze, type AnalyzerConfig, type FileFacts } from '../analyzer';
import { ignoreMatcher, isAnalyzedFile, isInside, walkFiles } from '../project/files';
import { ProjectLocator, type LoadedConfig } from '../project/loader';
import { PackageContextLoader } from '../project/package-context';
import { readRegularFile } from '../project/read';
import { FindingsIndex } from './findings-index';
import { DEFAULT_SETTINGS, effectiveConfig, type Settings } from './settings';

/** Files whose change alters what a project's checks see without being analyzed themselves. */
const CONTEXT_FILES = new Set(['.gitignore', '.dockerignore', 'pnpm-workspace.yaml', 'pnpm-workspace.yml', 'lerna.json']);

/** The background index stops after this many files per workspace folder. */
export const MAX_INDEXED_FILES = 5000;
/** The indexer hands the event loop back after this many milliseconds of work, so open files are never kept waiting. */
const SLICE_MS = 8;
/** The longest the index waits, between two slices, for the editor's work to finish. */
const MAX_EDITOR_WAIT_MS = 250;

export type WatchedChange = 'created' | 'changed' | 'deleted';

export interface WorkspaceListener {
  /** A project-level fact of the project at `root` changed (e.g. a SIGTERM handler appeared or went away). */
  factsChanged(root: string): void;
  /** A package.json or `.twelvefactorrc.json` changed: findings of open documents may differ (`root` undefined: any). */
  projectChanged(root: string | undefined): void;
  log(message: string): void;
  /** The editor settings of a workspace folder, which decide the rules the index runs there. */
  settingsFor?(folder: string): Promise<Settings>;
  /** The index changed: files were indexed, findings changed, a scan started or ended. */
  indexChanged?(): void;
  /** A `.twelvefactorrc.json` was read for indexing (its problems may need showing). */
  configRead?(loaded: LoadedConfig): void;
  /** True while the editor's own work (an open document's analysis) is scheduled or running: the index waits. */
  editorBusy?(): boolean;
}

export class Workspace {
  readonly locator = new ProjectLocator();
  readonly contexts = new PackageContextLoader();
  private folders: string[] = [];
  private readonly projects = new Map<string, ProjectIndex>();
  /** Files whose facts come from an editor buffer: the disk is not read for them. */
  private readonly openFiles = new Set<string>();
  private generation = 0;
  private readonly matchers = new WeakMap<AnalyzerConfig, (relative: string) => boolean>();
  /** Settings per workspace folder, read when a scan starts. */
  private folderSettings = new Map<string, Settings>();
  /** Effective configs per folder, by config file config (one object per pair, so matchers stay cached). */
  private effectiveConfigs = new Map<string, WeakMap<AnalyzerConfig, AnalyzerConfig>>();
  /** Findings of every indexed file that is not open in the editor. */
  readonly findings = new FindingsIndex();
  /** True while a background scan runs. */
  indexing = false;
  /** True when a folder held more source files than MAX_INDEXED_FILES. */
  limitReached = false;
  /** Settles when the current background scan ends (tests and logs only; nothing waits on it). */
  indexed: Promise<void> = Promise.resolve();

  constructor(private readonly listener: WorkspaceListener) {}

  setFolders(folders: readonly string[]): void {
    this.folders = [...new Set(folders.map((folder) => path.resolve(folder)))];
  }

  /** The workspace folders, resolved. */
  workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /** The workspace folder holding `file`, if any. */
  folderOf(file: string): string | undefined {
    return this.folders.find((folder) => isInside(file, folder));
  }

  /** Every project created so far (by the index or an open document). */
  allProjects(): ProjectIndex[] {
    return [...this.projects.values()];
  }

  /** The project at `root`, when one was created. */
  projectAt(root: string): ProjectIndex | undefined {
    return this.projects.get(root);
  }

  /** The settings the index runs with for `file` (its folder's, read when the scan started). */
  indexSettingsFor(file: string): Settings {
    const folder = this.folderOf(file);
    return (folder && this.folderSettings.get(folder)) || DEFAULT_SETTINGS;
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
    return this.createProject(root, fallback);
  }

  private createProject(root: string, fallback: string): ProjectIndex {
    let project = this.projects.get(root);
    if (!project) {
      project = new ProjectIndex(root);
      if (isInside(root, fallback)) project.pathPrefix = path.relative(fallback, root).split(path.sep).join('/');
      this.contexts.configure(project);
      this.projects.set(root, project);
      // A workspace root (or any package.json folder) above this one: its Dockerfiles count for this package too.
      const parentRoot = this.locator.projectRootOf(path.dirname(root), '');
      if (parentRoot && parentRoot !== root && fs.existsSync(path.join(root, 'package.json'))) {
        const parent = this.createProject(parentRoot, fallback);
        project.ancestors = [parent, ...parent.ancestors];
      }
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
    this.listener.indexChanged?.();
  }

  /** Starts (or restarts) the background scan of every workspace folder. */
  reindex(): void {
    const generation = ++this.generation;
    this.projects.clear();
    // Findings stay until the scan replaces them (the view keeps its rows while a package.json save re-reads the
    // workspace); the files the scan no longer meets are dropped when it ends.
    this.locator.invalidate();
    this.contexts.invalidate();
    this.indexing = true;
    this.limitReached = false;
    this.indexed = this.scan(generation)
      .catch((error: unknown) => {
        this.listener.log(`Background index failed: ${describe(error)}`);
      })
      .finally(() => {
        if (generation !== this.generation) return;
        this.indexing = false;
        this.listener.indexChanged?.();
      });
    this.listener.indexChanged?.();
    // Open documents re-enter their facts into the new indexes.
    this.listener.projectChanged(undefined);
  }

  /** Stops the background scan (server shutdown). */
  dispose(): void {
    this.generation++;
  }

  onWatchedFile(file: string, change: WatchedChange): void {
    const base = path.basename(file);
    if (CONTEXT_FILES.has(base) || /^[jt]sconfig([.-][\w.-]+)?\.json$/.test(base)) {
      // Ignore files, workspace lists and module aliases: rare edits; read the workspace again.
      this.reindex();
      return;
    }
    if (base === 'package.json' || base === CONFIG_FILE_NAME) {
      this.locator.invalidate();
      this.contexts.invalidate();
      if (base === 'package.json' && change !== 'changed') {
        // A project appeared or went away: roots of many files may move. Rare enough to rescan.
        this.reindex();
        return;
      }
      const root = path.dirname(file);
      const project = this.projects.get(root);
      if (base === 'package.json' && project) {
        this.contexts.configure(project);
        this.listener.projectChanged(root);
      } else if (base === CONFIG_FILE_NAME) {
        this.listener.projectChanged(undefined);
      }
      // Dependencies and rule levels decide the findings of closed files too: read them again.
      this.reindex();
      return;
    }
    if (!isAnalyzedFile(file) || this.openFiles.has(file)) return;
    if (change === 'deleted') {
      const project = this.projectFor(file);
      this.findings.delete(file);
      this.listener.indexChanged?.();
      if (project.removeFile(file)) this.listener.factsChanged(project.root);
      return;
    }
    this.refreshFromDisk(file);
  }

  private async scan(generation: number): Promise<void> {
    const settings = new Map<string, Settings>();
    for (const folder of this.folders) settings.set(folder, (await this.listener.settingsFor?.(folder)) ?? DEFAULT_SETTINGS);
    if (generation !== this.generation) return;
    this.folderSettings = settings;
    this.effectiveConfigs = new Map();
    let sliceStart = Date.now();
    let count = 0;
    const visited = new Set<string>();
    for (const folder of this.folders) {
      let walked = 0;
      const onError = (dir: string, message: string): void => this.listener.log(`Could not list ${dir}: ${message}.`);
      for (const file of walkFiles(folder, { maxFiles: MAX_INDEXED_FILES, onError })) {
        if (generation !== this.generation) return;
        walked++;
        visited.add(file);
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
          this.listener.indexChanged?.();
          await this.yieldToEditor();
          sliceStart = Date.now();
        }
      }
      if (walked >= MAX_INDEXED_FILES) this.limitReached = true;
    }
    if (generation !== this.generation) return;
    this.findings.retain((file) => visited.has(file));
    this.listener.log(`Indexed ${count} files in ${this.projects.size} project(s).`);
  }

  /**
   * Hands the event loop back between slices, and waits while the editor has work. A timer rather than setImmediate:
   * messages that arrived during the slice are dispatched first (vscode-jsonrpc dispatches in setImmediate callbacks),
   * so the analysis a keystroke schedules runs before the next slice instead of after it (measured in
   * `npm run bench`: keystrokes typed while the index runs).
   */
  private async yieldToEditor(): Promise<void> {
    // Bounded: an analysis stuck on a client that never answers must not stop the index.
    const until = Date.now() + MAX_EDITOR_WAIT_MS;
    do await new Promise<void>((resolve) => setTimeout(resolve, 0));
    while (this.listener.editorBusy?.() && Date.now() < until);
  }

  /**
   * Reads and analyzes one file for its facts and findings (with its folder's settings; no fixes). Returns true when a
   * project-level fact changed.
   */
  private indexFile(file: string, project: ProjectIndex): boolean {
    const loaded = this.configFor(file);
    if (loaded.path) this.listener.configRead?.(loaded);
    const forget = (): boolean => {
      this.findings.delete(file);
      return project.removeFile(file);
    };
    if (this.isIgnored(file, project, loaded.config)) return forget();
    // Regular files only, never blocking (a watched FIFO named x.js); bundles larger than maxFileSize are not read.
    const read = readRegularFile(file, loaded.config.maxFileSize);
    if (read.text === undefined) {
      if (!read.tooLarge && read.code !== 'ENOENT') this.listener.log(`Could not read ${file}: ${read.error}.`);
      return forget();
    }
    // A folder where the extension is off keeps facts only (other folders' documents may need them), no findings.
    const settings = this.indexSettingsFor(file);
    const result = settings.enable
      ? analyze({ fileName: file, text: read.text, config: this.effectiveConfigOf(file, loaded.config, settings), project, fixes: false })
      : analyze({ fileName: file, text: read.text, config: loaded.config, project, rules: [] });
    if (result.failed !== undefined) this.listener.log(`Could not index ${file}: ${result.failed}.`);
    // Every language's findings, positioned by its line map (Dockerfiles and .env files have no TypeScript tree).
    const lines = result.parsed?.lines;
    if (settings.enable && lines) this.findings.set(file, project.root, result.findings, (offset) => lines.positionOf(offset));
    else this.findings.delete(file);
    return project.setFile(file, result.facts);
  }

  private effectiveConfigOf(file: string, fileConfig: AnalyzerConfig, settings: Settings): AnalyzerConfig {
    const folder = this.folderOf(file) ?? '';
    let byConfig = this.effectiveConfigs.get(folder);
    if (!byConfig) this.effectiveConfigs.set(folder, (byConfig = new WeakMap()));
    let config = byConfig.get(fileConfig);
    if (!config) byConfig.set(fileConfig, (config = effectiveConfig(fileConfig, settings)));
    return config;
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
