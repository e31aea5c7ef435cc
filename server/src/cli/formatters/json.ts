// `--format json`: a stable contract for scripts. Keys and their order are part of it: never rename, remove or
// reorder one without bumping `version`; new keys only come after the existing ones.
//
// When a run is incomplete (exit code 2), two keys follow `diagnostics`: `filesFailed` (files, folders or
// package.json files that could not be read or analyzed) and `problems` (each `{ file, ruleId?, message }`: a
// file that failed, or a rule that failed on a file). A complete run prints exactly the three keys.
import { escapeJsonForTerminal } from './escape';
import { filesFailed, relativePath, runProblems, type Report } from './report';

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
  const problems = runProblems(report).map((problem) => ({
    file: relativePath(report.cwd, problem.file),
    ...(problem.ruleId !== undefined ? { ruleId: problem.ruleId } : {}),
    message: problem.message,
  }));
  const incomplete = problems.length > 0 ? { filesFailed: filesFailed(report), problems } : {};
  return `${escapeJsonForTerminal(JSON.stringify({ version: 1, filesScanned: report.filesScanned, diagnostics, ...incomplete }, null, 2))}\n`;
}
