// `--format json`: a stable contract for scripts. Keys and their order are part of it; add nothing without
// bumping `version`.
import { relativePath, type Report } from './report';

export function formatJson(report: Report): string {
  const diagnostics = [];
  for (const scanned of report.files) {
    const file = relativePath(report.cwd, scanned.file);
    for (const d of scanned.diagnostics) {
      diagnostics.push({
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
  return `${JSON.stringify({ version: 1, filesScanned: report.filesScanned, diagnostics }, null, 2)}\n`;
}
