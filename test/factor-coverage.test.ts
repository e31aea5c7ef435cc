// Every factor of the twelve is taught somewhere: checked by a rule (or on the reviewed list of factors no rule checks
// yet), given a page, given a snippet (or a reason on its page why code cannot show it), and named in the README's
// rules table, the documentation index and the snippets list. Rules come from the registry, so a branch that adds one
// is held to the same: a README row, an index entry (`npm run sync:manifest`).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FACTOR_INFO, factorDocsPath, type FactorInfo } from '../server/src/analyzer/factors';
import type { Factor } from '../server/src/analyzer/rule';
import { RULES } from '../server/src/analyzer/rules/index';
import { DOCS_INDEX, factorIndex, syncedDocsIndex } from './support/docs-index';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (relative: string): string => fs.readFileSync(path.join(ROOT, relative), 'utf8');

/**
 * Factors no rule checks from code yet, each with why (reviewed). A factor leaves this list when it gets a rule (the
 * test below fails while a factor with rules is still listed). Every factor has a rule today.
 */
const NO_RULE_YET: Partial<Record<Factor, string>> = {};

/**
 * Factors without a `12f-` snippet, each with the reason its factor page and docs/snippets.md give, word for word.
 */
const NO_SNIPPET: Partial<Record<Factor, string>> = {
  codebase:
    'No `12f-` snippet: a codebase is a repository and its deploys, not a piece of code. The one code-level part, importing shared code by its workspace package name, is shown on the factor page and checked by `codebase/no-cross-app-import`.',
  dependencies:
    'No `12f-` snippet: dependencies are declared in `package.json` and pinned by the lockfile, not in source code, and snippets are offered in TypeScript and JavaScript files only. The code-level part, a declared package instead of a system tool, is on the `dependencies/no-system-tool` page.',
  'dev-prod-parity':
    'No `12f-` snippet of its own: the code-level part of parity, one kind of backing service chosen by a URL with no `NODE_ENV` branch, is what `12f-backing-service` and `12f-backing-service-redis` insert; the rest is about deploys, people and tools.',
};

interface SnippetEntry {
  prefix: string | string[];
  description?: string;
}

/** Numerals of the factors the snippets of `file` teach (descriptions open with "<numeral>. <factor> — "). */
function snippetNumerals(file: string): Set<string> {
  const snippets = JSON.parse(read(`snippets/${file}`)) as Record<string, SnippetEntry>;
  return new Set(Object.values(snippets).flatMap((snippet) => /^([IVX]+)\. /.exec(snippet.description ?? '')?.[1] ?? []));
}

/** The rows of the first Markdown table after `## Rules` in README.md, as cells. */
function readmeRuleRows(): string[][] {
  const lines = read('README.md').split('\n');
  const start = lines.findIndex((line) => line.trim() === '## Rules');
  assert.ok(start !== -1, 'README.md has a "## Rules" section');
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^## /.test(line)) break;
    if (!line.startsWith('|')) {
      if (rows.length > 0) break;
      continue;
    }
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  return rows.slice(2); // the header and its |---| line
}

function factorLabel(info: FactorInfo): string {
  return `${info.numeral} ${info.title}`;
}

