// The scan → the shared twelve-factor report model (analyzer/report.ts, the same one the editor's Twelve-Factor view
// shows), and the links the markdown and HTML reports put on it.
import { RULE_DOCS_BASE_URL, SEVERITY_RANK, buildReport, factorDocsPath, ruleDocsUrl, type Factor, type ReportFinding, type ReportRule, type Severity, type TwelveFactorReport } from '../../analyzer';
import { relativePath, type Report } from './report';

export interface Links {
  factorDocs(slug: Factor): string;
  ruleDocs(ruleId: string): string;
  /** A link to a line of a file (path relative to the repository root). */
  location(file: string, line: number): string;
}

/** Factor pages sit beside the rule pages: the same published tree as RULE_DOCS_BASE_URL. */
const DOCS_TREE = RULE_DOCS_BASE_URL.replace(/docs\/rules\/$/, '');

/**
 * Links for a report. On GitHub Actions (GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA set), locations link to
 * the file at the commit being checked; elsewhere, to the path relative to the repository root (`src/a.ts#L4`), which a
 * viewer opened at the root resolves.
 */
export function linksFor(env: NodeJS.ProcessEnv): Links {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  const blob = server && repository && sha ? `${server.replace(/\/$/, '')}/${repository}/blob/${sha}/` : '';
  return {
    factorDocs: (slug) => `${DOCS_TREE}${factorDocsPath(slug)}`,
    ruleDocs: ruleDocsUrl,
    location: (file, line) => `${blob}${file.split('/').map(encodeURIComponent).join('/')}#L${line}`,
  };
}

/** Every finding of the report, paths relative to the repository root, most severe first, then by file and line. */
export function reportFindings(report: Report): ReportFinding[] {
  const root = report.root ?? report.cwd;
  const findings: ReportFinding[] = [];
  for (const scanned of report.files) {
    const file = relativePath(root, scanned.file);
    for (const d of scanned.diagnostics) {
      findings.push({
        file,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        ruleId: d.ruleId,
        factor: d.factor,
        severity: d.severity,
        message: d.message,
      });
    }
  }
  return findings.sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

export function twelveFactorReport(report: Report, rules: readonly ReportRule[]): { model: TwelveFactorReport; findings: ReportFinding[] } {
  const findings = reportFindings(report);
  const model = buildReport(findings, rules, {
    filesScanned: report.filesScanned,
    ...(report.disabledRules ? { disabledRules: report.disabledRules } : {}),
  });
  return { model, findings };
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function countsText(counts: Record<Severity, number>): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => plural(counts[s], s));
  return parts.length === 0 ? 'no problems' : parts.join(', ');
}
