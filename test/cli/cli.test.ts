// Runs the bundled CLI (server/out/cli.js, built by `npm test`) as users do: a child process over fixture
// projects (test/fixtures/cli/) and throwaway folders, pinning exit codes and each output format.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');
const FIXTURES = path.join(ROOT, 'test/fixtures/cli');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? FIXTURES,
    env: { ...env, ...options.env },
    encoding: 'utf8',
    timeout: 30000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  factor: string;
  severity: string;
  message: string;
}

interface JsonReport {
  version: number;
  filesScanned: number;
  diagnostics: JsonDiagnostic[];
}

function runJson(args: string[], options: { cwd?: string } = {}): { code: number | null; report: JsonReport; stderr: string } {
  const result = run(['--format', 'json', ...args], options);
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    assert.fail(`not JSON (exit ${result.code}): ${result.stdout}\n${result.stderr}`);
  }
  return { code: result.code, report, stderr: result.stderr };
}

function ruleIds(report: JsonReport): string[] {
  return report.diagnostics.map((d) => d.ruleId);
}

const temps: string[] = [];
/** A throwaway folder holding `files` (relative path → content). */
function tempProject(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-cli-')));
  temps.push(dir);
  // A work tree of its own: the CLI looks upward for the config file, package.json and the repository root, and a
  // temporary folder's parents are anyone's.
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

describe('cli', function () {
  before(function () {
    if (!fs.existsSync(CLI)) assert.fail(`${CLI} is missing: run \`npm run build\` (npm test does) first`);
  });
  after(function () {
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('--format json', function () {
    it('keeps the documented keys, in order, with relative forward-slash paths', function () {
      const { code, report } = runJson(['basic']);
      assert.deepEqual(Object.keys(report), ['version', 'filesScanned', 'diagnostics']);
      assert.equal(report.version, 1);
      // src/server.ts and the package.json beside it.
      assert.equal(report.filesScanned, 2);
      assert.ok(report.diagnostics.length > 0, 'the basic fixture has problems');
      for (const d of report.diagnostics) {
        assert.deepEqual(Object.keys(d), [
          'file',
          'line',
          'column',
          'endLine',
          'endColumn',
          'ruleId',
          'factor',
          'severity',
          'message',
        ]);
        assert.equal(d.file, 'basic/src/server.ts');
        assert.ok(['error', 'warning', 'info', 'hint'].includes(d.severity));
        assert.equal(d.factor, d.ruleId.split('/')[0]);
        assert.ok(d.line >= 1 && d.column >= 1 && (d.endLine > d.line || (d.endLine === d.line && d.endColumn > d.column)));
      }
      assert.equal(code, 1, 'a hard-coded password is an error');
    });

    it('matches the contract exactly for a one-finding project', function () {
      const { stdout, code } = run(['--format', 'json', 'no-handler']);
      const expected = {
        version: 1,
        filesScanned: 3,
        diagnostics: [
          {
            file: 'no-handler/src/a-server.ts',
            line: 4,
            column: 1,
            endLine: 4,
            endColumn: 11,
            ruleId: 'disposability/handle-sigterm',
            factor: 'disposability',
            severity: 'warning',
            message:
              'This server starts listening, but no file of the project handles SIGTERM: stop accepting connections and close it gracefully (IX. Disposability).',
          },
        ],
      };
      // Compared as text so that key order is checked too.
      assert.equal(JSON.stringify(JSON.parse(stdout)), JSON.stringify(expected));
      assert.equal(code, 0);
    });

    it('reports what the issue defines for a small Express server, at 1-based positions', function () {
      const { report } = runJson(['basic/src/server.ts']);
      const pick = (ruleId: string) => report.diagnostics.filter((d) => d.ruleId === ruleId);

      const [secret, ...moreSecrets] = pick('config/no-hardcoded-secret');
      assert.ok(secret, 'config/no-hardcoded-secret reports `const dbPassword = ...`');
      assert.equal(moreSecrets.length, 0);
      assert.deepEqual([secret.line, secret.severity, secret.factor], [4, 'error', 'config']);

      const [port] = pick('port-binding/no-hardcoded-port');
      assert.ok(port, 'port-binding/no-hardcoded-port reports app.listen(3000)');
      assert.deepEqual([port.line, port.column, port.endLine, port.endColumn], [11, 12, 11, 16]);

      const [log] = pick('logs/no-console');
      // This fixture sits under test/fixtures/cli/: a rule that matches folder names against the absolute path
      // instead of the path inside the project goes quiet here (as it would for a service deployed in /var/www/).
      assert.ok(log, 'logs/no-console reports console.log (path checks must use the path inside the project)');
      assert.equal(log.line, 10);

      const [sigterm] = pick('disposability/handle-sigterm');
      assert.ok(sigterm, 'disposability/handle-sigterm reports a server with no SIGTERM handler');
      assert.deepEqual([sigterm.line, sigterm.column, sigterm.severity], [11, 1, 'warning']);
    });

    it('counts columns in UTF-16 code units, 1-based', function () {
      const dir = tempProject({
        'server.ts': "import express from 'express';\nconst banner = '🚀'; express().listen(8080);\n",
      });
      const { report } = runJson(['.'], { cwd: dir });
      const port = report.diagnostics.find((d) => d.ruleId === 'port-binding/no-hardcoded-port');
      assert.ok(port, 'port-binding/no-hardcoded-port reports listen(8080)');
      // `const banner = '🚀'; express().listen(` is 38 characters, the rocket counting as two code units.
      assert.deepEqual([port.line, port.column, port.endColumn], [2, 39, 43]);
      assert.equal(port.file, 'server.ts');
    });

    it('never prints a detected secret in full', function () {
      for (const format of ['json', 'stylish', 'sarif']) {
        const { stdout, stderr } = run(['--format', format, 'basic']);
        assert.ok(!stdout.includes('Hunter2-Vault-2023') && !stderr.includes('Hunter2-Vault-2023'), format);
      }
    });
  });

  describe('--format stylish', function () {
    it('prints the file, line:col, severity, message, rule id and a summary, without colors when piped', function () {
      const { code, stdout } = run(['basic']);
      assert.equal(code, 1);
      assert.match(stdout, /^basic\/src\/server\.ts$/m);
      assert.match(stdout, /^ {2}4:\d+ +error +Hard-coded .+ {2}config\/no-hardcoded-secret$/m);
      assert.match(stdout, /^ {2}11:1 +warning +.+ {2}disposability\/handle-sigterm$/m);
      assert.match(stdout, /^✖ \d+ problems? \(1 error, \d+ warnings?, \d+ infos?(, \d+ hints?)?\)$/m);
      assert.match(stdout, /^Scanned 2 files$/m);
      assert.ok(!stdout.includes('\u001b['), 'no ANSI codes when stdout is not a terminal');
    });

    it('ends with counts per rule, most severe first, so that warnings are not buried under infos', function () {
      const consoles = Array.from({ length: 12 }, (_, i) => `console.log('step ${i}');`).join('\n');
      const dir = tempProject({
        'package.json': '{ "name": "svc", "private": true, "dependencies": { "express": "4.21.0" } }\n',
        'src/server.ts': `import express from 'express';\n${consoles}\nexpress().listen(3000);\n`,
      });
      const { stdout } = run(['--rule', 'logs/no-console=info', '.'], { cwd: dir });
      const summary = stdout.slice(stdout.indexOf('Problems by rule:'));
      const lines = summary.split('\n').slice(1, 4);
      assert.deepEqual(
        lines.map((line) => line.trim().split(/ {2,}/)),
        [
          ['disposability/handle-sigterm', '1 warning'],
          ['port-binding/no-hardcoded-port', '1 warning'],
          ['logs/no-console', '12 infos'],
        ],
      );
      assert.match(summary, /\n\n✖ 14 problems \(0 errors, 2 warnings, 12 infos\)\nScanned 2 files\n$/);
      // One rule only: the totals line says it all.
      assert.ok(!run(['no-handler']).stdout.includes('Problems by rule'));
    });

    it('colors with FORCE_COLOR, never with NO_COLOR', function () {
      assert.ok(run(['basic'], { env: { FORCE_COLOR: '1' } }).stdout.includes('\u001b[31m'));
      assert.ok(!run(['basic'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout.includes('\u001b['));
    });

    it('says so when there is nothing to report', function () {
      const dir = tempProject({ 'index.ts': 'export const answer = 42;\n' });
      const { code, stdout } = run([], { cwd: dir });
      assert.equal(code, 0);
      assert.match(stdout, /✔ No problems\nScanned 1 file\n$/);
    });
  });

  describe('--format sarif', function () {
    it('writes a SARIF 2.1.0 log with rules linked to their docs and relative locations', function () {
      const { code, stdout } = run(['--format', 'sarif', 'basic']);
      assert.equal(code, 1);
      const log = JSON.parse(stdout) as {
        version: string;
        $schema: string;
        runs: Array<{
          tool: { driver: { name: string; version: string; informationUri: string; rules: Array<Record<string, unknown>> } };
          originalUriBaseIds: Record<string, { uri: string }>;
          results: Array<{
            ruleId: string;
            ruleIndex: number;
            level: string;
            message: { text: string };
            locations: Array<{
              physicalLocation: {
                artifactLocation: { uri: string; uriBaseId: string };
                region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
              };
            }>;
          }>;
        }>;
      };
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema, /sarif-2\.1\.0/);
      assert.equal(log.runs.length, 1);
      const [runLog] = log.runs;
      const driver = runLog.tool.driver;
      assert.equal(driver.name, 'twelve-factor-lint');
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.equal(driver.version, pkg.version);
      assert.match(driver.informationUri, /^https?:\/\//);
      const ids = driver.rules.map((r) => r.id as string);
      assert.deepEqual(ids, [...ids].sort());
      for (const rule of driver.rules) {
        assert.equal(typeof (rule.shortDescription as { text: string }).text, 'string');
        assert.ok((rule.helpUri as string).endsWith(`/docs/rules/${rule.id as string}.md`), String(rule.helpUri));
      }
      assert.ok(runLog.originalUriBaseIds['%SRCROOT%'].uri.startsWith('file:///'));
      assert.ok(runLog.results.length > 0);
      for (const result of runLog.results) {
        assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
        assert.ok(['error', 'warning', 'note'].includes(result.level));
        assert.ok(result.message.text.length > 0);
        const { artifactLocation, region } = result.locations[0].physicalLocation;
        // Relative to the repository root (this checkout), not to the folder the command ran in.
        assert.deepEqual(artifactLocation, { uri: 'test/fixtures/cli/basic/src/server.ts', uriBaseId: '%SRCROOT%' });
        assert.ok(region.startLine >= 1 && region.startColumn >= 1 && region.endLine >= region.startLine);
      }
      const secret = runLog.results.find((r) => r.ruleId === 'config/no-hardcoded-secret');
      assert.equal(secret?.level, 'error');
    });

    it('describes each rule for GitHub: full description, markdown help with the factor and the fix, security severity', function () {
      const log = JSON.parse(run(['--format', 'sarif', 'basic']).stdout) as {
        runs: Array<{ tool: { driver: { rules: Array<Record<string, any>> } } }>;
      };
      const rules = log.runs[0].tool.driver.rules;
      for (const rule of rules) {
        assert.ok(rule.fullDescription.text.length > rule.shortDescription.text.length, rule.id);
        assert.match(rule.help.markdown, /## Factor[\s\S]*## How to fix/, rule.id);
        assert.ok(rule.help.text.length > 0 && !rule.help.text.includes('](http'), rule.id);
        // Relative links of the docs pages would be broken on github.com: they are made absolute.
        assert.ok(!/\]\((?!https?:|#)/.test(rule.help.markdown), `${rule.id} has a relative link`);
      }
      const secret = rules.find((r) => r.id === 'config/no-hardcoded-secret')!;
      assert.equal(secret.properties['security-severity'], '7.5');
      assert.ok(secret.properties.tags.includes('security'));
      const consoleRule = rules.find((r) => r.id === 'logs/no-console')!;
      assert.equal(consoleRule.properties['security-severity'], undefined);
      assert.match(consoleRule.fullDescription.text, /XI\. Logs/);
    });

    it('gives results partialFingerprints that survive inserted lines and re-indentation', function () {
      const source = "import express from 'express';\nconst app = express();\nconsole.log('a');\nconsole.log('a');\napp.listen(3000);\n";
      const dir = tempProject({ 'package.json': '{ "name": "fp", "private": true }\n', 'src/server.ts': source });
      const prints = () => {
        const log = JSON.parse(run(['--format', 'sarif', '.'], { cwd: dir }).stdout) as {
          runs: Array<{ results: Array<{ ruleId: string; partialFingerprints: Record<string, string>; locations: any[] }> }>;
        };
        return log.runs[0].results.map((r) => [r.ruleId, Object.values(r.partialFingerprints)[0], r.locations[0].physicalLocation.region.startLine]);
      };
      const before = prints();
      assert.ok(before.length >= 3);
      const ids = before.map((b) => b[1]);
      assert.equal(new Set(ids).size, ids.length, 'two identical console.log lines still get distinct fingerprints');
      fs.writeFileSync(path.join(dir, 'src/server.ts'), `// a comment\n\n${source.replace("app.listen", "    app.listen")}`);
      const after = prints();
      assert.deepEqual(after.map((a) => a.slice(0, 2)), before.map((b) => b.slice(0, 2)));
      assert.deepEqual(after.map((a) => a[2]), before.map((b) => (b[2] as number) + 2), 'the lines did move');
    });
  });

  describe('exit codes and usage errors', function () {
    it('exits 0 when nothing is at error severity', function () {
      const { code, report } = runJson(['warnings-only']);
      assert.equal(code, 0);
      assert.ok(report.diagnostics.every((d) => d.severity !== 'error'));
    });

    it('exits 1 over --max-warnings, 0 within it', function () {
      assert.equal(run(['--max-warnings', '100', 'no-handler']).code, 0);
      const over = run(['--max-warnings', '0', 'no-handler']);
      assert.equal(over.code, 1);
      assert.match(over.stderr, /more than --max-warnings 0/);
    });

    it('exits 2 on an unknown option, naming it', function () {
      const { code, stdout, stderr } = run(['--bogus', 'basic']);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, /unknown option "--bogus"/);
      assert.match(stderr, /--help/);
    });

    it('exits 2 on a missing path, naming it', function () {
      const { code, stderr } = run(['does-not-exist']);
      assert.equal(code, 2);
      assert.match(stderr, /no such file or directory: does-not-exist/);
    });

    it('exits 2 on a bad --format, --max-warnings or --rule', function () {
      assert.match(run(['--format', 'xml']).stderr, /invalid --format "xml" \(expected stylish, json, sarif, markdown, html\)/);
      assert.equal(run(['--format', 'xml']).code, 2);
      assert.equal(run(['--format']).code, 2);
      assert.equal(run(['--max-warnings', 'many']).code, 2);
      const unknownRule = run(['--rule', 'logs/no-such-rule=off', 'basic']);
      assert.equal(unknownRule.code, 2);
      assert.match(unknownRule.stderr, /unknown rule "logs\/no-such-rule"/);
      assert.match(run(['--rule', 'logs/no-console=loud', 'basic']).stderr, /invalid level "loud"/);
    });

    it('prints help and the version', function () {
      const help = run(['--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^Usage: twelve-factor-lint/);
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.deepEqual(run(['--version']), { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    });

    it('warns about a named file that is not a source file, and goes on', function () {
      const dir = tempProject({ 'README.md': '# hi\n', 'index.ts': 'export {};\n' });
      const { code, report, stderr } = runJson(['README.md', 'index.ts'], { cwd: dir });
      assert.equal(code, 0);
      assert.equal(report.filesScanned, 1);
      assert.match(stderr, /README\.md: not a file Twelve-Factor Lint reads \(JavaScript, TypeScript, package\.json, Dockerfile, \.env\); skipped/);
    });
  });

  describe('what gets scanned', function () {
    it('reports secrets in a Dockerfile and a committed .env template, failing only on the one beyond doubt', function () {
      const token = 'ghp_' + 'aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5';
      const dir = tempProject({
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4' } }),
        Dockerfile: 'FROM node:20-slim\nENV DB_PASSWORD=supersecret\n',
        '.env.example': 'PORT=3000\nJWT_SECRET=changeme\n',
        'src/server.ts': "export const port = Number(process.env.PORT);\n",
      });
      const warningOnly = runJson([dir]);
      const secrets = (report: JsonReport) => report.diagnostics.filter((d) => d.ruleId === 'config/no-hardcoded-secret').map((d) => `${path.basename(d.file)}:${d.line} ${d.severity}`);
      assert.deepEqual(secrets(warningOnly.report), ['Dockerfile:2 warning']);
      fs.writeFileSync(path.join(dir, '.env.example'), `PORT=3000\nGITHUB_TOKEN=${token}\n`);
      const { code, report, stderr } = runJson([dir]);
      assert.deepEqual(secrets(report), ['.env.example:2 error', 'Dockerfile:2 warning']);
      assert.equal(code, 1);
      assert.ok(!JSON.stringify(report).includes(token) && !stderr.includes(token));
    });

    it('reports nothing, exit 0, for a folder with no sources', function () {
      const dir = tempProject({ 'README.md': '# nothing here\n', 'data.json': '{}\n' });
      const { code, report } = runJson(['.'], { cwd: dir });
      assert.equal(code, 0);
      assert.deepEqual(report, { version: 1, filesScanned: 0, diagnostics: [] });
    });

    it('skips node_modules, .git, vendored code and build output', function () {
      const noisy = "import express from 'express';\nconst app = express();\napp.listen(3000);\nconsole.log('hi');\n";
      const dir = tempProject({
        'package.json': '{ "name": "walk", "private": true }\n',
        'src/index.ts': 'export const ok = true;\n',
        'node_modules/dep/index.js': noisy,
        '.git/hooks/pre-commit.js': noisy,
        'dist/server.js': noisy,
        'vendor/jade/runtime.js': noisy,
      });
      const { code, report } = runJson([], { cwd: dir });
      // src/index.ts and package.json.
      assert.deepEqual({ code, report }, { code: 0, report: { version: 1, filesScanned: 2, diagnostics: [] } });
    });

    it('survives binary, half-typed and empty files', function () {
      const dir = tempProject({
        'image.js': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0xff, 0x00]),
        'half.ts': "import express from 'express';\nconst app = express(\napp.listen(\n  const x = {",
        'empty.ts': '',
        'ok.ts': 'export const ok = 1;\n',
      });
      const stylish = run(['.'], { cwd: dir });
      assert.ok(stylish.code === 0 || stylish.code === 1, stylish.stderr);
      assert.equal(stylish.stderr, '');
      assert.match(stylish.stdout, /Skipped 1 file:\n {2}image\.js {2}binary content/);
      assert.match(stylish.stdout, /Scanned 3 files/);
      const { report } = runJson(['.'], { cwd: dir });
      assert.equal(report.filesScanned, 3);
    });

    it('skips a 10 MB minified bundle quickly, with the reason, and still scans the rest', function () {
      // One line of real-looking minified code, repeated: with a hard-coded secret inside, which must not count.
      const chunk = "var a=function(){return console.log('x'),{password:'Zq8vL2pX9wTt4'}};app.listen(3000);";
      const bundle = chunk.repeat(Math.ceil((10 * 1024 * 1024) / chunk.length));
      const dir = tempProject({ 'public/app.min.js': bundle, 'src/ok.ts': 'export const ok = 1;\n' });
      const started = Date.now();
      const { code, report, stderr } = runJson(['.'], { cwd: dir });
      assert.equal(code, 0, stderr);
      assert.equal(report.filesScanned, 1);
      assert.deepEqual(report.diagnostics, []);
      const stylish = run(['.'], { cwd: dir });
      assert.match(stylish.stdout, /public\/app\.min\.js +larger than maxFileSize/);
      // Generous bound: parsing 10 MB would take seconds; skipping reads it once.
      assert.ok(Date.now() - started < 15000);
    });

    it('lets a SIGTERM handler in a later file void an earlier file’s finding', function () {
      const { report } = runJson(['cross-file']);
      assert.equal(report.filesScanned, 3);
      assert.deepEqual(ruleIds(report), []);
      // Named alone, the server file still sees its project's handler.
      assert.deepEqual(ruleIds(runJson(['cross-file/src/a-server.ts']).report), []);
      // The control: the same server, no handler anywhere in its project.
      const control = runJson(['no-handler']).report;
      assert.deepEqual(
        control.diagnostics.map((d) => [d.file, d.line, d.ruleId]),
        [['no-handler/src/a-server.ts', 4, 'disposability/handle-sigterm']],
      );
    });

    it('groups files by their nearest package.json', function () {
      // Scanned together, a handler in one project does not void another project's finding.
      const { report } = runJson(['no-handler', 'cross-file']);
      assert.equal(report.filesScanned, 6);
      assert.deepEqual(
        report.diagnostics.map((d) => d.file),
        ['no-handler/src/a-server.ts'],
      );
    });

    it('honours .twelvefactorrc.json: rules turned off and ignorePatterns', function () {
      const { code, report } = runJson(['rc-off']);
      assert.equal(code, 0);
      // src/index.ts and package.json; legacy/** is ignored, and the config file is read, not scanned.
      assert.equal(report.filesScanned, 2, 'legacy/** is ignored');
      assert.ok(!ruleIds(report).includes('logs/no-console'));
      // Without the config file the same code reports.
      const dir = tempProject({ 'index.ts': fs.readFileSync(path.join(FIXTURES, 'rc-off/src/index.ts'), 'utf8') });
      assert.ok(ruleIds(runJson(['.'], { cwd: dir }).report).includes('logs/no-console'));
    });

    it('--rule overrides a level from the command line', function () {
      const off = runJson(['--rule', 'disposability/handle-sigterm=off', 'no-handler']).report;
      assert.deepEqual(ruleIds(off), []);
      const error = runJson(['--rule', 'disposability/handle-sigterm=error', 'no-handler']);
      assert.equal(error.code, 1);
      assert.deepEqual(error.report.diagnostics.map((d) => d.severity), ['error']);
    });

    it('--config uses the given file instead of the nearest one', function () {
      const dir = tempProject({ 'strict.json': '{ "rules": { "disposability/handle-sigterm": "error" } }\n' });
      const { code, report } = runJson(['--config', path.join(dir, 'strict.json'), 'no-handler']);
      assert.equal(code, 1);
      assert.deepEqual(report.diagnostics.map((d) => [d.ruleId, d.severity]), [['disposability/handle-sigterm', 'error']]);
      assert.equal(run(['--config', path.join(dir, 'nope.json'), 'no-handler']).code, 2);
    });

    it('--quiet reports errors only', function () {
      const { code, report } = runJson(['--quiet', 'basic']);
      assert.equal(code, 1);
      assert.ok(report.diagnostics.length > 0);
      assert.ok(report.diagnostics.every((d) => d.severity === 'error'));
      assert.deepEqual(runJson(['--quiet', 'no-handler']).report.diagnostics, []);
    });

    it('--include-tests also checks tests and scripts', function () {
      assert.deepEqual(ruleIds(runJson(['tests-and-scripts']).report), []);
      const included = runJson(['--include-tests', 'tests-and-scripts']).report;
      assert.ok(included.diagnostics.some((d) => d.file === 'tests-and-scripts/test/app.test.ts'));
    });

    it('--output-file writes the report there and nothing to stdout', function () {
      const dir = tempProject({});
      const target = path.join(dir, 'reports', 'lint.json');
      const { code, stdout } = run(['--format', 'json', '-o', target, 'basic']);
      assert.equal(code, 1);
      assert.equal(stdout, '');
      const report = JSON.parse(fs.readFileSync(target, 'utf8')) as JsonReport;
      assert.equal(report.filesScanned, 2);
    });

    it('finds every problem examples/orders-service documents in its README', function () {
      const { code, report } = runJson(['examples/orders-service'], { cwd: ROOT });
      assert.equal(code, 1);
      // Seven sources and the package.json.
      assert.equal(report.filesScanned, 8);
      const found = new Set(report.diagnostics.map((d) => `${d.file.replace('examples/orders-service/', '')} ${d.ruleId}`));
      const expected = [
        'src/config.ts config/no-hardcoded-secret',
        'src/config.ts backing-services/no-hardcoded-service-url',
        'src/config.ts backing-services/no-hardcoded-host',
        'src/db.ts backing-services/no-hardcoded-host',
        'src/server.ts port-binding/no-hardcoded-port',
        'src/config.ts port-binding/no-hardcoded-port',
        'src/db.ts port-binding/no-hardcoded-port',
        'src/server.ts disposability/handle-sigterm',
        'src/routes/orders.ts processes/no-local-file-state',
        'src/routes/uploads.ts processes/no-local-file-state',
        'src/session.ts processes/no-in-memory-session',
        'src/session.ts config/no-hardcoded-secret',
        'src/server.ts logs/no-console',
        'src/routes/orders.ts logs/no-console',
        'src/db.ts logs/no-console',
        'src/logger.ts logs/no-log-files',
      ];
      assert.deepEqual(expected.filter((pair) => !found.has(pair)), []);
      // The Stripe-shaped key, the database password and the password in the replica URL (errors), and the
      // session secret's default (a warning: it is read from the environment, but ships a default).
      const secrets = report.diagnostics.filter((d) => d.ruleId === 'config/no-hardcoded-secret');
      assert.deepEqual(secrets.map((d) => d.severity).sort(), ['error', 'error', 'error', 'warning']);
    });

    it('stops with exit 2 on a broken .twelvefactorrc.json, naming the file and the problem', function () {
      const unknownRule = tempProject({
        '.twelvefactorrc.json': '{ "rules": { "logs/no-consol": "off" } }\n',
        'index.ts': 'export {};\n',
      });
      const a = run([], { cwd: unknownRule });
      assert.equal(a.code, 2);
      assert.equal(a.stdout, '');
      assert.match(a.stderr, /\.twelvefactorrc\.json:1:14: unknown rule "logs\/no-consol" \(did you mean "logs\/no-console"\?\)/);

      const syntax = tempProject({ '.twelvefactorrc.json': '{\n  "rules": {\n    "logs/no-console": off\n}\n', 'index.ts': '' });
      const b = run([], { cwd: syntax });
      assert.equal(b.code, 2);
      assert.match(b.stderr, /\.twelvefactorrc\.json:3:\d+: JSON syntax error/);

      const badLevel = tempProject({ '.twelvefactorrc.json': '{ "rules": { "logs/no-console": "loud" } }', 'index.ts': '' });
      assert.match(run([], { cwd: badLevel }).stderr, /rule "logs\/no-console": level must be one of/);
    });
  });
});
