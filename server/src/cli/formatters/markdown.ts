// `--format markdown`: a CI job summary (`>> "$GITHUB_STEP_SUMMARY"` on GitHub Actions). The twelve factors as rows with
// their findings by severity and a link to each factor's page, then the first findings, most severe first, linked to
// their file and line. Built from the shared report model (analyzer/report.ts).
import { type ReportRule } from '../../analyzer';
import { countsText, linksFor, plural, SEVERITIES, twelveFactorReport, type Links } from './twelve-factor';
import type { Report } from './report';

/** How many findings the summary lists (GitHub caps a step summary at 1 MiB; a summary is read, not searched). */
export const MARKDOWN_FIRST_FINDINGS = 25;

const STATE_LABEL = { findings: '', clean: '✅ clean', 'not-checkable': '➖ not checkable from code' } as const;
const SEVERITY_ICON = { error: '🔴', warning: '🟠', info: '🔵', hint: '⚪' } as const;

export function formatMarkdown(report: Report, rules: readonly ReportRule[], env: NodeJS.ProcessEnv = {}, links: Links = linksFor(env)): string {
  const { model, findings } = twelveFactorReport(report, rules);
  const total = findings.length;
  let out = '## Twelve-Factor Lint\n\n';
  out +=
    total === 0
      ? `✅ **No problems** in ${plural(report.filesScanned, 'file')}.\n\n`
      : `**${plural(total, 'problem')}** (${countsText(model.counts)}) in ${plural(report.filesScanned, 'file')} scanned.\n\n`;

  out += '| Factor | State | Errors | Warnings | Infos | Hints |\n| --- | --- | ---: | ---: | ---: | ---: |\n';
  for (const row of model.factors) {
    const name = `[${row.factor.numeral}. ${escape(row.factor.title)}](${links.factorDocs(row.factor.slug)})`;
    const state =
      row.state === 'findings' ? `${SEVERITY_ICON[SEVERITIES.find((s) => row.counts[s] > 0) ?? 'hint']} ${countsText(row.counts)}` : STATE_LABEL[row.state];
    const cells = SEVERITIES.map((s) => (row.state === 'not-checkable' ? '' : String(row.counts[s])));
    out += `| ${name} | ${state} | ${cells.join(' | ')} |\n`;
  }

  if (total > 0) {
    const shown = findings.slice(0, MARKDOWN_FIRST_FINDINGS);
    out += `\n### ${shown.length === total ? 'Findings' : `First ${shown.length} of ${total} findings`}\n\n`;
    out += '| | Location | Rule | Message |\n| --- | --- | --- | --- |\n';
    for (const f of shown) {
      const location = `[${escape(`${f.file}:${f.line}`)}](${links.location(f.file, f.line)})`;
      out += `| ${SEVERITY_ICON[f.severity]} ${f.severity} | ${location} | [${f.ruleId}](${links.ruleDocs(f.ruleId)}) | ${escape(f.message)} |\n`;
    }
  }

  const byHand = model.factors.filter((row) => row.state === 'not-checkable');
  if (byHand.length > 0) {
    out += '\n<details><summary>What to check by hand</summary>\n\n';
    for (const row of byHand) out += `- **${row.factor.numeral}. ${escape(row.factor.title)}**: ${escape(row.factor.byHand)}\n`;
    out += '\n</details>\n';
  }
  return out;
}

/** Text for a table cell: no pipes, line breaks or raw HTML (GitHub renders HTML in markdown). */
function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}
