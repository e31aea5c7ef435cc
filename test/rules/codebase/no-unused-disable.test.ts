// Disable comments: honoured in both forms, and reported (with a safe removal fix) when they silence nothing.
import assert from 'node:assert/strict';
import ts from 'typescript';
import { analyze } from '../../../server/src/analyzer/analyze';
import { applyEdits, editsFor } from '../../../server/src/analyzer/fixes/edits';
import { defineRule, type RuleDefinition } from '../../../server/src/analyzer/rule';
import noUnusedDisable from '../../../server/src/analyzer/rules/codebase/no-unused-disable';
import { lineColumn } from '../../support/rule-tester';

// A stand-in with a real rule id, so the test does not depend on what the real rule reports.
const fakeConsole = defineRule({
  id: 'logs/no-console',
  factor: 'logs',
  severity: 'info',
  description: 'test stand-in reporting every console.log call',
  messages: { found: 'console' },
  skipIn: [],
  create: (ctx) => ({
    visit: {
      CallExpression: (node) => {
        const call = node as ts.CallExpression;
        if (call.expression.getText(ctx.sourceFile) === 'console.log') ctx.report(call.expression, 'found');
      },
    },
  }),
});

const rules = [fakeConsole, noUnusedDisable] as RuleDefinition[];

function run(code: string) {
  return analyze({ fileName: 'src/app.ts', text: code, rules }).findings.map((f) => ({
    ruleId: f.ruleId,
    ...lineColumn(code, f.start),
    message: f.message,
    fixes: f.fixes.map((fix) => ({ title: fix.title, safe: fix.safe, output: applyEdits(code, editsFor(fix)) })),
  }));
}

describe('codebase/no-unused-disable', () => {
  it('honours disable-next-line and reports nothing when it is used', () => {
    assert.deepEqual(run('// twelve-factor-disable-next-line logs/no-console\nconsole.log(1);\n'), []);
  });

  it('honours the block form in JSX children', () => {
    const code = 'const a = (\n  <div>\n    {/* twelve-factor-disable-next-line logs/no-console */}\n    {console.log(1)}\n  </div>\n);\n';
    assert.deepEqual(analyze({ fileName: 'src/a.tsx', text: code, rules }).findings, []);
  });

  it('honours a file-level disable from its position on, and an enable after it', () => {
    const code =
      'console.log(0);\n/* twelve-factor-disable logs/no-console */\nconsole.log(1);\n/* twelve-factor-enable logs/no-console */\nconsole.log(2);\n';
    assert.deepEqual(run(code).map((f) => [f.ruleId, f.line]), [['logs/no-console', 1], ['logs/no-console', 5]]);
  });

  it('reports a next-line comment that silences nothing, with a safe fix removing its line', () => {
    const code = 'const a = 1;\n  // twelve-factor-disable-next-line logs/no-console\nfoo();\n';
    assert.deepEqual(run(code), [
      {
        ruleId: 'codebase/no-unused-disable',
        line: 2,
        column: 38,
        message: '"logs/no-console" reports nothing here; remove it from the disable comment.',
        fixes: [{ title: 'Remove unused disable comment', safe: true, output: 'const a = 1;\nfoo();\n' }],
      },
    ]);
  });

  it('removes only the unused rule from a list', () => {
    const code = '// twelve-factor-disable-next-line logs/no-console, not/a-rule\nconsole.log(1);\n';
    const findings = run(code);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].message, 'Unknown rule "not/a-rule" in a disable comment.');
    assert.equal(findings[0].fixes[0].output, '// twelve-factor-disable-next-line logs/no-console\nconsole.log(1);\n');
  });

  it('reports a disable-all comment that silences nothing', () => {
    const findings = run('/* twelve-factor-disable */\nconst a = 1;\n');
    assert.deepEqual(findings.map((f) => [f.message, f.fixes[0].output]), [
      ['This disable comment silences nothing; remove it.', 'const a = 1;\n'],
    ]);
  });

  it('keeps the reason after -- out of the rule list', () => {
    assert.deepEqual(run('// twelve-factor-disable-next-line logs/no-console -- startup banner\nconsole.log(1);\n'), []);
  });

  it('can be turned off in the config', () => {
    const code = '// twelve-factor-disable-next-line logs/no-console\nfoo();\n';
    const findings = analyze({
      fileName: 'src/app.ts',
      text: code,
      rules,
      config: {
        rules: { 'codebase/no-unused-disable': { level: 'off', options: {} } },
        ignorePatterns: [],
        includeTestsAndScripts: false,
        maxFileSize: 1 << 20,
      },
    }).findings;
    assert.deepEqual(findings, []);
  });
});
