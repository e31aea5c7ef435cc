// The factor pages (docs/factors/<slug>.md) that the Twelve-Factor view, the walkthrough and the marketplace page
// link: one per factor, each listing exactly the registered rules of its factor, so a branch that adds a rule must add
// its link here too; the by-hand checks come from factors.ts; every example analyzes clean.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '../server/src/analyzer/analyze';
import { FACTOR_INFO, factorDocsPath } from '../server/src/analyzer/factors';
import { RULES } from '../server/src/analyzer/rules/index';

const ROOT = path.resolve(__dirname, '..', '..');

/** The body of the `## title` section (up to the next `## `), or undefined when the page has none. */
function section(markdown: string, title: string): string | undefined {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${title}`);
  if (start === -1) return undefined;
  const end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end).join('\n');
}

/** Fenced code blocks with their language. */
function codeBlocks(markdown: string): Array<{ language: string; code: string }> {
  const blocks: Array<{ language: string; code: string }> = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let match = fence.exec(markdown); match; match = fence.exec(markdown)) blocks.push({ language: match[1], code: match[2] });
  return blocks;
}

describe('factor pages', () => {
  it('exist for the twelve factors and nothing else', () => {
    const pages = fs.readdirSync(path.join(ROOT, 'docs/factors')).filter((name) => name.endsWith('.md')).sort();
    assert.deepEqual(pages, FACTOR_INFO.map((info) => `${info.slug}.md`).sort());
  });

  for (const info of FACTOR_INFO) {
    describe(`${info.numeral}. ${info.title} (${factorDocsPath(info.slug)})`, () => {
      const file = path.join(ROOT, factorDocsPath(info.slug));
      const page = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';

      it('opens with the numbered title and the one-line summary from factors.ts', () => {
        const [heading, , summary] = page.split('\n');
        assert.equal(heading, `# ${info.numeral}. ${info.title}`);
        assert.equal(summary, `*${info.summary}*`);
      });

      it('quotes 12factor.net, with attribution to the factor\'s page', () => {
        const quote = page.split('\n').filter((line) => line.startsWith('>'));
        assert.ok(quote.length >= 2, 'a block quote');
        assert.ok(quote.some((line) => line.includes(`(https://12factor.net/${info.slug})`)), 'attributed to its 12factor.net page');
        const words = quote.join(' ').split(/\s+/).length;
        assert.ok(words < 90, `a short quote (${words} words)`);
      });

      it('lists exactly the registered rules of its factor, each linked to its page', () => {
        const body = section(page, 'Rules that check it');
        assert.ok(body !== undefined, 'a "Rules that check it" section');
        const linked = [...body.matchAll(/\[`([^`]+)`\]\(\.\.\/rules\/([^)]+)\.md\)/g)].map((m) => {
          assert.equal(m[1], m[2], `the link text names the page it links (${m[1]})`);
          return m[1];
        });
        const registered = RULES.filter((rule) => rule.factor === info.slug).map((rule) => rule.id).sort();
        assert.deepEqual([...linked].sort(), registered, 'add a link for each rule of this factor, remove links to rules that left it');
        if (registered.length === 0) assert.match(body, /No rule checks this factor from code yet/);
      });

      it('says what to check by hand, as factors.ts has it', () => {
        const body = section(page, 'What to check by hand');
        assert.ok(body?.includes(info.byHand), `the section holds: ${info.byHand}`);
      });

      it('shows code that does it right, and every TypeScript example analyzes clean', () => {
        const body = section(page, 'Doing it right');
        assert.ok(body !== undefined, 'a "Doing it right" section');
        const blocks = codeBlocks(body);
        assert.ok(blocks.length > 0, 'at least one example');
        for (const block of blocks.filter((b) => /^(ts|typescript|js|javascript)$/.test(b.language))) {
          const { findings, skipped } = analyze({ fileName: `src/example.${block.language.startsWith('j') ? 'js' : 'ts'}`, text: block.code });
          assert.equal(skipped, undefined);
          assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), [], `example:\n${block.code}`);
        }
      });

      it('links only pages that exist', () => {
        for (const [, target] of page.matchAll(/\]\(((?:\.\.\/|\.\/)?[\w./-]+\.md)\)/g)) {
          assert.ok(fs.existsSync(path.resolve(path.dirname(file), target)), `${target} is missing`);
        }
      });
    });
  }
});
