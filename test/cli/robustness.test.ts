// The CLI on hostile projects (issue 7), run as users run it: a child process with a deadline, so a hang fails
// the test instead of stalling the suite. Asserts exit codes, one-line messages (never a stack trace) and that
// every other file's findings are still reported.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');
const DEADLINE_MS = 20_000;
const IS_ROOT = process.getuid?.() === 0;
const CAN_MKFIFO = process.platform !== 'win32';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without the colour switches a CI machine may set (the assertions read plain output). */
const PLAIN_ENV: NodeJS.ProcessEnv = { ...process.env };
delete PLAIN_ENV.NO_COLOR;
delete PLAIN_ENV.FORCE_COLOR;

function run(args: string[], cwd: string, extra: SpawnSyncOptions = {}): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: DEADLINE_MS, env: PLAIN_ENV, ...extra });
  if (result.error) throw result.error;
  assert.notEqual(result.signal, 'SIGTERM', `timed out (a hang): ${args.join(' ')}`);
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

interface JsonReport {
  version: number;
  filesScanned: number;
  diagnostics: Array<{ file: string; ruleId: string; message: string }>;
  filesFailed?: number;
  problems?: Array<{ file: string; ruleId?: string; message: string }>;
}

function json(result: Run): JsonReport {
  try {
    return JSON.parse(result.stdout) as JsonReport;
  } catch {
    return assert.fail(`not JSON (exit ${result.code}): ${result.stdout}\n${result.stderr}`);
  }
}

/** No stack trace, no "internal error": what a user's mistake must never show. */
function assertPlain(stderr: string): void {
  assert.doesNotMatch(stderr, /\n\s+at .+:\d+:\d+\)?\n|internal error/, `a crash was shown:\n${stderr}`);
}

