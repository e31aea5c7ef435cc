import assert from 'node:assert/strict';
import ts from 'typescript';
import { parseTypeScript, scriptKindOf, typescriptLanguage, updateTypeScript } from '../../server/src/analyzer/languages/typescript';
import { LineMap } from '../../server/src/analyzer/languages/line-map';

describe('TypeScript language', () => {
  it('parses by extension, leaving declaration files out', () => {
    assert.equal(scriptKindOf('a.tsx'), ts.ScriptKind.TSX);
    assert.equal(scriptKindOf('a.mjs'), ts.ScriptKind.JS);
    assert.equal(scriptKindOf('a.d.ts'), undefined);
    assert.equal(scriptKindOf('Dockerfile'), undefined);
    assert.ok(typescriptLanguage.matches('src/server.cts'));
  });

  it('walks every node in source order, deep nesting included', () => {
    const names: string[] = [];
    typescriptLanguage.walk(parseTypeScript('a.ts', 'const a = b(c);'), (node) => {
      if (ts.isIdentifier(node)) names.push(node.text);
    });
    assert.deepEqual(names, ['a', 'b', 'c']);
    const deep = `${'('.repeat(400)}1${')'.repeat(400)};`;
    let count = 0;
    assert.doesNotThrow(() => typescriptLanguage.walk(parseTypeScript('deep.ts', deep), () => count++));
    assert.ok(count > 400);
  });

  it('updates a tree incrementally to the same shape as a fresh parse', () => {
    const before = 'const a = 1;\nconsole.log(a);\n';
    const tree = parseTypeScript('a.ts', before);
    const after = before.replace('1', '22');
    const updated = updateTypeScript(tree, after, { start: before.indexOf('1'), length: 1, newLength: 2 })!;
    const shape = (sf: ts.SourceFile) => {
      const out: string[] = [];
      typescriptLanguage.walk(sf, (node) => out.push(`${ts.SyntaxKind[node.kind]}@${node.getStart(sf)}`));
      return out.join(' ');
    };
    assert.equal(shape(updated), shape(parseTypeScript('a.ts', after)));
  });

  it('keeps positions right with CRLF and a byte-order mark', () => {
    const text = '\uFEFFconst a = 1;\r\nconsole.log(a);\r\n';
    const sf = parseTypeScript('a.ts', text);
    const map = new LineMap(text);
    const call = (sf.statements[1] as ts.ExpressionStatement).expression;
    assert.deepEqual(map.positionOf(call.getStart(sf)), { line: 1, character: 0 });
    assert.deepEqual(map.positionOf(sf.statements[0].getStart(sf)), { line: 0, character: 0 });
  });

  it('puts a file-wide comment after a shebang', () => {
    assert.equal(typescriptLanguage.headerEnd('#!/usr/bin/env node\nx();', parseTypeScript('a.ts', '')), 20);
    assert.equal(typescriptLanguage.headerEnd('x();', parseTypeScript('a.ts', '')), 0);
  });
});
