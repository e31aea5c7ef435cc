// Hostile input for the analyzer itself (issue 7): generated deep, huge and half-typed files, random bytes and a
// rule that throws. Asserts what a user would see: no exception, a one-line reason on the file that could not be
// analyzed, every other finding still there, one finding per rule and range. Bounded: the cases are sized so the
// whole file runs in a few seconds, and a generator seed makes every run the same.
import assert from 'node:assert/strict';
import ts from 'typescript';
import { analyze, type AnalyzeResult } from '../../server/src/analyzer/analyze';
import { DEFAULT_CONFIG, parseConfig } from '../../server/src/analyzer/config';
import { editsOverlap, editsFor } from '../../server/src/analyzer/fixes/edits';
import { MAX_NESTING, MAX_TREE_DEPTH } from '../../server/src/analyzer/limits';
import { defineRule } from '../../server/src/analyzer/rule';
import { RULE_IDS, RULES, regexOptionsOf } from '../../server/src/analyzer/rules/index';
import { compileUserPattern, MAX_PATTERN_INPUT } from '../../server/src/analyzer/user-regex';

const everywhere = { ...DEFAULT_CONFIG, includeTestsAndScripts: true };
const CONSOLE = "console.log('deep');";

function run(text: string, fileName = 'src/app.ts'): AnalyzeResult {
  const result = analyze({ fileName, text, config: everywhere });
  for (const failure of result.ruleFailures ?? []) assert.fail(`rule ${failure.ruleId} threw: ${failure.message}`);
  return result;
}

