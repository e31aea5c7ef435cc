// Scans files and folders on disk: the one loop the CLI and the benchmark share. Keeps one syntax tree alive
// at a time (findings with positions and file facts are all that outlive a file), so memory stays flat in
// the size of the corpus; findings that depend on other files (`Finding.unless`) are settled once every
// file of their project has been indexed.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { analyze, resolveProjectFindings, type RuleFailure } from '../analyzer/analyze';
import { mergeConfig, type AnalyzerConfig, type ConfigProblem, type RuleConfig } from '../analyzer/config';
import { parsePackageJson, ProjectIndex } from '../analyzer/project';
import type { Factor, Finding, RuleDefinition, RuleId, Severity } from '../analyzer/rule';
import { ignoreMatcher, isInside, isSourceFile, walkSourceFiles } from './files';
import { loadConfigFile, ProjectLocator, readTextFile, type LoadedConfig } from './loader';
import { readRegularFile } from './read';

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

interface PendingFile {
  result: ScannedFile;
  /** Findings waiting on project facts, with their positions already resolved. */
  pending: Array<{ finding: Finding; diagnostic: ScanDiagnostic }>;
}

interface ProjectState {
  index: ProjectIndex;
  /** Files holding findings that carry `unless`, settled when the scan ends. */
  waiting: PendingFile[];
}

/**
 * Scans `paths` (files or folders, absolute or relative to the current directory). Never throws on file
 * contents: unreadable or unanalyzable files are reported as skipped. A path that does not exist yields a
 * `pathWarnings` entry (callers that treat it as a usage error should check before scanning).
 */