const temps: string[] = [];
function project(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-robust-')));
  temps.push(dir);
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

const SERVER = "import express from 'express';\nconst app = express();\napp.listen(3000);\nconsole.log('started');\n";
const SHUTDOWN = "process.on('SIGTERM', () => process.exit(0));\n";
const PACKAGE = '{ "name": "svc", "dependencies": { "express": "4.0.0" } }\n';

describe('cli robustness (issue 7)', function () {
  this.timeout(60_000);
  after(() => {
    for (const dir of temps) {
      if (IS_ROOT) fs.chmodSync(dir, 0o755);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a deep, a huge and a random-bytes file beside good ones: every good finding, the bad file named, exit 2', () => {
    const dir = project({
      'package.json': PACKAGE,
      'src/a-deep.ts': `export const x = ${'['.repeat(1000)}${']'.repeat(1000)};\nprocess.on('SIGTERM', stop);\n`,
      'src/b-chain.ts': `export const s = ${Array(20_000).fill("'a'").join(' +\n')};\n`,
      'src/c-noise.js': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      'src/d-bundle.js': `${'var a=1;\n'.repeat(1_200_000)}`,
      'src/server.ts': SERVER,
    });
    const result = run(['--format', 'json', '.'], dir);
    assert.equal(result.code, 2);
    assertPlain(result.stderr);
    assert.match(result.stderr, /^twelve-factor-lint: 2 files could not be read or analyzed \(listed in the report\); the report is incomplete\.\n$/);
    const report = json(result);
    assert.deepEqual(Object.keys(report), ['version', 'filesScanned', 'diagnostics', 'filesFailed', 'problems']);
    assert.deepEqual(
      report.diagnostics.filter((d) => d.file === 'src/server.ts').map((d) => d.ruleId).sort(),
      ['logs/no-console', 'port-binding/no-hardcoded-port'],
      'the server file is fully reported; the SIGTERM handler in the deep file still counts (no false handle-sigterm)',
    );
    assert.equal(report.filesFailed, 2);
    assert.deepEqual(report.problems, [
      { file: 'src/a-deep.ts', message: 'brackets nested 1000 deep, beyond the limit of 256; not analyzed' },
      { file: 'src/b-chain.ts', message: 'syntax nested more than 1000 levels deep; not analyzed' },
    ]);
  });

  it('SARIF says the run was unsuccessful and names the file', () => {
    const dir = project({ 'src/deep.js': `x = ${'('.repeat(600)}1${')'.repeat(600)};\n`, 'src/ok.js': "console.log('x');\n" });
    const result = run(['--format', 'sarif', '.'], dir);
    assert.equal(result.code, 2);
    const log = JSON.parse(result.stdout) as { runs: Array<{ invocations: Array<Record<string, unknown>>; results: unknown[] }> };
    const [invocation] = log.runs[0].invocations;
    assert.equal(invocation.executionSuccessful, false);
    assert.deepEqual(invocation.toolExecutionNotifications, [
      {
        level: 'error',
        message: { text: 'brackets nested 600 deep, beyond the limit of 256; not analyzed' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/deep.js', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
    assert.equal(log.runs[0].results.length, 1, 'the other file is reported');
  });

  it('stylish lists what could not be analyzed and never says "No problems" for an incomplete run', () => {
    const dir = project({ 'src/deep.js': `x = ${'{a:'.repeat(600)}1${'}'.repeat(600)};\n` });
    const result = run(['.'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stdout, /Could not analyze 1 file completely:\n  src\/deep\.js  brackets nested 600 deep/);
    assert.doesNotMatch(result.stdout, /✔ No problems/);
    assert.match(result.stdout, /The report is incomplete/);
  });

  (CAN_MKFIFO ? describe : describe.skip)('special files', () => {
    const mkfifo = (file: string) => execFileSync('mkfifo', [file]);

    it('a FIFO named package.json, one named x.js and a link to /dev/zero: nothing blocks, each is named', () => {
      const dir = project({ 'src/server.ts': SERVER + SHUTDOWN, 'lib/package.json': '{}', 'lib/ok.js': "console.log('lib');\n" });
      fs.rmSync(path.join(dir, 'lib/package.json'));
      mkfifo(path.join(dir, 'lib/package.json'));
      mkfifo(path.join(dir, 'src/fifo.js'));
      fs.symlinkSync('/dev/zero', path.join(dir, 'src/zero.js'));
      const walked = run(['--format', 'json', '.'], dir);
      assertPlain(walked.stderr);
      const report = json(walked);
      assert.deepEqual(report.problems, [{ file: 'lib/package.json', message: 'could not be read: not a regular file (a FIFO)' }]);
      assert.ok(report.diagnostics.some((d) => d.file === 'lib/ok.js'), 'the files beside it are analyzed');
      assert.ok(report.diagnostics.some((d) => d.file === 'src/server.ts'));
      assert.equal(walked.code, 2);

      const named = json(run(['--format', 'json', 'src/fifo.js', 'src/zero.js', 'src/server.ts'], dir));
      assert.deepEqual(named.problems, [
        { file: 'src/fifo.js', message: 'could not be read: not a regular file (a FIFO)' },
        { file: 'src/zero.js', message: 'could not be read: not a regular file (a character device)' },
      ]);
      assert.ok(named.diagnostics.some((d) => d.file === 'src/server.ts'));
    });

    it('a FIFO or a folder named .twelvefactorrc.json is a config problem (exit 2), never ignored or waited on', () => {
      const fifo = project({ 'src/server.ts': SERVER });
      mkfifo(path.join(fifo, '.twelvefactorrc.json'));
      const a = run(['.'], fifo);
      assert.equal(a.code, 2);
      assert.match(a.stderr, /^twelve-factor-lint: \.twelvefactorrc\.json: could not be read: not a regular file \(a FIFO\)\n/);
      assertPlain(a.stderr);

      const folder = project({ 'src/server.ts': SERVER, '.twelvefactorrc.json/x': '' });
      const b = run(['.'], folder);
      assert.equal(b.code, 2);
      assert.match(b.stderr, /\.twelvefactorrc\.json: could not be read: is a folder, not a file/);
    });
  });

  (IS_ROOT || process.platform === 'win32' ? describe.skip : describe)('unreadable files and folders (as a normal user)', () => {
    it('are named in the report and exit 2', () => unreadable({}));
  });
  (IS_ROOT ? describe : describe.skip)('unreadable files and folders (run as nobody: root reads everything)', () => {
    it('are named in the report and exit 2', () => unreadable({ uid: 65534, gid: 65534 }));
  });

  function unreadable(as: SpawnSyncOptions): void {
    const dir = project({ 'src/server.ts': SERVER + SHUTDOWN, 'src/secret.ts': "console.log('x');\n", 'src/locked/a.ts': "console.log('y');\n" });
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      fs.chmodSync(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644);
    }
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'src/secret.ts'), 0o000);
    fs.chmodSync(path.join(dir, 'src/locked'), 0o000);
    for (const format of ['json', 'sarif', 'stylish']) {
      const result = run(['--format', format, '.'], dir, as);
      assert.equal(result.code, 2, `${format}: ${result.stderr}`);
      assertPlain(result.stderr);
      if (format === 'json') {
        assert.deepEqual(json(result).problems, [
          { file: 'src/secret.ts', message: 'could not be read: permission denied' },
          { file: 'src/locked', message: 'folder could not be read: permission denied' },
        ]);
      } else {
        assert.match(result.stdout, /src\/locked/);
        assert.match(result.stdout, /src\/secret\.ts/);
      }
    }
    fs.chmodSync(path.join(dir, 'src/locked'), 0o755);
    fs.chmodSync(path.join(dir, 'src/secret.ts'), 0o644);
  }

  describe('broken configs', () => {
    it('degenerate ignorePatterns are config problems at their line, exit 2, one line each', () => {
      const dir = project({ '.twelvefactorrc.json': '{\n  "ignorePatterns": ["", "./",\n    "/"]\n}\n', 'src/a.ts': SERVER });
      const result = run(['.'], dir);
      assert.equal(result.code, 2);
      assertPlain(result.stderr);
      assert.match(result.stderr, /\.twelvefactorrc\.json:2:22: "ignorePatterns" entry "" is empty; remove it\n/);
      assert.match(result.stderr, /\.twelvefactorrc\.json:3:5: "ignorePatterns" entry "\/" names the project root itself/);
    });

    it('a runaway ignoreValues pattern is refused before it can hang the run', () => {
      const config = '{ "rules": { "config/no-hardcoded-secret": ["error", { "ignoreValues": ["^(a+)+$"] }] } }\n';
      const dir = project({ '.twelvefactorrc.json': config, 'src/a.ts': `export const password = '${'a'.repeat(50)}!';\n` });
      const result = run(['.'], dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /"ignoreValues" pattern "\^\(a\+\)\+\$" repeats the repetition a\+ inside the repetition \(a\+\)\+/);
    });

    it('a UTF-8 byte-order mark is accepted', () => {
      const dir = project({ '.twelvefactorrc.json': '\ufeff{ "rules": { "logs/no-console": "off" } }\n', 'src/a.ts': "console.log('x');\n" });
      const result = run(['--format', 'json', '.'], dir);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(json(result).diagnostics, []);
    });

    it('the config lookup stops at the repository root: a config above it never applies', () => {
      const outer = project({ '.twelvefactorrc.json': '{ "rules": { "logs/no-console": "off" } }\n' });
      fs.rmSync(path.join(outer, '.git'), { recursive: true });
      const repo = path.join(outer, 'repo');
      fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
      fs.mkdirSync(path.join(repo, 'src'));
      fs.writeFileSync(path.join(repo, 'src/a.ts'), "console.log('x');\n");
      const report = json(run(['--format', 'json', '.'], repo));
      assert.deepEqual(report.diagnostics.map((d) => d.ruleId), ['logs/no-console']);
    });
  });

  describe('output errors: exit 2 and one line, and the report is never lost', () => {
    it('-o naming a folder or a /proc path is refused before the scan', () => {
      const dir = project({ 'src/a.ts': SERVER, 'reports/x': '' });
      const folder = run(['-o', 'reports', '.'], dir);
      assert.equal(folder.code, 2);
      assert.equal(folder.stderr.split('\n')[0], 'twelve-factor-lint: cannot write the report to reports: it is a folder; name a file');
      assertPlain(folder.stderr);
      if (fs.existsSync('/proc/self')) {
        const proc = run(['-o', '/proc/self/comm', '.'], dir);
        assert.equal(proc.code, 2);
        assert.match(proc.stderr, /cannot write the report to \/proc\/self\/comm: it is on a kernel file system/);
      }
    });

    it('-o that cannot be written: one line, the report on stdout instead, exit 2', () => {
      const dir = project({ 'src/a.ts': SERVER, 'file.txt': 'a file, not a folder' });
      const result = run(['--format', 'json', '-o', 'file.txt/report.json', '.'], dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^twelve-factor-lint: cannot write the report to file\.txt\/report\.json: its folder could not be created \([^)]+\); it follows on stdout instead\.\n$/);
      assert.ok(json(result).diagnostics.length > 0, 'the report is on stdout');
    });

    (fs.existsSync('/dev/full') ? it : it.skip)('a full disk (/dev/full) as stdout or as -o: exit 2, one line', () => {
      const dir = project({ 'src/a.ts': SERVER });
      const full = fs.openSync('/dev/full', 'w');
      try {
        const result = run(['.'], dir, { stdio: ['ignore', full, 'pipe'] });
        assert.equal(result.code, 2);
        assert.equal(result.stderr, 'twelve-factor-lint: cannot write the report to stdout: no space left on the device.\n');
      } finally {
        fs.closeSync(full);
      }
      const viaO = run(['-o', '/dev/full', '.'], dir);
      assert.equal(viaO.code, 2);
      assert.match(viaO.stderr, /cannot write the report to \/dev\/full: no space left on the device; it follows on stdout instead/);
      assert.match(viaO.stdout, /hard-coded/);
    });
  });

  describe('bad flags', () => {
    // (cli.test.ts pins the messages of the others: unknown options, bad --format, --max-warnings, --rule.)
    for (const args of [['--format'], ['-o', ' ']]) {
      it(`${args.join(' ')}: exit 2, a plain message`, () => {
        const result = run(args, os.tmpdir());
        assert.equal(result.code, 2);
        assertPlain(result.stderr);
        assert.match(result.stderr, /^twelve-factor-lint: .+\nRun "twelve-factor-lint --help" for usage\.\n$/);
      });
    }
  });

  it('control characters from a scanned file never reach the terminal raw', () => {
    const dir = project({ 'src/a.js': "const fs = require('fs');\nfs.appendFileSync('\\u001b[2J\\u001b[Hlogs/app\\u202e.log', line);\n" });
    fs.writeFileSync(path.join(dir, 'src', 'b\u001b[31m.js'), "console.log('x');\n");
    const result = run(['.'], dir);
    assert.doesNotMatch(result.stdout, /[\u001b\u202e]/);
    assert.match(result.stdout, /\\x1b\[2J\\x1b\[Hlogs\/app\\u202e\.log/);
    assert.match(result.stdout, /src\/b\\x1b\[31m\.js/);
    const report = run(['--format', 'json', '.'], dir).stdout;
    assert.doesNotMatch(report, /[\u001b\u202e]/);
    assert.ok(JSON.parse(report).diagnostics.some((d: { message: string }) => d.message.includes('\u001b[2J')), 'JSON keeps the data');
  });
});
