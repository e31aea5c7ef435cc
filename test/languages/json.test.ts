import assert from 'node:assert/strict';
import { jsonEntries, jsonLanguage, jsonProperty, parseJson } from '../../server/src/analyzer/languages/json';
import { LineMap } from '../../server/src/analyzer/languages/line-map';

describe('JSON language', () => {
  it('parses with offsets, through a byte-order mark and CRLF', () => {
    const text = '\uFEFF{\r\n  "name": "api",\r\n  "scripts": { "start": "node ." }\r\n}\r\n';
    const tree = parseJson(text);
    assert.deepEqual(tree.errors, []);
    const start = jsonProperty(jsonProperty(tree.root, 'scripts'), 'start')!;
    assert.equal(text.slice(start.offset, start.offset + start.length), '"node ."');
    assert.deepEqual(new LineMap(text).positionOf(start.offset), { line: 2, character: 24 });
    assert.deepEqual(jsonEntries(tree.root).map(([key]) => key.value), ['name', 'scripts']);
  });

  it('keeps what parsed of a half-typed file, with its errors', () => {
    const tree = parseJson('{ "name": "api", "dependencies": { "express": ');
    assert.ok(tree.errors.length > 0);
    assert.equal(jsonProperty(tree.root, 'name')?.value, 'api');
    assert.doesNotThrow(() => parseJson(''));
    assert.equal(parseJson('').root, undefined);
  });

  it('walks every node in source order', () => {
    const kinds: string[] = [];
    jsonLanguage.walk(parseJson('{"a":[1,"x"]}'), (node) => kinds.push(node.type));
    assert.deepEqual(kinds, ['object', 'property', 'string', 'array', 'number', 'string']);
  });

  it('reads package.json and the config file, no other JSON, and has no comments', () => {
    assert.ok(jsonLanguage.matches('apps/api/package.json'));
    assert.ok(jsonLanguage.matches('.twelvefactorrc.json'));
    assert.ok(!jsonLanguage.matches('tsconfig.json'));
    assert.ok(!jsonLanguage.matches('package.json5'));
    assert.equal(jsonLanguage.comments, undefined);
  });
});
