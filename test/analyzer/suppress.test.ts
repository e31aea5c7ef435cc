// Directive parsing: real comments count, directive text quoted in other comments or strings does not.
import assert from 'node:assert/strict';
import { analyze, parse } from '../../server/src/analyzer/analyze';
import { parseDirectives } from '../../server/src/analyzer/suppress';

function directives(code: string) {
  return parseDirectives(code, parse('src/a.ts', code)).map((d) => ({ kind: d.kind, rules: d.rules, targetLine: d.targetLine }));
}

describe('parseDirectives', () => {
  it('reads both forms with rule lists and reasons', () => {
    assert.deepEqual(
      directives('// twelve-factor-disable-next-line a/b, c/d -- why\nx();\n/* twelve-factor-disable e/f */\n'),
      [
        { kind: 'next-line', rules: ['a/b', 'c/d'], targetLine: 1 },
        { kind: 'disable', rules: ['e/f'], targetLine: 3 },
      ],
    );
  });

  it('ignores directive syntax quoted inside another comment (regression: docs in suppress.ts read as directives)', () => {
    const code = [
      '// Disable comments: `// twelve-factor-disable-next-line <rule>` silences the next line,',
      '/**',
      ' * `/* twelve-factor-disable <rule> */` silences the file.',
      ' */',
      "const s = '// twelve-factor-disable-next-line logs/no-console';",
      'const t = `/* twelve-factor-disable x/y */`;',
    ].join('\n');
    assert.deepEqual(directives(code), []);
  });

  it('reads a directive after code on the same line', () => {
    assert.deepEqual(directives("foo(); /* twelve-factor-disable a/b */\n"), [{ kind: 'disable', rules: ['a/b'], targetLine: 1 }]);
  });

  it('ignores directive text on its own line inside a multi-line template literal (issue 7: fix-all changed the string)', () => {
    const code = 'const help = `\nUsage:\n// twelve-factor-disable-next-line logs/no-console\n/* twelve-factor-disable */\n`;\nconsole.log(help);\n';
    assert.deepEqual(directives(code), []);
    const result = analyze({ fileName: 'src/a.ts', text: code });
    assert.deepEqual(result.findings.filter((f) => f.ruleId === 'codebase/no-unused-disable'), []);
    assert.ok(result.findings.some((f) => f.ruleId === 'logs/no-console'), 'the text silences nothing');
  });
});
