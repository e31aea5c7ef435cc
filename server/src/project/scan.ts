// Scans files and folders on disk: the one loop the CLI and the benchmark share. Keeps one syntax tree alive
// at a time (findings with positions and file facts are all that outlive a file), so memory stays flat in
// the size of the corpus; findings that depend on other files (`Finding.unless`) are settled once every
// file of their project has been indexed.
import fs from 'node:fs';
import path from 'node:path';
import {
  LineMap,
  ProjectIndex,
  RULES,
  analyze,
  hasProjectRules,
  mergeConfig,
  runProjectRules,
  type AnalyzerConfig,
  type ConfigProblem,
  type Factor,
  type FileFacts,
  type Finding,
  type LanguageId,
  type ProjectFactName,
  type RuleConfig,
  type RuleDefinition,
  type RuleFailure,
  type RuleId,
  type Severity,
} from '../analyzer';
import { ignoreMatcher, isAnalyzedFile, isInside, walkFiles } from './files';
import { loadConfigFile, ProjectLocator, readTextFile, type LoadedConfig } from './loader';
import { PackageContextLoader } from './package-context';
import { readRegularFile, type ReadResult } from './read';

/** A finding with its position resolved; lines and columns are 1-based, columns count UTF-16 code units. */
export interface ScanDiagnostic {
  ruleId: RuleId;
  factor: Factor;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  /** Position just after the last character of the range (exclusive), like ESLint's endColumn. */
  endLine: number;
  endColumn: number;
  /** UTF-16 offsets in the file. */
  start: number;
  end: number;
}

export interface ScannedFile {
  /** Absolute path. */
  file: string;
  /** Absolute path of the project root the file was analyzed in. */
  projectRoot: string;
  diagnostics: ScanDiagnostic[];
  /** Set when the file was not analyzed on purpose (binary, too large, minified), saying why. */
  skipped?: string;
  /**
   * Set when the file (or folder, or package.json) could not be read or analyzed, saying why in one line: the
   * report is incomplete. Such an entry may name a folder the walk could not list or a project's package.json.
   */
  failed?: string;
  /** Rules that threw on this file: their findings here are missing, the other rules' are complete. */
  ruleFailures?: RuleFailure[];
}

export interface ScanConfigProblem {
  /** The config file that has the problem. */
  file: string;
  /** 1-based, when known. */
  line?: number;
  column?: number;
  message: string;
}

export interface ScanOptions {
  /** Use this config file for every file instead of the nearest `.twelvefactorrc.json`. */
  configFile?: string;
  /** Per-rule levels applied over the config files' (e.g. from `--rule`); a rule's options are kept. */
  ruleLevels?: Record<string, RuleConfig['level']>;
  /** Overrides the config files' `includeTestsAndScripts` when set. */
  includeTestsAndScripts?: boolean;
  /** The rules to run; all registered rules by default. */
  rules?: readonly RuleDefinition[];
  /** Only files of these languages (the benchmark's code-only baseline); every language by default. */
  languages?: readonly LanguageId[];
  /** Called once per file, in completion order, when its diagnostics are final. */
  onFile?: (result: ScannedFile) => void;
  /**
   * Keep every file's result in `ScanResult.files` (default true). With false, only files still waiting on
   * project facts are held, so a caller streaming through `onFile` uses memory flat in the number of files.
   */
  keepFiles?: boolean;
}

export interface ScanResult {
  /**
   * Every file considered, in walk order (paths in the given order, each folder depth-first by name); with
   * `keepFiles` false, only the entries that failed or had a rule fail.
   */
  files: ScannedFile[];
  /** Files analyzed (not skipped). */
  filesScanned: number;
  filesSkipped: number;
  /** Entries of `files` with `failed` set (files, folders or package.json files that could not be read or analyzed). */
  filesFailed: number;
  /** Problems in the config files used; whatever parsed cleanly was still applied. */
  configProblems: ScanConfigProblem[];
  /** Paths named explicitly that were not analyzed (missing, not a source file, ignored), with why. */
  pathWarnings: Array<{ path: string; message: string }>;
}