describe('factor coverage: all twelve factors are taught', () => {
  const tsSnippets = snippetNumerals('typescript.json');
  const jsSnippets = snippetNumerals('javascript.json');
  const rows = readmeRuleRows();
  const snippetsPage = read('docs/snippets.md');

  for (const info of FACTOR_INFO) {
    describe(`${info.numeral}. ${info.title}`, () => {
      const rules = RULES.filter((rule) => rule.factor === info.slug);

      it('is checked by a rule, or is on the reviewed list of factors no rule checks yet', () => {
        assert.ok(rules.length > 0 || NO_RULE_YET[info.slug] !== undefined, `no rule checks ${info.slug}, and NO_RULE_YET gives no reason`);
        assert.ok(rules.length === 0 || NO_RULE_YET[info.slug] === undefined, `${info.slug} has rules: delete it from NO_RULE_YET`);
      });

      it('has a factor page', () => {
        assert.ok(fs.existsSync(path.join(ROOT, factorDocsPath(info.slug))), `${factorDocsPath(info.slug)} is missing`);
      });

      it('has a snippet in TypeScript and JavaScript, or its page and the snippets list say why not', () => {
        const reason = NO_SNIPPET[info.slug];
        if (reason === undefined) {
          assert.ok(tsSnippets.has(info.numeral), `no snippet in snippets/typescript.json teaches ${info.numeral}`);
          assert.ok(jsSnippets.has(info.numeral), `no snippet in snippets/javascript.json teaches ${info.numeral}`);
          return;
        }
        assert.ok(read(factorDocsPath(info.slug)).includes(reason), `${factorDocsPath(info.slug)} says why there is no snippet`);
        assert.ok(snippetsPage.includes(reason), 'docs/snippets.md says why there is no snippet');
      });

      it('is named in the snippets list (docs/snippets.md)', () => {
        assert.ok(snippetsPage.includes(`${info.numeral}. ${info.title}`), `docs/snippets.md names "${info.numeral}. ${info.title}"`);
      });

      it('has a row in the README rules table: one per rule, or a "check by hand" row', () => {
        const own = rows.filter((row) => row[1] === factorLabel(info));
        assert.ok(own.length > 0, `README.md's rules table has no row for "${factorLabel(info)}"`);
        if (rules.length === 0) assert.ok(own.some((row) => /check by hand/.test(row[0])), 'a factor without rules has a "check by hand" row');
      });

      it('is in the documentation index, with its page', () => {
        assert.ok(read('docs/README.md').includes(`](${path.posix.relative('docs', factorDocsPath(info.slug))})`));
      });
    });
  }

  describe('the README rules table', () => {
    for (const rule of RULES) {
      it(`has ${rule.id}, linked to its page, with its factor and default severity`, () => {
        const row = rows.find((cells) => cells[0] === `[\`${rule.id}\`](docs/rules/${rule.id}.md)`);
        assert.ok(row, `README.md's rules table has no row for ${rule.id}`);
        const factor = FACTOR_INFO.find((info) => info.slug === rule.factor)!;
        assert.equal(row[1], factorLabel(factor));
        assert.equal(row[2], rule.severity);
      });
    }

    it('names only registered rules and factors', () => {
      const ids = new Set<string>(RULES.map((rule) => rule.id));
      const labels = new Set(FACTOR_INFO.map(factorLabel));
      for (const row of rows) {
        const id = /^\[`([^`]+)`\]/.exec(row[0])?.[1];
        if (id !== undefined) assert.ok(ids.has(id), `${id} is not a registered rule`);
        assert.ok(labels.has(row[1]), `"${row[1]}" is not a factor`);
      }
    });

    it('links the documentation index', () => {
      assert.match(read('README.md'), /\]\(docs\/README\.md\)/);
    });
  });

  describe('the documentation index (docs/README.md)', () => {
    const text = fs.readFileSync(DOCS_INDEX, 'utf8');

    it('lists every factor and rule as the registry has them (run `npm run sync:manifest`)', () => {
      assert.equal(syncedDocsIndex(text), text);
      for (const rule of RULES) assert.ok(factorIndex().includes(`](rules/${rule.id}.md)`));
    });

    it('links the snippets, CLI, CI and configuration pages, and only pages that exist', () => {
      for (const page of ['snippets.md', 'cli.md', 'ci.md', 'configuration.md']) assert.ok(text.includes(`](${page})`), `links ${page}`);
      for (const [, target] of text.matchAll(/\]\(([\w./-]+\.md)\)/g)) {
        assert.ok(fs.existsSync(path.resolve(path.dirname(DOCS_INDEX), target)), `${target} is missing`);
      }
    });
  });
});
