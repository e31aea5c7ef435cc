// The findings of every file the background index read, kept as plain positioned records (never a syntax tree), so
// that the Twelve-Factor report covers the whole workspace and not only the open files. Bounded: at most
// MAX_FINDINGS_PER_FILE per file (a generated file cannot fill the heap), messages shared between findings.
import type { Factor, Finding, ProjectFactName, RuleId, Severity } from '../analyzer';

/** A finding with its position resolved; lines and columns 1-based, end exclusive (as the CLI's JSON). */
export interface StoredFinding {
  ruleId: RuleId;
  factor: Factor;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** A project fact that voids the finding (resolved when the report is built: facts change after indexing). */
  unless?: ProjectFactName;
}

export interface IndexedFile {
  /** The project root the file was analyzed in. */
  root: string;
  findings: StoredFinding[];
  /** Findings beyond MAX_FINDINGS_PER_FILE that were not kept. */
  dropped: number;
}

/** Findings kept per file; the rest are counted, not stored. */
export const MAX_FINDINGS_PER_FILE = 1000;
/** Distinct message texts shared before the table starts afresh (messages embed names, so they vary). */
const MAX_SHARED_MESSAGES = 20_000;

export type PositionOf = (offset: number) => { line: number; character: number };

export class FindingsIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly messages = new Map<string, string>();
  /** Increments on every change: callers compare it to know whether anything moved. */
  version = 0;

  /** Records a file's findings (offsets resolved through `positionOf`, 0-based like TypeScript's). */
  set(file: string, root: string, findings: readonly Finding[], positionOf: PositionOf): void {
    if (findings.length === 0) {
      // Most files have no finding: they take no entry (their count is the project's file count).
      this.delete(file);
      return;
    }
    const kept = findings.length > MAX_FINDINGS_PER_FILE ? findings.slice(0, MAX_FINDINGS_PER_FILE) : findings;
    const stored = kept.map((finding): StoredFinding => {
      const start = positionOf(finding.start);
      const end = positionOf(finding.end);
      return {
        ruleId: finding.ruleId,
        factor: finding.factor,
        severity: finding.severity,
        message: this.share(finding.message),
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        ...(finding.unless ? { unless: finding.unless } : {}),
      };
    });
    this.files.set(file, { root, findings: stored, dropped: findings.length - kept.length });
    this.version++;
  }

  delete(file: string): void {
    if (this.files.delete(file)) this.version++;
  }

  get(file: string): IndexedFile | undefined {
    return this.files.get(file);
  }

  entries(): IterableIterator<[string, IndexedFile]> {
    return this.files.entries();
  }

  get size(): number {
    return this.files.size;
  }

  /** Drops the files `keep` rejects (a scan ended without meeting them). */
  retain(keep: (file: string) => boolean): void {
    for (const file of [...this.files.keys()]) if (!keep(file)) this.delete(file);
  }

  clear(): void {
    this.files.clear();
    this.messages.clear();
    this.version++;
  }

  private share(message: string): string {
    const shared = this.messages.get(message);
    if (shared !== undefined) return shared;
    if (this.messages.size >= MAX_SHARED_MESSAGES) this.messages.clear();
    this.messages.set(message, message);
    return message;
  }
}