/** A deterministic pseudo-random generator (mulberry32), so a failing case can be run again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('analyzer robustness (issue 7)', function () {
  this.timeout(20_000);

  describe('deep nesting: one line on the file, never a stack overflow', () => {
    const deep: Array<[string, (n: number) => string]> = [
      ['nested callbacks', (n) => 'f(function () {\n'.repeat(n) + CONSOLE + '\n});'.repeat(n)],
      ['nested arrow callbacks', (n) => 'f(() => {\n'.repeat(n) + CONSOLE + '\n});'.repeat(n)],
      ['nested arrays', (n) => `${CONSOLE}\nx = ${'['.repeat(n)}${']'.repeat(n)};`],
      ['nested objects', (n) => `${CONSOLE}\nx = ${'{ a:\n'.repeat(n)}1${'}'.repeat(n)};`],
    ];
    for (const [name, make] of deep) {
      it(`${name}: under the limit analyzed, over it reported as not analyzed`, () => {
        const shallow = run(make(100));
        assert.equal(shallow.failed, undefined);
        assert.ok(shallow.findings.some((f) => f.ruleId === 'logs/no-console'), 'the console call is still found');
        const tooDeep = run(make(1000));
        assert.match(tooDeep.failed ?? '', new RegExp(`nested \\d+ deep, beyond the limit of ${MAX_NESTING}; not analyzed`));
        assert.deepEqual(tooDeep.findings, []);
      });
    }

    const chains: Array<[string, (n: number) => string]> = [
      ['a + chain', (n) => `const s = ${Array(n).fill("'a'").join(' +\n')};\n${CONSOLE}`],
      ['a || chain', (n) => `const p = ${Array(n).fill('process.env.A').join(' ||\n')} || 'app.log';\n${CONSOLE}`],
      ['a member chain', (n) => `x = a${'\n.b'.repeat(n)};\n${CONSOLE}`],
      ['a .then chain', (n) => `p${'\n.then(() => 1)'.repeat(n)};\n${CONSOLE}`],
      ['a comma chain of console calls', (n) => `x = (${Array(n).fill(CONSOLE.slice(0, -1)).join(',\n')});`],
      ['an else-if chain', (n) => `if (a) b();\n${'else if (process.env.X) c();\n'.repeat(n)}${CONSOLE}`],
    ];
    for (const [name, make] of chains) {
      it(`${name} (no brackets nest): analyzed below ${MAX_TREE_DEPTH} levels, reported beyond`, () => {
        const ok = run(make(400));
        assert.equal(ok.failed, undefined);
        assert.ok(ok.findings.some((f) => f.ruleId === 'logs/no-console'));
        const long = run(make(20_000));
        assert.ok(long.failed !== undefined, 'a 20,000-term chain is not analyzed');
        assert.match(long.failed, /not analyzed$/);
      });
    }

    it('a chain the parser itself cannot take (20,000 nested unary operators) is caught', () => {
      const result = run(`x = ${'!\n'.repeat(20_000)}a;\n`);
      assert.ok(result.failed !== undefined);
      assert.match(result.failed, /nest/);
    });

    it('a constant defined by itself (const a = "x" + a) neither recurses forever nor hangs', () => {
      const result = run("const fs = require('fs');\nconst a = 'x' + a;\nfs.appendFileSync(a + '.log', s);\nconst b = c || b;\nfs.appendFileSync(b, s);\n");
      assert.equal(result.failed, undefined);
    });

    it('after a file the parser gave up on, the next file parses as before', () => {
      const text = "import express from 'express';\nconst app = express();\napp.listen(3000);\n";
      const before = run(text).findings.map((f) => `${f.ruleId}@${f.start}`);
      run(`x = ${'!\n'.repeat(20_000)}a;\n`);
      assert.deepEqual(run(text).findings.map((f) => `${f.ruleId}@${f.start}`), before);
    });
  });

  describe('a rule that throws costs only its own findings', () => {
    const broken = defineRule({
      id: 'logs/broken-test-rule',
      factor: 'logs',
      severity: 'warning',
      description: 'throws on every call expression',
      messages: { never: 'never' },
      skipIn: [],
      create: () => ({
        visit: {
          CallExpression: () => {
            throw new TypeError("Cannot read properties of undefined (reading 'text')");
          },
        },
      }),
    });
    const code = "console.log('a');\nconsole.log('b');\n";

    it('lists the rule with the reason in one line, keeps the other rules findings', () => {
      const rules = [broken, ...RULES];
      const result = analyze({ fileName: 'src/app.ts', text: code, config: everywhere, rules });
      assert.deepEqual(result.ruleFailures, [
        { ruleId: 'logs/broken-test-rule', message: "Cannot read properties of undefined (reading 'text')" },
      ]);
      assert.equal(result.findings.filter((f) => f.ruleId === 'logs/no-console').length, 2);
      assert.ok(!result.findings.some((f) => f.ruleId === ('logs/broken-test-rule' as string)));
    });

    it('a rule that meets the same node twice reports it once (one finding per rule and range)', () => {
      const twice = defineRule({
        id: broken.id,
        factor: broken.factor,
        severity: broken.severity,
        description: broken.description,
        skipIn: broken.skipIn,
        messages: { seen: 'seen' },
        create: (ctx) => {
          const report = (node: ts.Node) => ctx.report(node, 'seen');
          return { visit: { CallExpression: report, ExpressionStatement: (node) => report((node as ts.ExpressionStatement).expression) } };
        },
      });
      const result = analyze({ fileName: 'src/app.ts', text: code, config: everywhere, rules: [twice] });
      assert.equal(result.findings.length, 2, 'one per call, not two');
    });

    it('a rule that throws in create() is isolated the same way', () => {
      const failing = { ...broken, create: () => { throw new Error('bad options\n    at stack line'); } };
      const result = analyze({ fileName: 'src/app.ts', text: code, config: everywhere, rules: [failing, ...RULES] });
      assert.deepEqual(result.ruleFailures, [{ ruleId: 'logs/broken-test-rule', message: 'bad options' }]);
      assert.equal(result.findings.filter((f) => f.ruleId === 'logs/no-console').length, 2);
    });
  });

  describe('random and half-typed input', () => {
    const VOCABULARY = [
      'console', '.', 'log', '(', ')', '{', '}', '[', ']', ',', ';', '=', '=>', '+', '||', '??', '?', ':', 'process', 'env',
      'PORT', 'app', 'listen', '3000', "'localhost'", "'postgres://u:p@db/x'", "'hunter2hunter2'", 'password', 'const', 'let',
      'function', 'async', 'await', 'new', 'Map', 'fs', 'writeFileSync', "'data.json'", "'app.log'", 'require', "'express'",
      'import', 'from', 'export', 'class', 'extends', 'if', 'else', 'return', '`${', '}`', '/*', '*/', '//', '\n', 'SIGTERM',
      '// twelve-factor-disable-next-line', 'logs/no-console', 'session', "'express-session'", 'new Map()', 'req', 'res',
    ];

    it('token soup: 300 generated files, no exception, one finding per rule and range, fixes that do not collide', () => {
      const next = random(7);
      for (let i = 0; i < 300; i++) {
        const length = 20 + Math.floor(next() * 200);
        let text = '';
        for (let t = 0; t < length; t++) text += VOCABULARY[Math.floor(next() * VOCABULARY.length)] + (next() < 0.3 ? ' ' : '');
        const result = run(text, i % 2 === 0 ? 'src/soup.ts' : 'src/soup.jsx');
        const keys = result.findings.map((f) => `${f.ruleId}@${f.start}:${f.end}`);
        assert.equal(new Set(keys).size, keys.length, `duplicate findings in case ${i}: ${text}`);
        for (const finding of result.findings) {
          for (const fix of finding.fixes) {
            assert.ok(!editsOverlap(editsFor(fix)), `a fix with overlapping edits in case ${i}: ${text}`);
          }
        }
      }
    });

    it('random bytes: skipped as binary or analyzed, never thrown', () => {
      const next = random(11);
      for (let i = 0; i < 50; i++) {
        const bytes = Buffer.from(Array.from({ length: 2000 }, () => Math.floor(next() * 256)));
        const result = run(bytes.toString('utf8'), 'src/noise.js');
        assert.ok(result.skipped !== undefined || result.failed !== undefined || Array.isArray(result.findings));
      }
    });
  });

  describe('regular-expression options', () => {
    it('accepts the patterns people write', () => {
      for (const source of ['^test', 'example', '^(dummy|fake|changeme)$', '^sk_test_[A-Za-z0-9]+$', '^[a-z]+-[a-z]+$', '^\\d+\\.\\d+$', '(a|b)*c', '^(?:[a-z0-9]+\\.)+com$']) {
        assert.equal(compileUserPattern(source).error, undefined, source);
      }
    });

    it('refuses shapes that backtrack without bound, saying why', () => {
      const cases: Array<[string, RegExp]> = [
        ['(a+)+$', /exponential/],
        ['^(\\w+\\s?)*$', /exponential/],
        ['(a|ab)*c', /alternatives that can start with the same character/],
        ['\\s*\\s*x', /one after another/],
        ['.*foo.*', /one after another/],
        ['(a)\\1', /backreference/],
        ['[', /not a valid regular expression/],
      ];
      for (const [source, message] of cases) assert.match(compileUserPattern(source).error ?? '', message, source);
    });

    it('an accepted pattern sees a bounded input: a 200,000-character value is matched on its start', () => {
      const compiled = compileUserPattern('^\\s*\\s*x');
      assert.ok(compiled.pattern);
      assert.equal(compiled.pattern.test(' '.repeat(200_000)), false);
      assert.equal(compileUserPattern('^a+$').pattern?.test(`${'a'.repeat(MAX_PATTERN_INPUT)}b`), true, 'only the first characters count');
    });

    it('the config parser reports a bad ignoreValues pattern at its line; the rule ignores it', () => {
      const text = '{\n  "rules": {\n    "config/no-hardcoded-secret": ["error", {\n      "ignoreValues": ["^ok$", "(a+)+$"]\n    }]\n  }\n}\n';
      const { problems } = parseConfig(text, RULE_IDS, regexOptionsOf);
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /"config\/no-hardcoded-secret": "ignoreValues" pattern "\(a\+\)\+\$" repeats/);
      assert.equal(text.slice(0, problems[0].offset).split('\n').length, 4, 'on the line of the pattern');
    });
  });

  describe('config files', () => {
    it('ignorePatterns that name nothing are reported at their line and left out', () => {
      const text = '{\n  "ignorePatterns": [\n    "",\n    "./",\n    "/",\n    "dist/**",\n    "../x"\n  ]\n}\n';
      const { config, problems } = parseConfig(text, RULE_IDS);
      assert.deepEqual(config.ignorePatterns, ['dist/**']);
      assert.deepEqual(
        problems.map((p) => [text.slice(0, p.offset).split('\n').length, p.message]),
        [
          [3, '"ignorePatterns" entry "" is empty; remove it'],
          [4, '"ignorePatterns" entry "./" names the project root itself; use "**" to ignore every file'],
          [5, '"ignorePatterns" entry "/" names the project root itself; use "**" to ignore every file'],
          [7, '"ignorePatterns" entry "../x" goes above the project root ("..")'],
        ],
      );
    });
  });
});
