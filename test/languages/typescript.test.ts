import assert from 'node:assert/strict';
import ts from 'typescript';
import fs from 'node:fs';
import path from 'node:path';
import { linkTree, parseTypeScript, parseUnlinked, scriptKindOf, typescriptLanguage, updateTypeScript } from '../../server/src/analyzer/languages/typescript';
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

  describe('linking parents in our own pass (TypeScript\'s costs twice as much)', () => {
    const samples: Array<[string, string]> = [
      ['jsdoc.ts', '/** @param {string} a the thing\n * @returns {number} */\nexport function f(a: string): number { return a.length; }\n/** @type {import("x").Y} */ let y;'],
      ['view.tsx', 'export const V = ({ a }: { a: string }) => <div className={a}>{a ? <b>{`t ${a}`}</b> : null}<>x</></div>;'],
      ['decorated.ts', '@Injectable() class S { constructor(@Inject(T) private t: T) {} @Get(":id") get(@Param() p: P) { return this.t?.[p]!; } }'],
      ['types.ts', 'type M<T> = { [K in keyof T]?: T[K] extends infer U ? U[] : never }; enum E { A = 1 } namespace N { export import X = Y.Z; }'],
      ['chain.js', `const s = ${Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' + ')};`],
      ['broken.ts', 'function (a, { b = [c, ...d] } = {}) => { if (x) { return <T>(y as any) } else'],
      ['module.mjs', 'import a, * as b from "c"; export { d as default } from "e"; export * from "f"; label: for (const x of await g()) break label;'],
    ];
    const root = path.join(__dirname, '..', '..', '..', 'server', 'src', 'analyzer');
    for (const name of fs.readdirSync(root).filter((f) => f.endsWith('.ts'))) samples.push([name, fs.readFileSync(path.join(root, name), 'utf8')]);

    /** Every node's kind, span and parent's kind and span, in forEachChild's pre-order. */
    const parents = (sf: ts.SourceFile): string[] => {
      const out: string[] = [];
      const stack: ts.Node[] = [sf];
      while (stack.length > 0) {
        const node = stack.pop() as ts.Node;
        out.push(`${node.kind}@${node.pos}-${node.end}<${node.parent ? `${node.parent.kind}@${node.parent.pos}-${node.parent.end}` : '-'}`);
        const children: ts.Node[] = [];
        ts.forEachChild(node, (child) => {
          children.push(child);
        });
        stack.push(...children.reverse());
      }
      return out;
    };

    it('gives every node the parent TypeScript gives it, on JSDoc, JSX, decorators, types, broken code and real sources', () => {
      const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
      assert.ok(samples.length > 20, 'the analyzer sources were found');
      for (const [name, text] of samples) {
        const theirs = ts.createSourceFile(name, text, options, true, scriptKindOf(name));
        assert.deepEqual(parents(parseTypeScript(name, text)), parents(theirs), name);
      }
    });

    it('lists the nodes in pre-order, children in source order, and says when the tree is deeper than asked', () => {
      const sf = parseUnlinked('a.ts', 'f(a, g(b)); const c = 1;');
      assert.equal((sf.statements[0] as ts.ExpressionStatement).expression.parent, undefined, 'unlinked below the root');
      const order: ts.Node[] = [];
      assert.equal(linkTree(sf, order, 1000), false);
      assert.deepEqual(order.map((n) => ts.isIdentifier(n) ? n.text : ts.SyntaxKind[n.kind]).slice(0, 8), [
        'ExpressionStatement', 'CallExpression', 'f', 'a', 'CallExpression', 'g', 'b', 'FirstStatement', // VariableStatement's first name
      ]);
      assert.equal(order.length, parents(sf).length - 1, 'every node below the root, once');
      assert.equal(linkTree(parseUnlinked('a.ts', 'f(a);'), undefined, 2), true, 'the call at depth 2 has children');
      assert.equal(linkTree(parseUnlinked('a.ts', 'f(a);'), undefined, 3), false, 'nothing at depth 3 has children');
    });
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
