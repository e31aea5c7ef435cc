// Every docs example is checked: each code block under a ❌ heading must report the page's rule,
// each one under a ✅ heading must not. Docs that drift from the rule fail here. A block with a title
// (```json title="package.json"```) is a file of a small project: the titled blocks under one heading make one
// project (a repeated title starts the next), scanned from disk like the CLI does, so examples in every language
// and rules that read several files are checked too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyze } from '../server/src/analyzer/analyze';
import { RULES } from '../server/src/analyzer/rules/index';
import { scan } from '../server/src/project/scan';

const ROOT = path.resolve(__dirname, '..', '..');

interface Example {
  expect: 'report' | 'clean';
  language: string;
  code: string;
  line: number;
  /** For a project example: its files by path. */
  files?: Map<string, string>;
}

const CODE = /^(ts|typescript|js|javascript|tsx|jsx)$/;
const OTHER: Record<string, string> = { json: 'package.json', dockerfile: 'Dockerfile', dotenv: '.env', env: '.env', properties: '.env' };

/** Code blocks grouped by the nearest ❌ / ✅ heading above them. */
export function docsExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  let expect: Example['expect'] | undefined;
  let project: Example | undefined;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(lines[i]);
    if (heading) {
      expect = heading[2].includes('❌') ? 'report' : heading[2].includes('✅') ? 'clean' : undefined;
      project = undefined;
      continue;
    }
    const fence = /^```(\w+)(?:\s+title="([^"]+)")?\s*$/.exec(lines[i]);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    const code = lines.slice(start, end).join('\n');
    const [, language, title] = fence;
    i = end;
    // A titled block of any language is a file of the example's project (`.gitignore`, `.dockerignore`).
    if (!expect || !(CODE.test(language) || language in OTHER || title !== undefined)) continue;
    if (title !== undefined) {
      if (!project || project.files!.has(title)) {
        project = { expect, language: 'project', code: '', line: start, files: new Map() };
        examples.push(project);
      }
      project.files!.set(title, `${code}\n`);
    } else if (CODE.test(language)) {
      examples.push({ expect, language, code, line: start });
    } else {
      examples.push({ expect, language: 'project', code: '', line: start, files: new Map([[OTHER[language], `${code}\n`]]) });
    }
  }
  return examples;
}

/** The findings of `ruleId` when a project example is written to disk (inside a git work tree) and scanned. */
function scanExample(files: Map<string, string>, ruleId: string): string[] {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-docs-')));
  try {
    fs.mkdirSync(path.join(dir, '.git'));
    if (!files.has('package.json')) fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "example", "private": true }\n');
    for (const [file, text] of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const result = scan([dir]);
    return result.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === ruleId).map((d) => `${path.relative(dir, f.file)}:${d.line}: ${d.message}`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
          if (example.files) {
            const found = scanExample(example.files, rule.id);
            if (example.expect === 'report') assert.ok(found.length > 0, `expected ${rule.id} to report in ${[...example.files.keys()].join(', ')}`);
            else assert.deepEqual(found, [], `expected no ${rule.id} finding`);
            return;
          }
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