/** A finding that holds unless its project has a fact (`Finding.unless`), with its position already resolved. */
export interface PendingDiagnostic {
  unless: ProjectFactName;
  diagnostic: ScanDiagnostic;
}

/** One file to analyze, with everything its analysis depends on besides its text and its project's package.json. */
export interface FileJob {
  /** Absolute path. */
  file: string;
  projectRoot: string;
  /** `ProjectView.pathPrefix` of the file's project. */
  pathPrefix: string;
  config: AnalyzerConfig;
}

/**
 * What analyzing one file yields: a pure function of the job, the file's text and its project's package.json (no rule
 * reads another file's facts except through `unless`), so it can be computed in a worker thread or read from a cache.
 */
export interface FileOutcome {
  skipped?: string;
  /** The file could not be read or analyzed (see `ScannedFile.failed`). */
  failed?: string;
  /** Rules that threw on this file (see `ScannedFile.ruleFailures`). */
  ruleFailures?: RuleFailure[];
  diagnostics: ScanDiagnostic[];
  pending: PendingDiagnostic[];
  /** The file's contribution to its project's facts; undefined when skipped or unreadable. */
  facts?: FileFacts;
}

/** Reads a file of a scan as `analyzeJob` expects it (a regular file, never blocking, at most `maxFileSize`). */
export function readJobFile(job: FileJob): ReadResult {
  return readRegularFile(job.file, job.config.maxFileSize);
}

/** Analyzes one file of a scan. `project` needs its package.json and pathPrefix; its file facts are not read. */
export function analyzeJob(job: FileJob, read: ReadResult, project: ProjectIndex, rules?: readonly RuleDefinition[]): FileOutcome {
  if (read.text === undefined) {
    if (!read.tooLarge) return { failed: `could not be read: ${read.error}`, diagnostics: [], pending: [] };
    const skipped = `larger than maxFileSize (${Math.round((read.size ?? 0) / 1024)} KiB > ${Math.round(job.config.maxFileSize / 1024)} KiB)`;
    return { skipped, diagnostics: [], pending: [] };
  }
  const analyzed = analyze({ fileName: job.file, text: read.text, config: job.config, project, rules, fixes: false });
  // Facts of a failed file come from the text alone and err towards "handled": no false finding elsewhere from this gap.
  if (analyzed.failed !== undefined) return { failed: analyzed.failed, diagnostics: [], pending: [], facts: analyzed.facts };
  if (analyzed.skipped !== undefined || !analyzed.parsed) {
    return { skipped: analyzed.skipped ?? 'not analyzed', diagnostics: [], pending: [] };
  }
  const lines = analyzed.parsed.lines;
  const diagnostics: ScanDiagnostic[] = [];
  const pending: PendingDiagnostic[] = [];
  for (const finding of analyzed.findings) {
    const diagnostic = toDiagnostic(finding, lines);
    if (finding.unless) pending.push({ unless: finding.unless, diagnostic });
    else diagnostics.push(diagnostic);
  }
  return { diagnostics, pending, facts: analyzed.facts, ...(analyzed.ruleFailures ? { ruleFailures: analyzed.ruleFailures } : {}) };
}

/** A project index holding the package.json at `root` (no file facts yet); `onFailure` hears why it could not be read. */
export function projectIndexAt(root: string, pathPrefix = '', onFailure?: (pkgPath: string, reason: string) => void): ProjectIndex {
  const index = new ProjectIndex(root);
  const pkgPath = path.join(root, 'package.json');
  const pkg = readRegularFile(pkgPath);
  // The manifest, workspace, module aliases and ignore files: the same in a worker thread as in the main one.
  contexts.configure(index, pkg.text);
  if (pkg.text === undefined && pkg.code !== 'ENOENT') onFailure?.(pkgPath, `could not be read: ${pkg.error}`);
  index.pathPrefix = pathPrefix;
  return index;
}

