// Our SARIF, checked the way GitHub code scanning checks an upload: Microsoft's SARIF Multitool (the npm package
// @microsoft/sarif-multitool ships it as a self-contained .NET program) with GitHub's rules and the SARIF rules,
// `validate --rule-kind "Gh;Sarif"`. Zero errors and zero warnings are required. The tool runs offline; where it
// cannot run at all (an OS it has no build for) the test skips with the reason, except under CI, where it fails.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');

interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: Array<Record<string, any>> } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Array<{
      ruleId: string;
      level?: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }>;
      partialFingerprints: Record<string, string>;
    }>;
  }>;
}

function multitool(): { path?: string; why?: string } {
  let dir: string;
  try {
    dir = path.dirname(require.resolve(`@microsoft/sarif-multitool-${process.platform}/package.json`));
  } catch {
    return { why: `@microsoft/sarif-multitool has no build for ${process.platform} installed (npm ci installs it on linux, darwin, win32)` };
  }
  const exe = path.join(dir, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
  if (!fs.existsSync(exe)) return { why: `${exe} is missing` };
  // Its postinstall script sets the executable bit; an install with --ignore-scripts leaves it off.
  if (process.platform !== 'win32' && (fs.statSync(exe).mode & 0o100) === 0) fs.chmodSync(exe, 0o755);
  return { path: exe };
}

function lint(args: string[], cwd: string): string {
  const result = spawnSync(process.execPath, [CLI, '--format', 'sarif', ...args], { cwd, encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return result.stdout;
}

/** Runs `validate`; returns its error and warning results as "ruleId: message" lines. */
function validate(exe: string, sarifFile: string, scratch: string): string[] {
  const out = path.join(scratch, 'validation.sarif');
  const result = spawnSync(exe, ['validate', sarifFile, '--rule-kind', 'Gh;Sarif', '--output', out, '--log', 'ForceOverwrite'], {
    encoding: 'utf8',
    // Invariant globalization: the tool needs no ICU library, and no telemetry or first-run folder is written.
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1', HOME: scratch, TMPDIR: scratch },
    timeout: 120000,
  });
  if (result.error) throw result.error;
  assert.equal(result.status, 0, `the Multitool failed:\n${result.stdout}\n${result.stderr}`);
  const log = JSON.parse(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, '')) as SarifLog;
  return log.runs
    .flatMap((run) => run.results)
    .filter((r) => (r.level ?? 'warning') === 'error' || (r.level ?? 'warning') === 'warning')
    .map((r) => `${r.level ?? 'warning'} ${r.ruleId}: ${r.message.text}`);
}

describe('SARIF accepted by GitHub code scanning (SARIF Multitool)', function () {
  this.timeout(180000);
  let exe: string;
  let scratch: string;

  before(function () {
    if (!fs.existsSync(CLI)) assert.fail(`${CLI} is missing: run \`npm run build\` first`);
    const found = multitool();
    if (!found.path) {
      if (process.env.CI) assert.fail(`SARIF Multitool cannot run in CI: ${found.why}`);
      console.log(`    skipped: ${found.why}`);
      this.skip();
    }
    exe = found.path!;
    scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-sarif-')));
  });
  after(function () {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('reports zero errors and zero warnings on the example service (every rule, secrets included)', function () {
    const file = path.join(scratch, 'orders.sarif');
    fs.writeFileSync(file, lint(['examples/orders-service'], ROOT));
    const log = JSON.parse(fs.readFileSync(file, 'utf8')) as SarifLog;
    assert.ok(log.runs[0].results.length >= 15, 'the example has findings of most rules');
    assert.deepEqual(validate(exe, file, scratch), []);
  });

  it('reports zero errors and zero warnings for a repository scanned from a subfolder, with awkward file names', function () {
    const repo = path.join(scratch, 'repo');
    fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'services/api/src/#routes'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'services/api/package.json'), '{ "name": "api", "private": true, "dependencies": { "express": "4.21.0" } }\n');
    fs.writeFileSync(
      path.join(repo, 'services/api/src/#routes/my server.ts'),
      "import express from 'express';\nconst token = 'ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z';\nconsole.log('up');\nexpress().listen(3000);\n",
    );
    const file = path.join(scratch, 'repo.sarif');
    fs.writeFileSync(file, lint(['src'], path.join(repo, 'services/api')));
    const log = JSON.parse(fs.readFileSync(file, 'utf8')) as SarifLog;
    assert.ok(log.runs[0].results.length > 0);
    for (const result of log.runs[0].results) {
      const location = result.locations[0].physicalLocation.artifactLocation;
      assert.deepEqual(location, { uri: 'services/api/src/%23routes/my%20server.ts', uriBaseId: '%SRCROOT%' });
    }
    assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, `${new URL(`file://${repo}/`).href}`);
    assert.deepEqual(validate(exe, file, scratch), []);
  });
});
