// The dotenv parser against the two readers programs use: the `dotenv` package and Node's own
// (`util.parseEnv`, the parser behind `process.loadEnvFile` and `node --env-file`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import dotenv from 'dotenv';
import { isDotenvFileName, parseDotenv } from '../../server/src/analyzer/languages/dotenv';
import { LineMap } from '../../server/src/analyzer/languages/line-map';

/** Last value wins, as when a program loads the file. */
function values(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of parseDotenv(text).entries) out[entry.key] = entry.value;
  return out;
}

const parseEnv = (util as unknown as { parseEnv?: (text: string) => Record<string, string> }).parseEnv;

/** Texts where dotenv and Node agree: ours must give exactly what both give. */
const AGREED = [
  'A=1',
  'A = 1 ',
  'export A=1',
  'A=1 # comment',
  'A="1 # not a comment"',
  "A='single'",
  'A=`backtick`',
  'A="a\\nb"',
  "A='a\\nb'",
  'A="multi\nline"',
  "A='multi\nline'",
  'A',
  'A=',
  'A= ',
  'A.B=1\nA-B=2\na=3',
  'A=1\r\nB=2\r\n',
  'A=x"y"',
  'A=#empty',
  'A=a#b',
  'A= "x"',
  'A=1\nA=2',
  '  A=1',
  'A==x',
  '1A=x',
  'A=${B}',
  'A=x\tB',
  "A=''",
  'A=""',
  'export A',
  'A =  1  # x',
  'A="a" # c',
  '# only a comment\nA=1\n\n# another\nB=two words\n',
  'DATABASE_URL=postgres://user:pass@db:5432/app?sslmode=require',
  'PRIVATE_KEY="-----BEGIN KEY-----\nabc\n-----END KEY-----"\nNEXT=1',
];

/**
 * Where the two readers part, ours follows dotenv (the library most programs load `.env` with). Node 20's parser
 * reads `#A=1` as a key `#A`, keeps a byte-order mark in the first key, does not split on a lone CR, reads
 * `A: 1` as nothing, and takes the first quoted part of `A="x" junk`.
 */
const DOTENV_ONLY = ['#A=1', ' #A=1', 'A: 1', '\uFEFFA=1', 'A=1\rB=2', 'A="x" junk', 'A="unterminated', 'export  A=1', 'A="x\\"y"', 'A B=1'];

describe('dotenv language', () => {
  describe('values, as dotenv and process.loadEnvFile read them', () => {
    for (const text of AGREED) {
      it(JSON.stringify(text), () => {
        const ours = values(text);
        assert.deepEqual(ours, { ...dotenv.parse(text) }, 'dotenv');
        if (parseEnv) assert.deepEqual(ours, { ...parseEnv(text) }, 'util.parseEnv');
      });
    }
    for (const text of DOTENV_ONLY) {
      it(`${JSON.stringify(text)} (as dotenv; Node differs)`, () => {
        assert.deepEqual(values(text), { ...dotenv.parse(text) });
      });
    }

    it('agrees with process.loadEnvFile, file by file (it and util.parseEnv are one parser)', function () {
      if (typeof (process as unknown as { loadEnvFile?: unknown }).loadEnvFile !== 'function') this.skip();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-dotenv-'));
      const files = AGREED.map((text, i) => {
        const file = path.join(dir, `case-${i}.env`);
        fs.writeFileSync(file, text);
        return file;
      });
      // Each file loaded into an environment of its own: what it added, then removed again.
      const script = `const out = []; for (const file of ${JSON.stringify(files)}) { const before = new Set(Object.keys(process.env)); process.loadEnvFile(file); const added = {}; for (const k of Object.keys(process.env)) if (!before.has(k)) { added[k] = process.env[k]; delete process.env[k]; } out.push(added); } process.stdout.write(JSON.stringify(out));`;
      const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: {} });
      fs.rmSync(dir, { recursive: true, force: true });
      assert.equal(child.status, 0, child.stderr);
      const loaded = JSON.parse(child.stdout) as Array<Record<string, string>>;
      AGREED.forEach((text, i) => assert.deepEqual(values(text), loaded[i], JSON.stringify(text)));
    });
  });

  describe('positions', () => {
    it('gives the key and the value as written, quotes included', () => {
      const text = 'export API_URL = "https://x.test" # comment\nEMPTY=\n';
      const [url, empty] = parseDotenv(text).entries;
      assert.equal(text.slice(url.keyStart, url.keyEnd), 'API_URL');
      assert.equal(text.slice(url.valueStart, url.valueEnd), '"https://x.test"');
      assert.equal(url.quote, '"');
      assert.equal(url.exported, true);
      assert.equal(text.slice(url.start, url.end), 'export API_URL = "https://x.test"');
      assert.equal(empty.value, '');
      assert.equal(empty.valueStart, empty.valueEnd);
      assert.equal(empty.valueStart, text.indexOf('EMPTY=') + 'EMPTY='.length);
    });

    it('keeps offsets of the original text with CRLF, lone CR and a byte-order mark', () => {
      const text = '\uFEFFA=1\r\nB="two\r\nlines"\rC=3\r\n';
      const entries = parseDotenv(text).entries;
      const map = new LineMap(text);
      assert.deepEqual(
        entries.map((e) => [e.key, text.slice(e.keyStart, e.keyEnd), text.slice(e.valueStart, e.valueEnd), map.positionOf(e.keyStart)]),
        [
          ['A', 'A', '1', { line: 0, character: 0 }],
          ['B', 'B', '"two\r\nlines"', { line: 1, character: 0 }],
          ['C', 'C', '3', { line: 3, character: 0 }],
        ],
      );
      assert.equal(entries[1].value, 'two\nlines');
    });

    it('finds whole-line comments, not a # inside a quoted value', () => {
      const text = '# top\nA="x\n# inside\n"\n  # indented\nB=1 # trailing\n';
      const comments = parseDotenv(text).comments.map((c) => text.slice(c.start, c.end));
      assert.deepEqual(comments, ['# top', '# indented']);
    });
  });

  it('recognises .env files by name, not direnv scripts or swap files', () => {
    for (const name of ['.env', '.env.example', '.env.production.local', 'apps/api/.env.test', 'docker/app.env', 'C:\\x\\.env']) {
      assert.ok(isDotenvFileName(name), name);
    }
    for (const name of ['.envrc', 'env.ts', '.env.swp', '.env.license', 'docker/.env.local.license', 'create/templates/.env.hbs', '.env.example.ejs', 'environment.ts', 'src/env', 'dotenv.js']) assert.ok(!isDotenvFileName(name), name);
  });

  it('survives random text without throwing', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const alphabet = 'AB_=#"\'` \t\r\n\\x$.-:export';
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let i = 0; i < 40; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const ours = values(text);
      assert.deepEqual(ours, { ...dotenv.parse(text) }, JSON.stringify(text));
      for (const entry of parseDotenv(text).entries) {
        assert.ok(entry.keyStart < entry.keyEnd && entry.keyEnd <= entry.valueStart && entry.valueStart <= entry.valueEnd && entry.valueEnd <= text.length);
      }
    }
  });
});
