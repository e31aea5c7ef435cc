// The CLI's CI and team features (issue 10, and the HTML report of issue 11), run as users run them: the bundled
// server/out/cli.js in a child process, over throwaway projects. Each flag with its bad values (exit 2, one line).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../server/src/analyzer/config';
import { FACTOR_INFO } from '../../server/src/analyzer/factors';
import { RULE_IDS, RULES } from '../../server/src/analyzer/rules/index';
import { progressLine } from '../../server/src/cli/run';
import { USAGE } from '../../server/src/cli/args';
import { threadCount } from '../../server/src/cli/workers';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['NO_COLOR', 'FORCE_COLOR', 'GITHUB_SERVER_URL', 'GITHUB_REPOSITORY', 'GITHUB_SHA']) delete base[key];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...base, ...env }, encoding: 'utf8', timeout: 60000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonDiagnostic {
  file: string;
  line: number;
  ruleId: string;
  severity: string;
  message: string;
}

function json(args: string[], cwd: string): { code: number | null; diagnostics: JsonDiagnostic[]; stderr: string } {
  const result = run(['--format', 'json', ...args], cwd);
  try {
    return { code: result.code, diagnostics: (JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics, stderr: result.stderr };
  } catch {
    return assert.fail(`not JSON (exit ${result.code}): ${result.stdout}\n${result.stderr}`);
  }
}

const temps: string[] = [];
function project(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-ci-')));
  temps.push(dir);
  // A repository root, so that paths are relative to this folder (not to a checkout the temp folder sits in).
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const PKG = '{ "name": "svc", "private": true, "dependencies": { "express": "4.21.0" } }\n';
const SERVER = [
  "import express from 'express';",
  'const app = express();',
  "const dbPassword = 'Zq8vL2pX9wTt4Kk';",
  "app.get('/', (_req, res) => res.json({ ok: dbPassword.length > 0 }));",
  "console.log('starting');",
  'app.listen(3000);',
  '',
].join('\n');

function assertUsageError(result: Run, pattern: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr.split('\n')[0], pattern);
  assert.ok(!/\n\s+at /.test(result.stderr), 'no stack trace for a user mistake');
}

describe('cli: CI and team features', function () {
  this.timeout(60000);
  before(function () {
    if (!fs.existsSync(CLI)) assert.fail(`${CLI} is missing: run \`npm run build\` first`);
  });
  after(function () {
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('--format markdown', function () {
    it('writes a job summary: the twelve factors as rows with counts and docs links, then the first findings linked to file:line', function () {
      const dir = project({ 'package.json': PKG, 'src/server.ts': SERVER });
      // Levels pinned: the report is about counts per severity, not about a rule's default.
      const { code, stdout } = run(['--format', 'markdown', '--rule', 'logs/no-console=info'], dir);
      assert.equal(code, 1);
      assert.match(stdout, /^## Twelve-Factor Lint\n\n\*\*4 problems\*\* \(1 error, 2 warnings, 1 info\) in 2 files scanned\.\n/);
      const rows = stdout.split('\n').filter((line) => /^\| \[[IVX]+\. /.test(line));
      assert.equal(rows.length, 12);
      assert.match(rows[2], /^\| \[III\. Config\]\(https:\/\/github\.com\/.+\/docs\/factors\/config\.md\) \| 🔴 1 error \| 1 \| 0 \| 0 \| 0 \|$/);
      assert.match(rows[0], /\[I\. Codebase\]\(.+\/docs\/factors\/codebase\.md\) \| ✅ clean \|/);
      // A factor no rule checks yet says so (which one moves as rules are added; with none left, none says it).
      FACTOR_INFO.forEach((info, i) => {
        const checked = RULES.some((rule) => rule.factor === info.slug);
        assert.equal(/ \| ➖ not checkable from code \|/.test(rows[i]), !checked, rows[i]);
      });
      // The error first, linked to its line; the rule linked to its page.
      const first = stdout.split('\n').find((line) => line.startsWith('| 🔴 error |'))!;
      assert.match(first, /\[src\/server\.ts:3\]\(src\/server\.ts#L3\) \| \[config\/no-hardcoded-secret\]\(https:\/\/.+\/docs\/rules\/config\/no-hardcoded-secret\.md\)/);
      assert.ok(!stdout.includes('Zq8vL2pX9wTt4Kk'), 'no secret in full');
      // The by-hand list names the factors no rule checks; with every factor checked it is left out.
      const unchecked = FACTOR_INFO.some((info) => !RULES.some((rule) => rule.factor === info.slug));
      assert.equal(/<details><summary>What to check by hand<\/summary>/.test(stdout), unchecked);
    });

    it('links locations to the commit on GitHub Actions, and lists only the first 25 findings', function () {
      const many = Array.from({ length: 30 }, (_, i) => `console.log(${i});`).join('\n');
      const dir = project({ 'package.json': PKG, 'src/a b.ts': `${many}\n` });
      const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'abc123' };
      const { stdout } = run(['--format', 'markdown', '--rule', 'logs/no-console=info'], dir, env);
      assert.match(stdout, /### First 25 of 30 findings/);
      assert.equal(stdout.split('\n').filter((line) => line.startsWith('| 🔵 info |')).length, 25);
      assert.ok(stdout.includes('(https://github.com/acme/shop/blob/abc123/src/a%20b.ts#L1)'));
    });

    it('escapes what would break the table or render as HTML', function () {
      const dir = project({ 'package.json': PKG, 'src/x|<b>.ts': "console.log('x');\n" });
      const { stdout } = run(['--format', 'markdown', '--rule', 'logs/no-console=info'], dir);
      const row = stdout.split('\n').find((line) => line.startsWith('| 🔵 info |'))!;
      assert.ok(row.includes('x\\|&lt;b&gt;.ts:1'), row);
      assert.equal(row.split(/(?<!\\)\|/).length, 6, 'four cells, pipes escaped');
      assert.match(run(['--format', 'markdown'], project({ 'index.ts': 'export {};\n' })).stdout, /✅ \*\*No problems\*\* in 1 file\./);
    });
  });

  describe('--format html', function () {
    it('writes one self-contained, escaped page: no script, no external asset, a CSP that forbids loading anything', function () {
      const dir = project({ 'package.json': PKG, 'src/server.ts': SERVER, 'src/<img src=x onerror=alert(1)>.ts': "console.log('<script>');\n" });
      const { code, stdout } = run(['--format', 'html'], dir);
      assert.equal(code, 1);
      assert.match(stdout, /^<!doctype html>/);
      assert.ok(stdout.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`));
      assert.ok(!/<script|<link|<img|<iframe|@import|url\(/i.test(stdout), 'nothing that loads or runs');
      assert.ok(!/\ssrc=/i.test(stdout.replace(/&lt;img src=x/g, '')), 'no src attribute');
      assert.ok(stdout.includes('&lt;img src=x onerror=alert(1)&gt;.ts:1:1'), 'file names are escaped');
      assert.equal((stdout.match(/<span class="numeral">[IVX]+\.<\/span><a href=/g) ?? []).length, 12, 'twelve factor rows');
      assert.ok(stdout.includes('href="https://github.com/twelve-factor-lint/twelve-factor-lint/blob/main/docs/factors/logs.md"'));
      assert.ok(!stdout.includes('Zq8vL2pX9wTt4Kk'));
    });
  });

  describe('--init', function () {
    it('writes a commented starter config that the config parser reads without a problem, and refuses to overwrite it', function () {
      const dir = project({ 'index.ts': 'export {};\n' });
      const first = run(['--init'], dir);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^Wrote \.twelvefactorrc\.json/);
      const text = fs.readFileSync(path.join(dir, '.twelvefactorrc.json'), 'utf8');
      assert.match(text, /^\/\/ /m, 'commented');
      const parsed = parseConfig(text, RULE_IDS);
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(Object.keys(parsed.config.rules).sort(), [...RULE_IDS].sort(), 'every rule listed');
      for (const rule of RULES) assert.equal(parsed.config.rules[rule.id].level, rule.severity, rule.id);
      assert.equal(run([], dir).code, 0, 'the project lints with it');

      fs.writeFileSync(path.join(dir, '.twelvefactorrc.json'), '{ "rules": {} }\n');
      assertUsageError(run(['--init'], dir), /\.twelvefactorrc\.json already exists here; it was left as it is/);
      assert.equal(fs.readFileSync(path.join(dir, '.twelvefactorrc.json'), 'utf8'), '{ "rules": {} }\n');
    });
  });

  describe('--print-config', function () {
    it('prints the configuration that applies to a file: config file, levels after --rule, and whether each rule runs there', function () {
      const dir = project({
        'package.json': PKG,
        '.twelvefactorrc.json': '{ "rules": { "logs/no-console": "off", "port-binding/no-hardcoded-port": ["error", {}] } }\n',
        'src/server.ts': SERVER,
        'test/server.test.ts': 'export {};\n',
      });
      const { code, stdout } = run(['--print-config', 'src/server.ts', '--rule', 'config/no-hardcoded-secret=warning'], dir);
      assert.equal(code, 0);
      const config = JSON.parse(stdout) as { configFile: string; projectRoot: string; rules: Record<string, { level: string; options: object; runsHere: boolean }> };
      assert.equal(config.configFile, path.join(dir, '.twelvefactorrc.json'));
      assert.equal(config.projectRoot, dir);
      assert.deepEqual(Object.keys(config.rules), [...RULE_IDS].sort());
      assert.deepEqual(config.rules['logs/no-console'], { level: 'off', options: {}, runsHere: false });
      assert.deepEqual(config.rules['port-binding/no-hardcoded-port'], { level: 'error', options: {}, runsHere: true });
      assert.equal(config.rules['config/no-hardcoded-secret'].level, 'warning');
      assert.equal(config.rules['disposability/handle-sigterm'].level, 'warning', 'defaults resolved');

      const test = JSON.parse(run(['--print-config', 'test/server.test.ts'], dir).stdout) as { fileKind: { test: boolean }; rules: Record<string, { runsHere: boolean }> };
      assert.equal(test.fileKind.test, true);
      assert.equal(test.rules['port-binding/no-hardcoded-port'].runsHere, false, 'quiet in tests');
    });

    it('shows the file role, why, and the package role; "roles" in the config overrides the classifier', function () {
      const dir = project({
        'package.json': '{ "name": "api", "private": true, "scripts": { "start": "node dist/index.js" }, "dependencies": { "express": "4.21.0" } }',
        '.twelvefactorrc.json': '{ "roles": { "src/tools/**": "script" } }\n',
        'src/tools/backfill.ts': 'export {};\n',
        'src/mock-orders.ts': 'export {};\n',
      });
      type Printed = { role: string; roleReason: string; packageRole: string; rules: Record<string, { runsHere: boolean }> };
      const tool = JSON.parse(run(['--print-config', 'src/tools/backfill.ts'], dir).stdout) as Printed;
      assert.equal(tool.role, 'script');
      assert.match(tool.roleReason, /"src\/tools\/\*\*"/);
      assert.equal(tool.packageRole, 'service');
      assert.equal(tool.rules['logs/no-console'].runsHere, false);
      const mock = JSON.parse(run(['--print-config', 'src/mock-orders.ts'], dir).stdout) as Printed;
      assert.equal(mock.role, 'mock');
      assert.equal(mock.rules['config/no-hardcoded-secret'].runsHere, false, 'quiet in mock data');
    });

    it('exits 2 on a missing file or a broken config', function () {
      const dir = project({ '.twelvefactorrc.json': '{ "rules": { "logs/nope": "off" } }\n', 'a.ts': '' });
      assertUsageError(run(['--print-config', 'missing.ts'], dir), /no such file: missing\.ts/);
      const broken = run(['--print-config', 'a.ts'], dir);
      assert.equal(broken.code, 2);
      assert.match(broken.stderr, /\.twelvefactorrc\.json(:\d+:\d+)?: unknown rule "logs\/nope"/);
      assertUsageError(run(['--print-config'], dir), /option --print-config needs a value/);
      assertUsageError(run(['--print-config', '.'], dir), /--print-config needs a file, and \. is a folder/);
    });
  });

  describe('--fix, --fix-dry-run, --fix-type', function () {
    const UNUSED = "// twelve-factor-disable-next-line logs/no-console\nexport const answer = 42;\n";

    it('applies safe fixes only by default, writes the file, and reports what remains', function () {
      const dir = project({ 'package.json': PKG, 'src/server.ts': SERVER, 'src/unused.ts': UNUSED });
      const { code, diagnostics, stderr } = json(['--fix'], dir);
      assert.match(stderr, /applied 1 fix in 1 file/);
      assert.equal(fs.readFileSync(path.join(dir, 'src/unused.ts'), 'utf8'), 'export const answer = 42;\n');
      assert.equal(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8'), SERVER, 'behaviour-changing fixes need --fix-type suggestion');
      assert.ok(!diagnostics.some((d) => d.ruleId === 'codebase/no-unused-disable'));
      assert.equal(code, 1, 'the secret is still there');
    });

    it('with --fix-type suggestion, applies each finding’s preferred fix, .env.example included, to a fixed point', function () {
      const dir = project({ 'package.json': PKG, 'src/server.ts': SERVER, 'src/unused.ts': UNUSED });
      const { diagnostics, stderr } = json(['--fix', '--fix-type', 'suggestion'], dir);
      assert.match(stderr, /applied \d+ fixes in 2 files/);
      const fixed = fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8');
      assert.ok(fixed.includes('process.env.DB_PASSWORD') && fixed.includes('process.env.PORT'), fixed);
      assert.equal(fs.readFileSync(path.join(dir, 'src/unused.ts'), 'utf8'), UNUSED, 'safe fixes not asked for');
      assert.match(fs.readFileSync(path.join(dir, '.env.example'), 'utf8'), /^DB_PASSWORD=$/m);
      assert.ok(!fs.readFileSync(path.join(dir, '.env.example'), 'utf8').includes('Zq8v'), 'no secret in .env.example');
      const rules = diagnostics.map((d) => d.ruleId);
      assert.ok(!rules.includes('config/no-hardcoded-secret') && !rules.includes('port-binding/no-hardcoded-port'), rules.join());
      // Again: nothing left to do.
      assert.match(json(['--fix', '--fix-type', 'safe,suggestion'], dir).stderr, /applied 1 fix in 1 file/);
      assert.match(json(['--fix', '--fix-type', 'safe,suggestion'], dir).stderr, /no fixes to apply/);
    });

    it('--fix-dry-run prints a unified diff, masks secrets, and writes nothing', function () {
      const dir = project({ 'package.json': PKG, 'src/server.ts': SERVER });
      const { code, stdout, stderr } = run(['--fix-dry-run', '--fix-type', 'safe,suggestion'], dir);
      assert.equal(code, 1);
      // The fixes' own text is the analyzer's (test/fixes); here: a git-style diff of every file they touch.
      assert.match(stdout, /^--- \/dev\/null\n\+\+\+ b\/\.env\.example\n@@ -0,0 \+1,2 @@\n\+DB_PASSWORD=\n\+PORT=/);
      assert.match(stdout, /^--- a\/src\/server\.ts\n\+\+\+ b\/src\/server\.ts\n@@ /m);
      assert.match(stdout, /^-const dbPassword = 'Zq8v…';\n\+const dbPassword = process\.env\.DB_PASSWORD\b/m);
      assert.ok(!stdout.includes('Zq8vL2pX9wTt4Kk') && !stderr.includes('Zq8vL2pX9wTt4Kk'));
      assert.match(stderr, /2 fixes would change 2 files \(dry run: nothing written\)/);
      assert.equal(fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8'), SERVER);
      assert.ok(!fs.existsSync(path.join(dir, '.env.example')));
    });

    it('exits 2 on bad combinations and values', function () {
      const dir = project({ 'index.ts': '' });
      assertUsageError(run(['--fix-type', 'suggestion'], dir), /--fix-type needs --fix or --fix-dry-run/);
      assertUsageError(run(['--fix', '--fix-type', 'layout'], dir), /invalid --fix-type "layout" \(expected safe, suggestion, or safe,suggestion\)/);
      assertUsageError(run(['--fix', '--fix-dry-run'], dir), /--fix and --fix-dry-run cannot be combined/);
    });
  });

  describe('--baseline-write, --baseline', function () {
    it('records today’s findings, then reports and fails only on new ones, stable under inserted lines', function () {
      const dir = project({ 'package.json': PKG, 'src/server.ts': SERVER });
      const written = json(['--baseline-write', 'tf-baseline.json'], dir);
      assert.equal(written.code, 0, 'everything recorded is accepted');
      assert.deepEqual(written.diagnostics, []);
      assert.match(written.stderr, /wrote 4 findings in 1 file to tf-baseline\.json/);
      const baselineText = fs.readFileSync(path.join(dir, 'tf-baseline.json'), 'utf8');
      assert.ok(!baselineText.includes('Zq8vL2pX9wTt4Kk'), 'never a secret in full');
      assert.ok(!/"line"/.test(baselineText), 'no line numbers');
      const baseline = JSON.parse(baselineText) as { version: number; files: Record<string, Record<string, Array<{ count: number }>>> };
      assert.deepEqual(Object.keys(baseline.files), ['src/server.ts']);

      // Lines inserted above and re-indentation: nothing new.
      const shifted = `// header\n\n\n${SERVER.replace("console.log('starting');", "  console.log('starting');")}`;
      fs.writeFileSync(path.join(dir, 'src/server.ts'), shifted);
      const same = json(['--baseline', 'tf-baseline.json'], dir);
      assert.deepEqual([same.code, same.diagnostics], [0, []]);
      assert.match(same.stderr, /4 findings held by the baseline tf-baseline\.json not reported/);
      // Re-writing after unrelated edits changes nothing in the reviewed file.
      run(['--baseline-write', 'again.json'], dir);
      assert.equal(fs.readFileSync(path.join(dir, 'again.json'), 'utf8'), baselineText);

      // A new finding (a second console.log with other code, and a new file) is reported and decides the exit code.
      fs.writeFileSync(path.join(dir, 'src/server.ts'), `${shifted}console.log('ready');\n`);
      fs.writeFileSync(path.join(dir, 'src/token.ts'), "export const apiKey = 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc';\nexport const password = 'Xr9!kQ2@vLp7#Ww';\n");
      const next = json(['--baseline', 'tf-baseline.json'], dir);
      assert.deepEqual(
        next.diagnostics.map((d) => [d.file, d.line, d.ruleId]),
        [
          ['src/server.ts', 10, 'logs/no-console'],
          ['src/token.ts', 2, 'config/no-hardcoded-secret'],
        ],
      );
      assert.equal(next.code, 1);
    });

    it('lists the entries that no longer occur, so they can be pruned', function () {
      const dir = project({ 'package.json': PKG, 'src/server.ts': SERVER });
      run(['--baseline-write', 'b.json'], dir);
      fs.writeFileSync(path.join(dir, 'src/server.ts'), SERVER.replace("console.log('starting');\n", ''));
      const { code, diagnostics, stderr } = json(['--baseline', 'b.json'], dir);
      assert.deepEqual([code, diagnostics], [0, []]);
      assert.match(stderr, /1 baseline entry no longer occur.*prune them with --baseline-write b\.json:\n {2}src\/server\.ts {2}logs\/no-console {2}console\.log in application code/);
    });

    it('counts identical findings: the same code twice is baselined twice, a third is new', function () {
      const dir = project({ 'package.json': PKG, 'src/a.ts': "console.log('x');\nconsole.log('x');\n" });
      run(['--baseline-write', 'b.json'], dir);
      const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')) as { files: Record<string, Record<string, Array<{ count: number }>>> };
      assert.deepEqual(baseline.files['src/a.ts']['logs/no-console'].map((e) => e.count), [2]);
      fs.writeFileSync(path.join(dir, 'src/a.ts'), "console.log('x');\nconsole.log('x');\nconsole.log('x');\n");
      assert.equal(json(['--baseline', 'b.json'], dir).diagnostics.length, 1);
    });

    it('exits 2 on a missing or malformed baseline', function () {
      const dir = project({ 'index.ts': '', 'bad.json': '{ "version": 1, "files": [] }', 'broken.json': '{' });
      assertUsageError(run(['--baseline', 'nope.json'], dir), /baseline file not found: .*nope\.json \(create it with --baseline-write\)/);
      assertUsageError(run(['--baseline', 'bad.json'], dir), /bad\.json is not a twelve-factor-lint baseline/);
      assertUsageError(run(['--baseline', 'broken.json'], dir), /is not valid JSON/);
      assertUsageError(run(['--baseline'], dir), /option --baseline needs a value/);
      assertUsageError(run(['--baseline-write', ''], dir), /--baseline-write needs a path/);
    });
  });

  describe('--cache, --cache-location', function () {
    it('gives the same findings from the cache, and invalidates on a changed file, config, package.json or cross-file fact', function () {
      const dir = project({
        'package.json': PKG,
        'src/server.ts': SERVER,
        'src/shutdown.ts': "process.on('SIGTERM', () => process.exit(0));\n",
      });
      const cold = json(['--cache'], dir);
      assert.ok(fs.existsSync(path.join(dir, '.twelvefactorcache')), 'ESLint’s default: a file in the current folder');
      const warm = json(['--cache'], dir);
      assert.deepEqual(warm.diagnostics, cold.diagnostics);
      assert.ok(!fs.readFileSync(path.join(dir, '.twelvefactorcache'), 'utf8').includes('Zq8vL2pX9wTt4Kk'), 'no secret in the cache');
      assert.ok(!cold.diagnostics.some((d) => d.ruleId === 'disposability/handle-sigterm'));

      // Only the other file changes: the server file is a cache hit, and its SIGTERM finding comes back.
      fs.writeFileSync(path.join(dir, 'src/shutdown.ts'), 'export {};\n');
      assert.ok(json(['--cache'], dir).diagnostics.some((d) => d.ruleId === 'disposability/handle-sigterm'));

      fs.writeFileSync(path.join(dir, '.twelvefactorrc.json'), '{ "rules": { "logs/no-console": "off" } }\n');
      assert.ok(!json(['--cache'], dir).diagnostics.some((d) => d.ruleId === 'logs/no-console'), 'config change');
      assert.ok(json(['--cache', '--rule', 'logs/no-console=warning'], dir).diagnostics.some((d) => d.ruleId === 'logs/no-console'), '--rule');

      fs.writeFileSync(path.join(dir, 'src/server.ts'), `${SERVER}app.listen(4000);\n`);
      assert.ok(json(['--cache'], dir).diagnostics.some((d) => d.line === 7), 'content change');

      // A CLI package (a "bin" in package.json) keeps console output: package.json is part of the key.
      fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "svc", "bin": "cli.js", "dependencies": { "express": "4.21.0" } }\n');
      assert.ok(!json(['--cache', '--rule', 'logs/no-console=warning'], dir).diagnostics.some((d) => d.ruleId === 'logs/no-console'));
    });

    it('re-analyzes a package when its tsconfig paths or its workspace change, and never caches a .env file', function () {
      const dir = project({
        'package.json': '{ "name": "root", "private": true, "workspaces": ["packages/*"] }\n',
        'packages/api/package.json': '{ "name": "api", "dependencies": { "express": "4.21.0" } }\n',
        'packages/api/tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"] } } }\n',
        'packages/api/src/util.ts': 'export const one = 1;\n',
        'packages/api/src/server.ts': "import express from 'express';\nimport { one } from '@app/util';\nimport { two } from '@acme/shared';\nexpress().get('/', (_q, r) => r.json(one + two));\n",
        'packages/shared/package.json': '{ "name": "@acme/shared" }\n',
        'packages/shared/index.ts': 'export const two = 2;\n',
        '.env.production': 'DATABASE_URL=postgres://db/app\n',
      });
      const undeclared = (args: string[]) =>
        json(args, dir).diagnostics.filter((d) => d.ruleId === 'dependencies/no-undeclared-import').map((d) => d.message.match(/'([^']+)'/)?.[1] ?? d.message);
      const committed = () => json(['--cache'], dir).diagnostics.filter((d) => d.ruleId === 'config/no-committed-env-file').length;
      const fresh = undeclared([]);
      assert.deepEqual(undeclared(['--cache']), fresh);
      assert.ok(!fresh.some((m) => m.includes('@app/util')), `a tsconfig path is not a package: ${fresh.join(', ')}`);
      assert.equal(committed(), 1);

      // The alias goes from tsconfig: the cached result of server.ts must not hide the now-unresolvable import.
      fs.writeFileSync(path.join(dir, 'packages/api/tsconfig.json'), '{ "compilerOptions": {} }\n');
      assert.deepEqual(undeclared(['--cache']), undeclared([]));
      assert.ok(undeclared(['--cache']).some((m) => m.includes('@app/util')), 'tsconfig change');
      // The shared package leaves the workspace: same findings with and without the cache.
      fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "root", "private": true, "workspaces": ["packages/api"] }\n');
      assert.deepEqual(undeclared(['--cache']), undeclared([]), 'workspace change');
      // .gitignore now ignores the .env file: its finding goes although the .env file itself did not change.
      fs.writeFileSync(path.join(dir, '.gitignore'), '.env*\n');
      assert.equal(committed(), 0, '.gitignore change');
    });

    it('reads the cache of another tool build as empty, survives a corrupt cache, and follows --cache-location', function () {
      const dir = project({ 'package.json': PKG, 'src/server.ts': SERVER });
      const expected = json([], dir).diagnostics;
      fs.writeFileSync(path.join(dir, '.twelvefactorcache'), '{ not json');
      assert.deepEqual(json(['--cache'], dir).diagnostics, expected);
      const cached = JSON.parse(fs.readFileSync(path.join(dir, '.twelvefactorcache'), 'utf8')) as { tool: string; entries: Record<string, { o: { diagnostics: unknown[] } }> };
      // A forged entry under another tool version is never read.
      const forged = { ...cached, tool: '0.0.0+old', entries: Object.fromEntries(Object.entries(cached.entries).map(([k, v]) => [k, { ...v, o: { ...v.o, diagnostics: [] } }])) };
      fs.writeFileSync(path.join(dir, '.twelvefactorcache'), JSON.stringify(forged));
      assert.deepEqual(json(['--cache'], dir).diagnostics, expected);

      fs.mkdirSync(path.join(dir, 'caches'));
      json(['--cache', '--cache-location', 'caches'], dir);
      assert.deepEqual(fs.readdirSync(path.join(dir, 'caches')).map((f) => f.replace(/_[0-9a-f]+$/, '_<hash>')), ['.twelvefactorcache_<hash>']);
      json(['--cache', '--cache-location', 'custom/lint.cache'], dir);
      assert.ok(fs.existsSync(path.join(dir, 'custom/lint.cache')));
    });

    it('warns in one line when the cache cannot be written, and still reports', function () {
      const dir = project({ 'package.json': PKG, 'src/server.ts': SERVER, 'blocker': 'a file, not a folder' });
      const { code, diagnostics, stderr } = json(['--cache', '--cache-location', 'blocker/sub/cache'], dir);
      assert.equal(code, 1);
      assert.ok(diagnostics.length > 0);
      assert.match(stderr, /^twelve-factor-lint: warning: could not write the cache .*blocker\/sub\/cache: E[A-Z]+\n$/);
    });
  });

  describe('--concurrency', function () {
    it('auto takes one thread per two cores (no worker on a 2-core runner), a number as given', function () {
      assert.deepEqual([1, 2, 3, 4, 8, 16].map((cores) => threadCount('auto', cores)), [1, 1, 1, 2, 4, 8]);
      assert.equal(threadCount(3, 2), 3);
    });

    it('finds exactly the same in every mode: threads, cache, both; cross-file facts across projects included', function () {
      const files: Record<string, string> = { 'package.json': PKG };
      for (let i = 0; i < 40; i++) files[`src/mod${i}.ts`] = i % 3 === 0 ? SERVER : `export const v${i} = process.env.V${i};\nconsole.log(v${i});\n`;
      files['handled/package.json'] = PKG;
      files['handled/src/server.ts'] = SERVER;
      files['handled/src/zz-shutdown.ts'] = "process.on('SIGTERM', () => process.exit(0));\n";
      const dir = project(files);
      const base = run(['--format', 'json'], dir);
      const report = JSON.parse(base.stdout) as { diagnostics: JsonDiagnostic[] };
      assert.ok(report.diagnostics.some((d) => d.ruleId === 'disposability/handle-sigterm' && d.file.startsWith('src/')));
      assert.ok(!report.diagnostics.some((d) => d.ruleId === 'disposability/handle-sigterm' && d.file.startsWith('handled/')));
      for (const args of [['--concurrency', '2'], ['--concurrency', 'auto'], ['--cache'], ['--cache'], ['--cache', '--concurrency', '3'], ['--concurrency', '1']]) {
        const other = run(['--format', 'json', ...args], dir);
        assert.equal(other.stdout, base.stdout, args.join(' '));
        assert.equal(other.code, base.code);
      }
      fs.writeFileSync(path.join(dir, 'src/mod1.ts'), 'app.listen(1234);\n');
      assert.equal(run(['--format', 'json', '--cache', '--concurrency', '2'], dir).stdout, run(['--format', 'json'], dir).stdout);
    });

    it('exits 2 on a bad value', function () {
      const dir = project({ 'index.ts': '' });
      for (const bad of ['0', 'many', '-1', '1.5', '65']) {
        assertUsageError(run([`--concurrency=${bad}`], dir), new RegExp(`invalid --concurrency "${bad.replace('.', '\\.')}" \\(expected auto, off, or a number of threads from 1 to 64\\)`));
      }
      assertUsageError(run(['--cache=yes'], dir), /--cache/);
      assertUsageError(run(['--cache', '--cache-location'], dir), /option --cache-location needs a value/);
      assertUsageError(run(['--cache', '--cache-location', ' '], dir), /--cache-location needs a path/);
    });
  });

  describe('docs', function () {
    it('docs/configuration.md lists every CLI flag of --help and every key of .twelvefactorrc.json', function () {
      const doc = fs.readFileSync(path.join(ROOT, 'docs/configuration.md'), 'utf8');
      const flags = [...new Set(USAGE.match(/--[a-z][a-z-]+/g) ?? [])];
      assert.equal(flags.length, 19, flags.join(" "));
      for (const flag of flags) assert.ok(doc.includes(`\`${flag}`) || doc.includes(`, ${flag}\``), `${flag} is not documented`);
      for (const key of ['rules', 'ignorePatterns', 'includeTestsAndScripts', 'maxFileSize', 'roles']) assert.ok(doc.includes(`| \`${key}\` |`), key);
      // The keys the parser accepts are exactly those.
      assert.deepEqual(parseConfig('{ "bogus": 1 }', RULE_IDS).problems.map((p) => p.message), [
        'unknown key "bogus" (expected rules, ignorePatterns, includeTestsAndScripts, maxFileSize, roles)',
      ]);
    });
  });

  describe('progress', function () {
    it('prints nothing on stderr when stderr is not a terminal', function () {
      const dir = project({ 'package.json': PKG, 'src/server.ts': SERVER });
      assert.equal(run(['--format', 'json'], dir).stderr, '');
    });

    it('on a terminal, shows files done / total once a scan runs for half a second, redrawn at most every 100 ms, then clears', function () {
      let written = '';
      let now = 0;
      const progress = progressLine({ stderr: (text) => (written += text) }, () => now);
      progress.update(1, 100);
      now = 400;
      progress.update(2, 100);
      assert.equal(written, '', 'a short scan shows nothing');
      now = 600;
      progress.update(3, 100);
      now = 650;
      progress.update(4, 100);
      now = 720;
      progress.update(5, 100);
      progress.clear();
      assert.equal(written, '\rtwelve-factor-lint: 3/100 files\u001b[K\rtwelve-factor-lint: 5/100 files\u001b[K\r\u001b[K');
    });
  });
});
