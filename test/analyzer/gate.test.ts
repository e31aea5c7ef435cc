// The rules' text gates (ast.ts `textGate`): one scan per file decides which rules can skip it. A gate that misses a
// word would silently drop findings, so the scanner must find every word the regular expression it replaced finds.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { bracketDepthAndGateWords, gateReferenceWords, gateWordsIn, textGate } from '../../server/src/analyzer/ast';
import { bracketDepth } from '../../server/src/analyzer/limits';
import { RULES } from '../../server/src/analyzer/rules/index';
import { walkSourceFiles } from '../../server/src/project/files';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function missing(text: string): string[] {
  const found = gateWordsIn(text);
  return [...gateReferenceWords(text)].filter((word) => !found.has(word));
}

describe('text gates', function () {
  this.timeout(120_000);

  it('are registered by the rules (the scan has words to look for)', function () {
    assert.ok(RULES.length > 0);
    const words = gateWordsIn("import winston from 'winston'; process.on('SIGTERM', () => server.listen(port));");
    for (const word of ['winston', 'listen']) assert.ok(words.has(word), `${word} in ${[...words].join(', ')}`);
  });

  it('find whole words only at word boundaries, names anywhere, and longer words with the words inside them', function () {
    const mayPort = textGate([], ['port']);
    const mayMod = textGate(['zz-gate-module'], []);
    assert.equal(mayPort('const port = 3000;'), true);
    assert.equal(mayPort('import x from "y"; report(); passports;'), false, 'inside longer identifiers');
    assert.equal(mayPort('$port'), true, 'as \\b has it, $ is not a word character');
    assert.equal(mayMod("require('@acme/zz-gate-module/sub')"), true);
    assert.equal(mayMod("require('zz-gate-modul')"), false);
    assert.equal(mayPort('const p\\u006frt = 1;'), true, 'escapes pass every gate');
    const mayEnv = textGate([], [], ['zzenv']);
    assert.equal(mayEnv('a.zzenv'), true, 'an ending at the end of a word');
    assert.equal(mayEnv('myzzenv;'), true, 'an ending after other letters');
    assert.equal(mayEnv('zzenvironment'), false, 'not inside a longer word');
  });

  it('find every word the reference regular expression finds, over the repository and crafted edge cases', function () {
    const crafted = [
      '',
      'p',
      'winston-loggly-bulk winstonX Xwinston _winston winston_',
      'process.env.NODE_ENV in_production inProduction',
      'createWriteStream(fs) child_process.exec("git pull")',
      'ünïcödé winston — 日本語 listen',
      'a'.repeat(10_000) + 'listen',
      '(',
      'x(',
      '((ü',
      '{'.repeat(300) + '}'.repeat(299),
      'p\\u006frt((',
      'process.env; nodeEnv environment envy Env_ xenv',
    ];
    for (const text of crafted) {
      assert.deepEqual(missing(text), [], JSON.stringify(text.slice(0, 60)));
      assert.equal(bracketDepthAndGateWords(text), bracketDepth(text), `bracket depth of ${JSON.stringify(text.slice(0, 60))}`);
    }
    let files = 0;
    for (const dir of ['server/src', 'test/fixtures', 'examples', 'node_modules/express/lib', 'node_modules/winston/lib', 'node_modules/pino/lib']) {
      for (const file of walkSourceFiles(path.join(ROOT, dir))) {
        const text = fs.readFileSync(file, 'utf8');
        assert.deepEqual(missing(text), [], path.relative(ROOT, file));
        assert.equal(bracketDepthAndGateWords(text), bracketDepth(text), `bracket depth of ${path.relative(ROOT, file)}`);
        files++;
      }
    }
    assert.ok(files > 100, `${files} files compared`);
  });
});
