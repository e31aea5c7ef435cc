// What every formatter receives: the scan's files (diagnostics already filtered by --quiet and --baseline) and where
// paths are shown relative to.
import path from 'node:path';
import type { ScannedFile } from '../../project/scan';

export interface Report {
  /** Paths are printed relative to this folder, with forward slashes. */
  cwd: string;
  files: readonly ScannedFile[];
  filesScanned: number;
  filesSkipped: number;
  /**
   * The repository root (the nearest folder at or above `cwd` holding `.git`, else `cwd`): SARIF locations and
   * fingerprints are relative to it, as GitHub code scanning expects.
   */
  root?: string;
  /** Rule ids turned off by configuration everywhere (the reports show their factor as not checkable). */
  disabledRules?: ReadonlySet<string>;
  /** Reads a scanned file's text (fingerprints hash the code of each finding); undefined when it is gone. */
  textOf?: (file: string) => string | undefined;
}

/** Something that kept the report from being complete: a file, folder or package.json, or one rule on one file. */
export interface RunProblem {
  /** Absolute path. */
  file: string;
  /** The rule that failed; absent when the whole file could not be read or analyzed. */
  ruleId?: string;
  message: string;
}

/** The report's problems, in walk order: files that failed, then rules that failed on a file. */
export function runProblems(report: Report): RunProblem[] {
  const problems: RunProblem[] = [];
  for (const scanned of report.files) {
    if (scanned.failed !== undefined) problems.push({ file: scanned.file, message: scanned.failed });
    for (const failure of scanned.ruleFailures ?? []) {
      problems.push({
        file: scanned.file,
        ruleId: failure.ruleId,
        message: `the rule failed (${failure.message}); its findings in this file are missing`,
      });
    }
  }
  return problems;
}

/** Files (or folders, package.json files) that could not be read or analyzed at all. */
export function filesFailed(report: Report): number {
  return report.files.filter((file) => file.failed !== undefined).length;
}

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

export function relativePath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return (relative === '' ? path.basename(file) : relative).split(path.sep).join('/');
}
