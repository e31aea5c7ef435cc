// `--format html`: the twelve-factor report as one self-contained page — inline CSS, no script, no image, no font, no
// request to anywhere (a Content-Security-Policy says so to the browser too); every text from the scan is escaped.
// Built from the shared report model (analyzer/report.ts): the twelve factors with their state, then per factor its
// rules, files and findings, folded with <details> so that no script is needed.
import { type FactorRow, type ReportRule, type Severity } from '../../analyzer';
import { countsText, linksFor, plural, SEVERITIES, twelveFactorReport, type Links } from './twelve-factor';
import type { Report, ToolInfo } from './report';

/** Findings listed per rule before "… and N more" (a page with 20,000 rows helps nobody and is slow to open). */
export const HTML_FINDINGS_PER_RULE = 200;

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #fff; --line: #d1d9e0; --card: #f6f8fa;
  --error: #cf222e; --warning: #9a6700; --info: #0969da; --hint: #59636e; --clean: #1a7f37; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --line: #3d444d;
  --card: #151b23; --error: #ff7b72; --warning: #d29922; --info: #58a6ff; --hint: #9198a1; --clean: #3fb950; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
a { color: var(--info); }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.numeral { display: inline-block; min-width: 3em; color: var(--muted); }
.pill { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; }
.error { color: var(--error); } .warning { color: var(--warning); } .info { color: var(--info); } .hint { color: var(--hint); }
.clean { color: var(--clean); } .not-checkable { color: var(--muted); }
details { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; background: var(--card); }
details > summary { cursor: pointer; padding: 8px 12px; font-weight: 600; }
details > div { padding: 0 12px 12px; background: var(--bg); border-top: 1px solid var(--line); }
code, .loc { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.summary { color: var(--muted); margin: 0 0 8px; }
`;

export function formatHtml(report: Report, rules: readonly ReportRule[], tool: ToolInfo, env: NodeJS.ProcessEnv = {}, links: Links = linksFor(env)): string {
  const { model, findings } = twelveFactorReport(report, rules);
  const total = findings.length;
  const headline =
    total === 0
      ? `No problems in ${plural(report.filesScanned, 'file')}.`
      : `${plural(total, 'problem')} (${countsText(model.counts)}) in ${plural(report.filesScanned, 'file')} scanned.`;

  let rows = '';
  for (const row of model.factors) {
    const counts = SEVERITIES.map((s) => `<td class="n${row.counts[s] > 0 ? ` ${s}` : ''}">${row.state === 'not-checkable' ? '' : row.counts[s]}</td>`).join('');
    rows +=
      `<tr><td><span class="numeral">${row.factor.numeral}.</span><a href="${attr(links.factorDocs(row.factor.slug))}">${text(row.factor.title)}</a>` +
      `<div class="muted">${text(row.factor.summary)}</div></td><td>${statePill(row)}</td>${counts}</tr>\n`;
  }

  let sections = '';
  for (const row of model.factors) {
    if (row.state !== 'findings') continue;
    sections += `<details open><summary><span class="numeral">${row.factor.numeral}.</span>${text(row.factor.title)} — <span class="${worst(row.counts)}">${text(countsText(row.counts))}</span></summary><div>\n`;
    for (const rule of row.rules) {
      const count = SEVERITIES.reduce((sum, s) => sum + rule.counts[s], 0);
      if (count === 0) continue;
      sections += `<h3><a href="${attr(links.ruleDocs(rule.ruleId))}"><code>${text(rule.ruleId)}</code></a> <span class="${worst(rule.counts)}">${text(countsText(rule.counts))}</span></h3>\n`;
      sections += `<p class="summary">${text(rule.description)}</p>\n<table><tbody>\n`;
      let listed = 0;
      for (const file of rule.files) {
        for (const f of file.findings) {
          if (listed++ >= HTML_FINDINGS_PER_RULE) break;
          sections +=
            `<tr><td class="${f.severity}">${f.severity}</td><td class="loc"><a href="${attr(links.location(f.file, f.line))}">${text(`${f.file}:${f.line}:${f.column}`)}</a></td>` +
            `<td>${text(f.message)}</td></tr>\n`;
        }
      }
      sections += '</tbody></table>\n';
      if (count > HTML_FINDINGS_PER_RULE) sections += `<p class="muted">… and ${count - HTML_FINDINGS_PER_RULE} more.</p>\n`;
    }
    sections += '</div></details>\n';
  }

  const byHand = model.factors.filter((row) => row.state === 'not-checkable');
  const handList = byHand.map((row) => `<li><strong>${row.factor.numeral}. ${text(row.factor.title)}</strong>: ${text(row.factor.byHand)}</li>`).join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Twelve-Factor Lint report</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Twelve-Factor Lint</h1>
<p class="muted">${text(headline)} ${text(tool.name)} ${text(tool.version)}.</p>
<h2>The twelve factors</h2>
<table>
<thead><tr><th>Factor</th><th>State</th>${SEVERITIES.map((s) => `<th class="n">${s}s</th>`).join('')}</tr></thead>
<tbody>
${rows}</tbody>
</table>
${sections ? `<h2>Findings</h2>\n${sections}` : ''}${byHand.length > 0 ? `<h2>What to check by hand</h2>\n<ul>\n${handList}\n</ul>\n` : ''}</main>
</body>
</html>
`;
}

function statePill(row: FactorRow): string {
  if (row.state === 'clean') return '<span class="pill clean">clean</span>';
  if (row.state === 'not-checkable') return '<span class="pill not-checkable">not checkable from code</span>';
  return `<span class="pill ${worst(row.counts)}">${text(countsText(row.counts))}</span>`;
}

function worst(counts: Record<Severity, number>): Severity {
  return SEVERITIES.find((s) => counts[s] > 0) ?? 'hint';
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
