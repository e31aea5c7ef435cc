// Every docs example is checked: each code block under a ❌ heading must report the page's rule,
// each one under a ✅ heading must not. Docs that drift from the rule fail here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '../server/src/analyzer/analyze';
import { RULES } from '../server/src/analyzer/rules/index';

const ROOT = path.resolve(__dirname, '..', '..');

interface Example {
  expect: 'report' | 'clean';
  language: string;
  code: string;
  line: number;
}

/** Code blocks grouped by the nearest ❌ / ✅ heading above them. */
export function docsExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  let expect: Example['expect'] | undefined;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(lines[i]);
    if (heading) {
      expect = heading[2].includes('❌') ? 'report' : heading[2].includes('✅') ? 'clean' : undefined;
      continue;
    }
    const fence = /^```(\w+)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    if (expect && /^(ts|typescript|js|javascript|tsx|jsx)$/.test(fence[1])) {
      examples.push({ expect, language: fence[1], code: lines.slice(start, end).join('\n'), line: start });
    }
    i = end;
  }
  return examples;
}

describe('docs examples', () => {
  for (const rule of RULES) {
    const file = path.join(ROOT, 'docs/rules', `${rule.id}.md`);
    if (!fs.existsSync(file)) continue; // meta.test.ts reports the missing page
    const examples = docsExamples(fs.readFileSync(file, 'utf8'));
    describe(rule.id, () => {
      it('has at least one ❌ and one ✅ example', () => {
        if (rule.id === 'codebase/no-unused-disable') return; // its examples are comments; covered by its own test
        assert.ok(examples.some((e) => e.expect === 'report'), 'no ❌ example');
        assert.ok(examples.some((e) => e.expect === 'clean'), 'no ✅ example');
      });
      for (const example of examples) {
        it(`${example.expect === 'report' ? '❌' : '✅'} example at line ${example.line} ${example.expect === 'report' ? 'reports' : 'is clean'}`, () => {
          const ext = /^(js|javascript)$/.test(example.language) ? 'js' : /x$/.test(example.language) ? example.language : 'ts';
          const { findings } = analyze({ fileName: `src/example.${ext}`, text: example.code });
          const own = findings.filter((finding) => finding.ruleId === rule.id);
          if (example.expect === 'report') assert.ok(own.length > 0, `expected ${rule.id} to report:\n${example.code}`);
          else assert.deepEqual(own.map((f) => f.message), [], `expected no ${rule.id} finding`);
        });
      }
    });
  }
});