/** One per process (each worker thread has its own): what the disk says around each package, cached. */
const contexts = new PackageContextLoader();

interface PendingFile {
  result: ScannedFile;
  pending: PendingDiagnostic[];
}

interface ProjectState {
  index: ProjectIndex;
  /** Files holding findings that carry `unless`, settled when the scan ends. */
  waiting: PendingFile[];
  /** Whether a file of this project was planned yet (the first one decides `pathPrefix`). */
  planned: boolean;
  /** Results of files project checks may report into, completed and emitted when the scan ends. */
  held: Map<string, ScannedFile>;
}

/**
 * Scans `paths` (files or folders, absolute or relative to the current directory). Never throws on file
 * contents: unreadable or unanalyzable files are reported as skipped. A path that does not exist yields a
 * `pathWarnings` entry (callers that treat it as a usage error should check before scanning).
 */
export function scan(paths: readonly string[], options: ScanOptions = {}): ScanResult {
  const session = new ScanSession(paths, options);
  for (const { job, result } of session.jobs()) {
    session.accept(job, result, analyzeJob(job, readJobFile(job), session.projectIndex(job.projectRoot), options.rules));
  }
  return session.finish();
}

/**
 * The parts of a scan around the analysis of each file, for callers that analyze elsewhere (worker threads, a cache):
 * `jobs()` walks the paths and yields each file to analyze, in walk order; `accept()` takes each file's outcome, in
 * any order; `finish()` settles the findings that wait on project facts and returns the result.
 */
export class ScanSession {
  private readonly locator = new ProjectLocator();
  private readonly projects = new Map<string, ProjectState>();
  private readonly files: ScannedFile[] = [];
  private readonly configProblems: ScanConfigProblem[] = [];
  private readonly pathWarnings: ScanResult['pathWarnings'] = [];
  private readonly reportedConfigs = new Set<string>();
  private readonly effectiveConfigs = new Map<LoadedConfig, AnalyzerConfig>();
  private readonly ignoreMatchers = new Map<AnalyzerConfig, (relative: string) => boolean>();
  private readonly seen = new Set<string>();
  private readonly rules: readonly RuleDefinition[];
  /** The languages project checks report into: their files wait for the end of the scan. */
  private readonly targetLanguages: Set<LanguageId>;
  private filesScanned = 0;
  private filesSkipped = 0;
  private filesFailed = 0;
  /** A file, folder or package.json that could not be read or analyzed: always kept, even with `keepFiles` false. */
  private readonly failedPaths = new Set<string>();
  private readonly keepFiles: boolean;
  private readonly explicitConfig: LoadedConfig | undefined;

  constructor(
    private readonly paths: readonly string[],
    private readonly options: ScanOptions = {},
  ) {
    this.rules = options.rules ?? RULES;
    this.targetLanguages = new Set(this.rules.flatMap((rule) => rule.project?.reportsInto ?? []));
    this.keepFiles = options.keepFiles ?? true;
    this.explicitConfig = options.configFile ? loadExplicitConfig(options.configFile) : undefined;
  }

  /** The effective configuration of files in `dir` (config file, then `ruleLevels` and `includeTestsAndScripts`). */
  configFor(dir: string): AnalyzerConfig {
    const loaded = this.explicitConfig ?? this.locator.configFor(dir);
    if (loaded.path && !this.reportedConfigs.has(loaded.path)) {
      this.reportedConfigs.add(loaded.path);
      for (const problem of loaded.problems) this.configProblems.push(toScanProblem(loaded.path, problem));
    }
    let effective = this.effectiveConfigs.get(loaded);
    if (!effective) {
      const rules: Record<string, RuleConfig> = {};
      for (const [id, level] of Object.entries(this.options.ruleLevels ?? {})) {
        rules[id] = { level, options: loaded.config.rules[id]?.options ?? {} };
      }
      effective = mergeConfig(loaded.config, {
        rules,
        ...(this.options.includeTestsAndScripts !== undefined ? { includeTestsAndScripts: this.options.includeTestsAndScripts } : {}),
      });
      this.effectiveConfigs.set(loaded, effective);
    }
    return effective;
  }