export function scan(paths: readonly string[], options: ScanOptions = {}): ScanResult {
  const locator = new ProjectLocator();
  const projects = new Map<string, ProjectState>();
  const files: ScannedFile[] = [];
  const configProblems: ScanConfigProblem[] = [];
  const pathWarnings: ScanResult['pathWarnings'] = [];
  const reportedConfigs = new Set<string>();
  const effectiveConfigs = new Map<LoadedConfig, AnalyzerConfig>();
  const ignoreMatchers = new Map<AnalyzerConfig, (relative: string) => boolean>();
  const seen = new Set<string>();
  let filesScanned = 0;
  let filesSkipped = 0;
  let filesFailed = 0;
  /** A file, folder or package.json that could not be read or analyzed: always kept, even with `keepFiles` false. */
  const failedPaths = new Set<string>();
  const failure = (file: string, projectRoot: string, reason: string): ScannedFile => {
    failedPaths.add(file);
    const result: ScannedFile = { file, projectRoot, diagnostics: [], failed: reason };
    files.push(result);
    filesFailed++;
    options.onFile?.(result);
    return result;
  };
  const keepFiles = options.keepFiles ?? true;

  const explicitConfig = options.configFile ? loadExplicitConfig(options.configFile) : undefined;

  const configFor = (dir: string): AnalyzerConfig => {
    const loaded = explicitConfig ?? locator.configFor(dir);
    if (loaded.path && !reportedConfigs.has(loaded.path)) {
      reportedConfigs.add(loaded.path);
      for (const problem of loaded.problems) configProblems.push(toScanProblem(loaded.path, problem));
    }
    let effective = effectiveConfigs.get(loaded);
    if (!effective) {
      const rules: Record<string, RuleConfig> = {};
      for (const [id, level] of Object.entries(options.ruleLevels ?? {})) {
        rules[id] = { level, options: loaded.config.rules[id]?.options ?? {} };
      }
      effective = mergeConfig(loaded.config, {
        rules,
        ...(options.includeTestsAndScripts !== undefined ? { includeTestsAndScripts: options.includeTestsAndScripts } : {}),
      });
      effectiveConfigs.set(loaded, effective);
    }
    return effective;
  };

  const isIgnored = (config: AnalyzerConfig, projectRoot: string, file: string): boolean => {
    if (config.ignorePatterns.length === 0) return false;
    let matcher = ignoreMatchers.get(config);
    if (!matcher) {
      matcher = ignoreMatcher(config.ignorePatterns);
      ignoreMatchers.set(config, matcher);
    }
    return matcher(toSlash(path.relative(projectRoot, file)));
  };

  const projectFor = (root: string): ProjectState => {
    let state = projects.get(root);
    if (!state) {
      const index = new ProjectIndex(root);
      const pkgPath = path.join(root, 'package.json');
      const pkg = readRegularFile(pkgPath);
      if (pkg.text !== undefined) index.setPackageJson(parsePackageJson(pkg.text));
      else if (pkg.code !== 'ENOENT') failure(pkgPath, root, `could not be read: ${pkg.error}`);
      state = { index, waiting: [] };
      projects.set(root, state);
    }
    return state;
  };

  const scanFile = (file: string, fallbackRoot: string, explicit: boolean): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const dir = path.dirname(file);
    const projectRoot = locator.projectRootOf(dir, fallbackRoot);
    const config = configFor(dir);
    if (isIgnored(config, projectRoot, file)) {
      if (explicit) pathWarnings.push({ path: file, message: 'ignored by ignorePatterns in the config file' });
      return;
    }
    const read = readRegularFile(file, config.maxFileSize);
    if (read.text === undefined && !read.tooLarge) {
      failure(file, projectRoot, `could not be read: ${read.error}`);
      return;
    }
    const result: ScannedFile = { file, projectRoot, diagnostics: [] };
    if (keepFiles) files.push(result);
    if (read.text === undefined) {
      result.skipped = `larger than maxFileSize (${Math.round((read.size ?? 0) / 1024)} KiB > ${Math.round(config.maxFileSize / 1024)} KiB)`;
      filesSkipped++;
      options.onFile?.(result);
      return;
    }
    const text = read.text;
    const project = projectFor(projectRoot);
    if (project.index.fileCount === 0 && isInside(projectRoot, fallbackRoot)) {
      project.index.pathPrefix = toSlash(path.relative(fallbackRoot, projectRoot));
    }
    const analyzed = analyze({ fileName: file, text, config, project: project.index, rules: options.rules, fixes: false });
    if (analyzed.failed !== undefined) {
      failedPaths.add(file);
      // Its facts come from the text alone and err towards "handled": no false finding elsewhere from this gap.
      project.index.setFile(file, analyzed.facts);
      if (!keepFiles) files.push(result);
      result.failed = analyzed.failed;
      filesFailed++;
      options.onFile?.(result);
      return;
    }
    if (analyzed.skipped !== undefined || !analyzed.sourceFile) {
      result.skipped = analyzed.skipped ?? 'not analyzed';
      filesSkipped++;
      options.onFile?.(result);
      return;
    }
    filesScanned++;
    if (analyzed.ruleFailures) {
      result.ruleFailures = analyzed.ruleFailures;
      if (!keepFiles) files.push(result);
    }
    project.index.setFile(file, analyzed.facts);
    const sourceFile = analyzed.sourceFile;
    const pending: PendingFile['pending'] = [];
    for (const finding of analyzed.findings) {
      const diagnostic = toDiagnostic(finding, sourceFile);
      if (finding.unless) pending.push({ finding, diagnostic });
      else result.diagnostics.push(diagnostic);
    }
    if (pending.length > 0) {
      project.waiting.push({ result, pending });
    } else {
      options.onFile?.(result);
    }
  };

  for (const given of paths) {
    const absolute = path.resolve(given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      pathWarnings.push({ path: absolute, message: 'no such file or directory' });
      continue;
    }
    if (stat.isDirectory()) {
      const root = locator.projectRootOf(absolute, absolute);
      // Prune ignored folders during the walk when the patterns are relative to this folder; other files
      // are still matched one by one against their own project's patterns.
      const config = configFor(absolute);
      const walkIgnores = root === absolute ? config.ignorePatterns : [];
      const onError = (dir: string, message: string): void => {
        failure(dir, locator.projectRootOf(dir, absolute), `folder could not be read: ${message}`);
      };
      for (const file of walkSourceFiles(absolute, { ignorePatterns: walkIgnores, onError })) scanFile(file, absolute, false);
    } else if (!isSourceFile(absolute)) {
      pathWarnings.push({ path: absolute, message: 'not a JavaScript or TypeScript source file' });
    } else {
      scanFile(absolute, path.dirname(absolute), true);
    }
  }

  for (const [root, state] of projects) {
    if (state.waiting.length === 0) continue;
    completeFacts(root, state, locator, configFor, isIgnored, (file, reason) => {
      if (!failedPaths.has(file)) failure(file, root, reason);
    });
    for (const { result, pending } of state.waiting) {
      const kept = new Set(resolveProjectFindings(pending.map((p) => p.finding), state.index, result.file));
      for (const { finding, diagnostic } of pending) if (kept.has(finding)) result.diagnostics.push(diagnostic);
      result.diagnostics.sort(compareDiagnostics);
      options.onFile?.(result);
    }
    state.waiting = [];
  }

  return { files, filesScanned, filesSkipped, filesFailed, configProblems, pathWarnings };
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
): void {
  // Without a package.json the project is exactly what was scanned.
  if (!fs.existsSync(path.join(root, 'package.json'))) return;
  const needed = new Set(state.waiting.flatMap((w) => w.pending.map((p) => p.finding.unless)));
  const missing = () => [...needed].some((fact) => fact !== undefined && !state.index.hasFact(fact));
  if (!missing()) return;
  const rootConfig = configFor(root);
  for (const file of walkSourceFiles(root, { ignorePatterns: rootConfig.ignorePatterns })) {
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

function toDiagnostic(finding: Finding, sourceFile: ts.SourceFile): ScanDiagnostic {
  const start = sourceFile.getLineAndCharacterOfPosition(finding.start);
  const end = sourceFile.getLineAndCharacterOfPosition(finding.end);
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
