// What every formatter receives: the scan's files (diagnostics already filtered by --quiet) and where paths
// are shown relative to.
import path from 'node:path';
import type { ScannedFile } from '../../project/scan';

export interface Report {
  /** Paths are printed relative to this folder, with forward slashes. */
  cwd: string;
  files: readonly ScannedFile[];
  filesScanned: number;
  filesSkipped: number;
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
