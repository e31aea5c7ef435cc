// `--format stylish` (the default): ESLint's layout, so it reads the way people expect. Never prints source
// lines, so a detected secret appears only as the rule's masked message. Every message and file name is escaped
// for the terminal (escape.ts): a scanned string must not be able to clear the screen and print "No problems".
import type { Severity } from '../../analyzer';
import { escapeForTerminal } from './escape';
import { relativePath, runProblems, type Report } from './report';

const CODES = { red: 31, yellow: 33, cyan: 36, green: 32, gray: 90, bold: 1, underline: 4, dim: 2 } as const;
type Style = keyof typeof CODES;

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan', hint: 'gray' };
const MAX_SKIPPED_LISTED = 10;

export function formatStylish(report: Report, color: boolean): string {
  const paint = (style: Style, text: string): string => (color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
  const shown = (file: string): string => escapeForTerminal(relativePath(report.cwd, file));
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let out = '';

  for (const scanned of report.files) {
    if (scanned.diagnostics.length === 0) continue;
    const rows = scanned.diagnostics.map((d) => {
      counts[d.severity]++;
      return { location: `${d.line}:${d.column}`, severity: d.severity, message: escapeForTerminal(d.message), ruleId: d.ruleId };
    });
    const locationWidth = Math.max(...rows.map((r) => r.location.length));
    const severityWidth = Math.max(...rows.map((r) => r.severity.length));
    const messageWidth = Math.max(...rows.map((r) => r.message.length));
    out += `\n${paint('underline', shown(scanned.file))}\n`;
    for (const row of rows) {
      const severity = paint(SEVERITY_STYLE[row.severity], row.severity.padEnd(severityWidth));
      out += `  ${paint('dim', row.location.padEnd(locationWidth))}  ${severity}  ${row.message.padEnd(messageWidth)}  ${paint('dim', row.ruleId)}\n`;
    }
  }

  const skipped = report.files.filter((f) => f.skipped !== undefined);
  if (skipped.length > 0) {
    out += `\n${paint('gray', `Skipped ${plural(skipped.length, 'file')}:`)}\n`;
    const listed = skipped.slice(0, MAX_SKIPPED_LISTED);
    const width = Math.max(...listed.map((f) => shown(f.file).length));
    for (const f of listed) out += paint('gray', `  ${shown(f.file).padEnd(width)}  ${escapeForTerminal(f.skipped ?? '')}`) + '\n';
    if (skipped.length > listed.length) out += paint('gray', `  … and ${skipped.length - listed.length} more`) + '\n';
  }

  // Never shortened: each of these is a hole in the report.
  const problems = runProblems(report);
  if (problems.length > 0) {
    const failedFiles = new Set(problems.map((problem) => problem.file)).size;
    out += `\n${paint('red', paint('bold', `Could not analyze ${plural(failedFiles, 'file')} completely:`))}\n`;
    const width = Math.max(...problems.map((problem) => shown(problem.file).length));
    for (const problem of problems) {
      const rule = problem.ruleId ? `${problem.ruleId}: ` : '';
      out += `  ${shown(problem.file).padEnd(width)}  ${rule}${escapeForTerminal(problem.message)}\n`;
    }
  }

  const total = counts.error + counts.warning + counts.info + counts.hint;
  out += ruleSummary(report, paint);
  if (total > 0) {
    const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), plural(counts.info, 'info')];
    if (counts.hint > 0) parts.push(plural(counts.hint, 'hint'));
    const style: Style = counts.error > 0 ? 'red' : counts.warning > 0 ? 'yellow' : 'cyan';
    out += `\n${paint(style, paint('bold', `✖ ${plural(total, 'problem')} (${parts.join(', ')})`))}\n`;
  } else if (problems.length === 0) {
    out += `\n${paint('green', '✔ No problems')}\n`;
  } else {
    out += `\n${paint('yellow', 'No problems in the files that were analyzed')}\n`;
  }
  if (problems.length > 0) out += `${paint('red', 'The report is incomplete: see "Could not analyze" above.')}\n`;
  out += `Scanned ${plural(report.filesScanned, 'file')}\n`;
  return out;
}

/**
 * Counts per rule, most severe first, so that a few warnings are not buried under many console infos (issue 11:
 * 116 of 121 findings of one tutorial back end were console infos). Shown when more than one rule reported.
 */
function ruleSummary(report: Report, paint: (style: Style, text: string) => string): string {
  const byRule = new Map<string, Record<Severity, number>>();
  for (const scanned of report.files) {
    for (const d of scanned.diagnostics) {
      let counts = byRule.get(d.ruleId);
      if (!counts) byRule.set(d.ruleId, (counts = { error: 0, warning: 0, info: 0, hint: 0 }));
      counts[d.severity]++;
    }
  }
  if (byRule.size < 2) return '';
  const order: Severity[] = ['error', 'warning', 'info', 'hint'];
  const rows = [...byRule].sort(
    ([a, x], [b, y]) => order.reduce((diff, severity) => diff || y[severity] - x[severity], 0) || a.localeCompare(b),
  );
  const width = Math.max(...rows.map(([id]) => id.length));
  let out = `\n${paint('bold', 'Problems by rule:')}\n`;
  for (const [id, counts] of rows) {
    const worst = order.find((severity) => counts[severity] > 0) ?? 'hint';
    const text = order.filter((severity) => counts[severity] > 0).map((severity) => plural(counts[severity], severity)).join(', ');
    out += `  ${id.padEnd(width)}  ${paint(SEVERITY_STYLE[worst], text)}\n`;
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