  /** Every effective configuration used so far. */
  configsUsed(): AnalyzerConfig[] {
    return [...this.effectiveConfigs.values()];
  }

  private isIgnored(config: AnalyzerConfig, projectRoot: string, file: string): boolean {
    if (config.ignorePatterns.length === 0) return false;
    let matcher = this.ignoreMatchers.get(config);
    if (!matcher) {
      matcher = ignoreMatcher(config.ignorePatterns);
      this.ignoreMatchers.set(config, matcher);
    }
    return matcher(toSlash(path.relative(projectRoot, file)));
  }

  private projectFor(root: string): ProjectState {
    let state = this.projects.get(root);
    if (!state) {
      state = { index: projectIndexAt(root, '', (pkgPath, reason) => this.failure(pkgPath, root, reason)), waiting: [], planned: false, held: new Map() };
      this.projects.set(root, state);
      // A workspace root (or any package.json folder) above this one: its Dockerfiles count for this package too.
      const parentRoot = this.locator.projectRootOf(path.dirname(root), '');
      if (parentRoot && parentRoot !== root && fs.existsSync(path.join(root, 'package.json'))) {
        const parent = this.projectFor(parentRoot).index;
        state.index.ancestors = [parent, ...parent.ancestors];
      }
    }
    return state;
  }

  /** Records a file, folder or package.json that could not be read or analyzed. */
  private failure(file: string, projectRoot: string, reason: string): ScannedFile {
    this.failedPaths.add(file);
    const result: ScannedFile = { file, projectRoot, diagnostics: [], failed: reason };
    this.files.push(result);
    this.filesFailed++;
    this.options.onFile?.(result);
    return result;
  }

  /** The project index of a root (its package.json read, and the facts accepted so far). */
  projectIndex(root: string): ProjectIndex {
    return this.projectFor(root).index;
  }

  private plan(file: string, fallbackRoot: string, explicit: boolean): { job: FileJob; result: ScannedFile } | undefined {
    if (this.seen.has(file) || this.failedPaths.has(file)) return undefined;
    this.seen.add(file);
    const dir = path.dirname(file);
    const projectRoot = this.locator.projectRootOf(dir, fallbackRoot);
    const config = this.configFor(dir);
    if (this.isIgnored(config, projectRoot, file)) {
      if (explicit) this.pathWarnings.push({ path: file, message: 'ignored by ignorePatterns in the config file' });
      return undefined;
    }
    const result: ScannedFile = { file, projectRoot, diagnostics: [] };
    if (this.keepFiles) this.files.push(result);
    const project = this.projectFor(projectRoot);
    if (!project.planned) {
      project.planned = true;
      if (isInside(projectRoot, fallbackRoot)) project.index.pathPrefix = toSlash(path.relative(fallbackRoot, projectRoot));
    }
    return { job: { file, projectRoot, pathPrefix: project.index.pathPrefix, config }, result };
  }

