// The twelve factors at a glance: findings grouped per factor, rule and file, with counts by severity. One model for
// the editor's Twelve-Factor view (`twelveFactor/report`), the CLI's `--format markdown` and `--format html`.
import { FACTOR_INFO, factorDocsPath, type FactorInfo } from './factors';
import { SEVERITY_RANK, type Factor, type RuleId, type Severity } from './rule';

/** A finding with its place resolved; lines and columns 1-based. */
export interface ReportFinding {
  /** Path relative to the report's root, forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  ruleId: RuleId | string;
  factor: Factor;
  severity: Severity;
  message: string;
}

/** What the report needs to know of a rule. */
export interface ReportRule {
  id: string;
  factor: Factor;
  severity: Severity;
  description: string;
}

export type SeverityCounts = Record<Severity, number>;

export interface RuleRow {
  ruleId: string;
  description: string;
  /** The rule's default severity. */
  defaultSeverity: Severity;
  /** False when the configuration turned the rule off. */
  enabled: boolean;
  counts: SeverityCounts;
  /** Files with findings of this rule, most severe and then most findings first. */
  files: Array<{ file: string; counts: SeverityCounts; findings: ReportFinding[] }>;
}

/**
 * - `findings`: at least one finding of an enabled rule;
 * - `clean`: rules check it and found nothing;
 * - `not-checkable`: no enabled rule checks it from code (see `FactorInfo.byHand`).
 */
export type FactorState = 'findings' | 'clean' | 'not-checkable';

export interface FactorRow {
  factor: FactorInfo;
  state: FactorState;
  counts: SeverityCounts;
  /** Page of the factor, relative to the repository root (docs/factors/<slug>.md). */
  docsPath: string;
  rules: RuleRow[];
}

export interface TwelveFactorReport {
  /** All twelve, in the manifesto's order. */
  factors: FactorRow[];
  counts: SeverityCounts;
  /** Files analyzed. */
  filesScanned: number;
}

export function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, info: 0, hint: 0 };
}

export interface BuildReportOptions {
  /** Rule ids turned off by configuration; their factor counts as not checkable when no other rule checks it. */
  disabledRules?: ReadonlySet<string>;
  filesScanned?: number;
}

/** Groups findings per factor, rule and file. Pure; findings of unknown rules count under their factor only. */
export function buildReport(
  findings: readonly ReportFinding[],
  rules: readonly ReportRule[],
  options: BuildReportOptions = {},
): TwelveFactorReport {
  const disabled = options.disabledRules ?? new Set<string>();
  const counts = emptyCounts();
  const rows = new Map<string, FactorRow>();
  for (const info of FACTOR_INFO) {
    rows.set(info.slug, { factor: info, state: 'not-checkable', counts: emptyCounts(), docsPath: factorDocsPath(info.slug), rules: [] });
  }
  const ruleRows = new Map<string, RuleRow>();
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    const row: RuleRow = {
      ruleId: rule.id,
      description: rule.description,
      defaultSeverity: rule.severity,
      enabled: !disabled.has(rule.id),
      counts: emptyCounts(),
      files: [],
    };
    ruleRows.set(rule.id, row);
    rows.get(rule.factor)?.rules.push(row);
  }
  const byRuleFile = new Map<RuleRow, Map<string, RuleRow['files'][number]>>();
  for (const finding of findings) {
    counts[finding.severity]++;
    const factorRow = rows.get(finding.factor);
    if (!factorRow) continue;
    factorRow.counts[finding.severity]++;
    const ruleRow = ruleRows.get(finding.ruleId);
    if (!ruleRow) continue;
    ruleRow.counts[finding.severity]++;
    let files = byRuleFile.get(ruleRow);
    if (!files) byRuleFile.set(ruleRow, (files = new Map()));
    let entry = files.get(finding.file);
    if (!entry) {
      entry = { file: finding.file, counts: emptyCounts(), findings: [] };
      files.set(finding.file, entry);
      ruleRow.files.push(entry);
    }
    entry.counts[finding.severity]++;
    entry.findings.push(finding);
  }
  for (const row of rows.values()) {
    const checked = row.rules.some((rule) => rule.enabled);
    const total = row.counts.error + row.counts.warning + row.counts.info + row.counts.hint;
    row.state = total > 0 ? 'findings' : checked ? 'clean' : 'not-checkable';
    for (const rule of row.rules) {
      rule.files.sort((a, b) => compareCounts(a.counts, b.counts) || a.file.localeCompare(b.file));
      for (const file of rule.files) file.findings.sort((a, b) => a.line - b.line || a.column - b.column);
    }
    // Rules with the most severe findings first; quiet rules keep their id order.
    row.rules.sort((a, b) => compareCounts(a.counts, b.counts) || a.ruleId.localeCompare(b.ruleId));
  }
  return { factors: FACTOR_INFO.map((info) => rows.get(info.slug)!), counts, filesScanned: options.filesScanned ?? 0 };
}

/** The most severe level present, or undefined when there is none. */
export function worstSeverity(counts: SeverityCounts): Severity | undefined {
  return (['error', 'warning', 'info', 'hint'] as const).find((severity) => counts[severity] > 0);
}

/** More severe first: compares error counts, then warnings, infos and hints. */
function compareCounts(a: SeverityCounts, b: SeverityCounts): number {
  for (const severity of (Object.keys(SEVERITY_RANK) as Severity[]).sort((x, y) => SEVERITY_RANK[x] - SEVERITY_RANK[y])) {
    if (a[severity] !== b[severity]) return b[severity] - a[severity];
  }
  return 0;
}
