// "Disable for this line" / "Disable for this file" fixes: placement, indentation, JSX, shebang, literals.
import assert from 'node:assert/strict';
import { parse } from '../../server/src/analyzer/analyze';
import { applyEdits } from '../../server/src/analyzer/fixes/edits';
import { disableFileFix, disableLineFix } from '../../server/src/analyzer/fixes/disable';
import { syntaxErrorCount } from '../support/rule-tester';

const RULE = 'logs/no-console';

function line(code: string, marker: string, fileName = 'src/app.ts'): string | undefined {
  const sourceFile = parse(fileName, code);
  const fix = disableLineFix(sourceFile, RULE, code.indexOf(marker));
  if (!fix) return undefined;
  const out = applyEdits(code, fix.edits);
  assert.ok(syntaxErrorCount(fileName, out) <= syntaxErrorCount(fileName, code), out);
  return out;
}

describe('fixes/disable', () => {
  it('inserts a next-line comment with the line indentation', () => {
    assert.equal(
      line('function f() {\n    console.log(1);\n}\n', 'console'),
      'function f() {\n    // twelve-factor-disable-next-line logs/no-console\n    console.log(1);\n}\n',
    );
  });

  it('keeps CRLF line endings', () => {
    assert.equal(line('a();\r\nconsole.log(1);\r\n', 'console'), 'a();\r\n// twelve-factor-disable-next-line logs/no-console\r\nconsole.log(1);\r\n');
  });

  it('uses {/* */} among JSX children', () => {
    const code = 'const a = (\n  <div>\n    {console.log(1)}\n  </div>\n);\n';
    assert.equal(
      line(code, 'console', 'src/a.tsx'),
      'const a = (\n  <div>\n    {/* twelve-factor-disable-next-line logs/no-console */}\n    {console.log(1)}\n  </div>\n);\n',
    );
  });

  it('uses // inside a JSX expression that starts the line', () => {
    const code = 'const a = (\n  <div>\n    {items.map(() => {\n      console.log(1);\n    })}\n  </div>\n);\n';
    assert.match(line(code, 'console', 'src/a.tsx') ?? '', /\n      \/\/ twelve-factor-disable-next-line logs\/no-console\n      console/);
  });

  it('is not offered where the line starts inside a template literal', () => {
    assert.equal(line('const q = `\n${console.log(1)}\n`;\n', 'console'), undefined);
  });

  it('adds a file-level comment at the top, after a shebang', () => {
    const sourceFile = parse('bin/run.js', '#!/usr/bin/env node\nconsole.log(1);\n');
    assert.equal(
      applyEdits(sourceFile.text, disableFileFix(sourceFile, RULE).edits),
      '#!/usr/bin/env node\n/* twelve-factor-disable logs/no-console */\nconsole.log(1);\n',
    );
    const plain = parse('src/a.ts', 'console.log(1);\n');
    assert.equal(applyEdits(plain.text, disableFileFix(plain, RULE).edits), '/* twelve-factor-disable logs/no-console */\nconsole.log(1);\n');
  });
});