  /** The files to analyze, in walk order (paths in the given order, each folder depth-first by name). */
  *jobs(): Generator<{ job: FileJob; result: ScannedFile }> {
    for (const given of this.paths) {
      const absolute = path.resolve(given);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(absolute);
      } catch {
        this.pathWarnings.push({ path: absolute, message: 'no such file or directory' });
        continue;
      }
      if (stat.isDirectory()) {
        const root = this.locator.projectRootOf(absolute, absolute);
        // Prune ignored folders during the walk when the patterns are relative to this folder; other files
        // are still matched one by one against their own project's patterns.
        const config = this.configFor(absolute);
        const walkIgnores = root === absolute ? config.ignorePatterns : [];
        const onError = (dir: string, message: string): void => {
          this.failure(dir, this.locator.projectRootOf(dir, absolute), `folder could not be read: ${message}`);
        };
        for (const file of walkFiles(absolute, { ignorePatterns: walkIgnores, onError, languages: this.options.languages })) {
          const planned = this.plan(file, absolute, false);
          if (planned) yield planned;
        }
      } else if (!isAnalyzedFile(absolute, this.options.languages)) {
        this.pathWarnings.push({ path: absolute, message: 'not a file Twelve-Factor Lint reads (JavaScript, TypeScript, package.json, Dockerfile, .env)' });
      } else {
        const planned = this.plan(absolute, path.dirname(absolute), true);
        if (planned) yield planned;
      }
    }
  }

  /** Takes the outcome of a job `jobs()` yielded. */
  accept(job: FileJob, result: ScannedFile, outcome: FileOutcome): void {
    if (outcome.failed !== undefined) {
      this.failedPaths.add(job.file);
      if (outcome.facts) this.projectFor(job.projectRoot).index.setFile(job.file, outcome.facts);
      if (!this.keepFiles) this.files.push(result);
      result.failed = outcome.failed;
      this.filesFailed++;
      this.options.onFile?.(result);
      return;
    }
    if (outcome.skipped !== undefined || !outcome.facts) {
      result.skipped = outcome.skipped ?? 'not analyzed';
      this.filesSkipped++;
      this.options.onFile?.(result);
      return;
    }
    this.filesScanned++;
    if (outcome.ruleFailures) {
      result.ruleFailures = outcome.ruleFailures;
      if (!this.keepFiles) this.files.push(result);
    }
    const project = this.projectFor(job.projectRoot);
    project.index.setFile(job.file, outcome.facts);
    result.diagnostics.push(...outcome.diagnostics);
    const language = outcome.facts.language ?? 'typescript';
    if (outcome.pending.length > 0) {
      project.waiting.push({ result, pending: outcome.pending });
    } else if (this.targetLanguages.has(language)) {
      project.held.set(job.file, result);
    } else {
      this.options.onFile?.(result);
    }
  }

  /** Settles findings that wait on project facts (reading the project's other files for facts if needed). */
  finish(): ScanResult {
    // A project whose root is inside a folder that was walked is indexed whole already: nothing to complete.
    const walked = this.paths.map((given) => path.resolve(given)).filter((given) => {
      try {
        return fs.statSync(given).isDirectory();
      } catch {
        return false;
      }
    });
    const covered = (root: string): boolean => walked.some((dir) => root === dir || isInside(root, dir));
    for (const [root, state] of [...this.projects]) {
      const projectChecks = state.held.size > 0 && hasProjectRules(this.configFor(root), this.rules);
      if (state.waiting.length === 0 && !projectChecks) continue;
      const complete = (at: string, atState: ProjectState, scope: { all: boolean; languages?: readonly LanguageId[] }): void =>
        completeFacts(
          at,
          atState,
          this.locator,
          (dir) => this.configFor(dir),
          (config, projectRoot, file) => this.isIgnored(config, projectRoot, file),
          (file, reason) => {
            if (!this.failedPaths.has(file)) this.failure(file, at, reason);
          },
          scope,
        );
      if (!covered(root)) complete(root, state, { all: projectChecks, languages: this.options.languages });
      // A program installed by a Dockerfile of a workspace above the package voids `tool:` findings too.
      if (state.waiting.some((w) => w.pending.some((p) => p.unless.startsWith('tool:')))) {
        for (const ancestor of state.index.ancestors) {
          const ancestorState = this.projects.get(ancestor.root);
          if (ancestorState && !covered(ancestor.root)) complete(ancestor.root, ancestorState, { all: true, languages: ['dockerfile'] });
        }
      }
      for (const { result, pending } of state.waiting) {
        for (const { unless, diagnostic } of pending) if (!state.index.hasFact(unless, result.file)) result.diagnostics.push(diagnostic);
        result.diagnostics.sort(compareDiagnostics);
        if (state.held.has(result.file)) continue;
        this.options.onFile?.(result);
      }
      state.waiting = [];
      if (projectChecks) {
        const found = runProjectRules(state.index, { config: this.configFor(root), rules: this.rules });
        for (const [file, findings] of found) {
          const result = state.held.get(file);
          if (!result) continue;
          const facts = state.index.factsOf(file);
          const lines = new LineMap(facts?.dotenv?.text ?? facts?.docker?.text ?? readTextFile(file) ?? '');
          for (const finding of findings) result.diagnostics.push(toDiagnostic(finding, lines));
          result.diagnostics.sort(compareDiagnostics);
        }
      }
      for (const result of state.held.values()) this.options.onFile?.(result);
      state.held.clear();
    }
    return {
      files: this.files,
      filesScanned: this.filesScanned,
      filesSkipped: this.filesSkipped,
      filesFailed: this.filesFailed,
      configProblems: this.configProblems,
      pathWarnings: this.pathWarnings,
    };
  }
}

