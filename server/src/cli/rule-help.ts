// A rule's help for SARIF viewers (GitHub code scanning shows it beside each alert): the factor, why, and how to fix,
// taken from the rule's documentation page (docs/rules/<id>.md, shipped with the package), with its relative links
// made absolute. Without the page, the rule's description and its factor's summary.
import fs from 'node:fs';
import path from 'node:path';
import { factorInfo, ruleDocsUrl, type RuleDefinition } from '../analyzer';

/** The sections of a rule page that make its help, in this order. */
const HELP_SECTIONS = ['Factor', 'Why', 'How to fix'];

export interface RuleHelp {
  text: string;
  markdown: string;
}

export function ruleHelp(rule: Pick<RuleDefinition, 'id' | 'factor' | 'description'>, docsRoot: string | undefined): RuleHelp {
  const url = ruleDocsUrl(rule.id);
  const factor = factorInfo(rule.factor);
  const page = docsRoot === undefined ? undefined : readPage(path.join(docsRoot, 'docs', 'rules', ...rule.id.split('/')) + '.md');
  const sections = page === undefined ? [] : HELP_SECTIONS.map((title) => section(page, title)).filter((s) => s !== undefined);
  let markdown: string;
  if (sections.length === 0) {
    markdown =
      `${rule.description}\n\n` +
      `**Factor:** [${factor.numeral}. ${factor.title}](https://12factor.net/${factor.slug}): ${factor.summary}\n\n` +
      `See [the rule's documentation](${url}) for how to fix it.`;
  } else {
    const body = sections.map((s) => `## ${s.title}\n\n${absoluteLinks(s.body, url)}`).join('\n\n');
    markdown = `${rule.description}\n\n${body}\n\n[Full documentation of ${rule.id}](${url})`;
  }
  return { markdown, text: toPlainText(markdown) };
}

function readPage(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function section(page: string, title: string): { title: string; body: string } | undefined {
  const lines = page.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === `## ${title}`);
  if (start === -1) return undefined;
  let end = start + 1;
  let fenced = false;
  for (; end < lines.length; end++) {
    if (/^\s*```/.test(lines[end])) fenced = !fenced;
    if (!fenced && /^##? /.test(lines[end])) break;
  }
  const body = lines.slice(start + 1, end).join('\n').trim();
  return body === '' ? undefined : { title, body };
}

/** `[x](../logs/no-console.md)` → the published page; `#anchors` and absolute links are kept. */
function absoluteLinks(markdown: string, pageUrl: string): string {
  return markdown.replace(/\]\(([^)\s]+)\)/g, (whole, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return whole;
    try {
      return `](${new URL(target, pageUrl).href})`;
    } catch {
      return whole;
    }
  });
}

/** Markdown → readable plain text: links as "text (url)", emphasis and headings' marks dropped. */
function toPlainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/^#{1,6} +/gm, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[^*])\*([^*\n]+)\*/g, '$1$2');
}
