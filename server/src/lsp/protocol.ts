// The server's own LSP messages beyond the standard ones, shared with the VS Code client (which imports this file and
// nothing else of the server). Types only, plus the method names: no code, so the client bundle stays rule-free.
import type { ReportFinding, SeverityCounts, TwelveFactorReport } from '../analyzer';

/** Request, client → server: the Twelve-Factor report of the whole workspace index (open buffers included). */
export const REPORT_REQUEST = 'twelveFactor/report';
/** Request, client → server: every finding of one file (its open buffer's, else the index's), for a view that asked
 * for the report without findings (`maxFindingsPerFile: 0`) and expands a file. */
export const FILE_FINDINGS_REQUEST = 'twelveFactor/fileFindings';
/** Notification, server → client: indexing progress, finding counts and config problems changed. */
export const STATUS_NOTIFICATION = 'twelveFactor/status';

export interface ReportParams {
  /** Findings listed per rule and file (counts always cover all of them). Default `DEFAULT_FINDINGS_PER_FILE`. */
  maxFindingsPerFile?: number;
}

export const DEFAULT_FINDINGS_PER_FILE = 100;

export interface FileFindingsParams {
  /** `file:` URI of the file. */
  uri: string;
}

export interface FileFindingsResult {
  /** `file:` URI of the project root the findings' `file` paths are relative to; undefined when the file is unknown. */
  rootUri?: string;
  /** Sorted by line and column. */
  findings: ReportFinding[];
}

export interface ProjectReport {
  /** `file:` URI of the project root (the folder of its nearest package.json, else its workspace folder). */
  rootUri: string;
  /** The package name, else the folder name. */
  name: string;
  /** Where the project sits in its workspace folder ('' at its top), forward slashes. */
  relativePath: string;
  /** `file:` URI of the workspace folder holding it, when there is one. */
  workspaceFolderUri?: string;
  /** Findings' `file` paths are relative to `rootUri`. */
  report: TwelveFactorReport;
}

export interface ConfigProblemInfo {
  /** `file:` URI of the `.twelvefactorrc.json`. */
  uri: string;
  /** 0-based line of the problem (0 when the problem has no place). */
  line: number;
  message: string;
}

export interface IndexStatus {
  /** The background index is still reading the workspace. */
  indexing: boolean;
  /** Files the index has read (and open documents of the workspace). */
  filesIndexed: number;
  /** True when a workspace folder held more source files than the index reads (`MAX_INDEXED_FILES`). */
  limitReached: boolean;
  /** Every finding of the workspace, by severity. */
  counts: SeverityCounts;
  /** Problems of the `.twelvefactorrc.json` files read so far. */
  configProblems: ConfigProblemInfo[];
}

export interface ReportResult extends IndexStatus {
  /** One per project, in path order; a workspace without source files gets one empty project per folder. */
  projects: ProjectReport[];
}