/**
 * A finding can wait on a fact held by a file of its project that was not among the scanned paths
 * (`twelve-factor-lint src/server.ts` while `src/shutdown.ts` handles SIGTERM). Reads the project's other
 * files for facts only (no rules run), stopping as soon as every waiting finding's fact is known.
 */
function completeFacts(
  root: string,
  state: ProjectState,
  locator: ProjectLocator,
  configFor: (dir: string) => AnalyzerConfig,
  isIgnored: (config: AnalyzerConfig, projectRoot: string, file: string) => boolean,
  failed: (file: string, reason: string) => void,
  scope: { all: boolean; languages?: readonly LanguageId[] },
): void {
  // Without a package.json the project is exactly what was scanned.
  if (!fs.existsSync(path.join(root, 'package.json'))) return;
  const needed = new Set(state.waiting.flatMap((w) => w.pending.map((p) => p.unless)));
  // Project checks read every file; `unless` facts only until they are known.
  const missing = () => scope.all || [...needed].some((fact) => fact !== undefined && !state.index.hasFact(fact));
  if (!missing()) return;
  const rootConfig = configFor(root);
  for (const file of walkFiles(root, { ignorePatterns: rootConfig.ignorePatterns, languages: scope.languages })) {
    if (state.index.hasFile(file)) continue;
    // A nested package is its own project.
    if (locator.projectRootOf(path.dirname(file), root) !== root) continue;
    const config = configFor(path.dirname(file));
    if (isIgnored(config, root, file)) continue;
    // A file that cannot be read or analyzed may hold the fact a finding waits on: the report says so.
    const read = readRegularFile(file, config.maxFileSize);
    if (read.text === undefined) {
      if (!read.tooLarge) failed(file, `could not be read: ${read.error}`);
      continue;
    }
    const analyzed = analyze({ fileName: file, text: read.text, config, project: state.index, rules: [] });
    if (analyzed.failed !== undefined) failed(file, analyzed.failed);
    if (analyzed.skipped !== undefined) continue;
    state.index.setFile(file, analyzed.facts);
    if (!missing()) return;
  }
}

function loadExplicitConfig(file: string): LoadedConfig {
  return loadConfigFile(path.resolve(file));
}

function toScanProblem(file: string, problem: ConfigProblem): ScanConfigProblem {
  if (problem.offset === undefined) return { file, message: problem.message };
  const text = readTextFile(file) ?? '';
  const before = text.slice(0, problem.offset);
  const line = before.split('\n').length;
  const column = problem.offset - (before.lastIndexOf('\n') + 1) + 1;
  return { file, line, column, message: problem.message };
}

function toDiagnostic(finding: Finding, lines: LineMap): ScanDiagnostic {
  const start = lines.positionOf(finding.start);
  const end = lines.positionOf(finding.end);
  return {
    ruleId: finding.ruleId,
    factor: finding.factor,
    severity: finding.severity,
    message: finding.message,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    start: finding.start,
    end: finding.end,
  };
}

function compareDiagnostics(a: ScanDiagnostic, b: ScanDiagnostic): number {
  return a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId);
}

function toSlash(p: string): string {
  return p.split(path.sep).join('/');
}
