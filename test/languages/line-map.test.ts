import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineMap } from '../../server/src/analyzer/languages/line-map';

describe('LineMap', () => {
  it('maps offsets to the positions an LSP client computes, for LF, CRLF and lone CR', () => {
    for (const text of ['a\nbc\n\nd', 'a\r\nbc\r\n\r\nd', 'a\rbc\r\rd', 'x\r\ny\nz\rw', '']) {
      const map = new LineMap(text);
      const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
      for (let offset = 0; offset <= text.length; offset++) {
        assert.deepEqual(map.positionOf(offset), doc.positionAt(offset), `offset ${offset} of ${JSON.stringify(text)}`);
        const back = map.offsetOf(map.positionOf(offset));
        // An offset between \r and \n maps to the end of its line, as in TextDocument.
        assert.equal(back, doc.offsetAt(doc.positionAt(offset)));
      }
      assert.equal(map.lineCount, doc.lineCount);
    }
  });

  it('does not count a byte-order mark as a column of the first line (editors strip it)', () => {
    const map = new LineMap('\uFEFFab\ncd');
    assert.deepEqual(map.positionOf(1), { line: 0, character: 0 });
    assert.deepEqual(map.positionOf(3), { line: 0, character: 2 });
    assert.deepEqual(map.positionOf(5), { line: 1, character: 1 });
    assert.equal(map.offsetOf({ line: 0, character: 0 }), 1);
    // Raw columns (dockerfile-ast's) count it.
    assert.equal(map.offsetAt(0, 1), 1);
  });

  it('gives line starts, ends without the break, and the newline in use', () => {
    const map = new LineMap('ab\r\ncd\r\n');
    assert.equal(map.lineStart(1), 4);
    assert.equal(map.lineEnd(0), 2);
    assert.equal(map.lineEnd(1), 6);
    assert.equal(map.newline, '\r\n');
    assert.equal(new LineMap('a\nb').newline, '\n');
    assert.equal(new LineMap('a').newline, '\n');
  });
});
