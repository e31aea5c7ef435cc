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

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

export function relativePath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return (relative === '' ? path.basename(file) : relative).split(path.sep).join('/');
}
