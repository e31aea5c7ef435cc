// Entry point of `npm run test:e2e` (after `npm run build`): checks that code-server, Node 24 and Chromium are installed
// (test/e2e/install.sh), packages the extension into a temporary VSIX, and runs the Route B suite with mocha (what a
// person sees), then the Route A suite inside the extension host (what the API sees). TWELVE_FACTOR_E2E_ROUTES=b or =a
// runs one route only.
// Without the prerequisites it prints SKIPPED and exits 0, unless CI is set and TWELVE_FACTOR_E2E=required.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Mocha from 'mocha';
import { REPO_ROOT, RESULTS_DIR, missingPrerequisites, removeLater, runPendingCleanups } from './harness';
import { runExtensionHostSuite } from './route-a/run';

const required = Boolean(process.env.CI) && process.env.TWELVE_FACTOR_E2E === 'required';

function skip(reason: string): never {
  if (required) {
    console.error(`FAILED: end-to-end tests are required here (CI, TWELVE_FACTOR_E2E=required) but ${reason}`);
    process.exit(1);
  }
  console.log(`SKIPPED: end-to-end tests: ${reason}`);
  process.exit(0);
}

function packageVsix(outDir: string): string {
  const vsix = path.join(outDir, 'twelve-factor-lint.vsix');
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  // The same flags as `npm run package`: the VSIX's README is the user page, docs/marketplace.md.
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--readme-path', 'docs/marketplace.md', '-o', vsix], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0 || !fs.existsSync(vsix)) {
    throw new Error(`vsce package failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return vsix;
}

async function main(): Promise<number> {
  const missing = missingPrerequisites();
  if (missing.length > 0) skip(`missing ${missing.join(', ')}; run test/e2e/install.sh first`);
  for (const bundle of ['client/out/extension.js', 'server/out/server.js']) {
    if (!fs.existsSync(path.join(REPO_ROOT, bundle))) skip(`${bundle} is not built; run npm run build first`);
  }

  const routes = (process.env.TWELVE_FACTOR_E2E_ROUTES ?? 'b,a').split(',').map((r) => r.trim().toLowerCase());
  const started = Date.now();
  fs.rmSync(RESULTS_DIR, { recursive: true, force: true }); // screenshots of an earlier run would mislead
  let failed = false;
  if (routes.includes('b')) failed = (await routeB()) > 0;
  if (routes.includes('a')) {
    const routeStarted = Date.now();
    console.log('\nRoute A: the suite inside the extension host (@vscode/test-electron + stand-in)');
    try {
      await runExtensionHostSuite();
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      failed = true;
    }
    console.log(`Route A took ${((Date.now() - routeStarted) / 1000).toFixed(1)} s`);
  }
  console.log(`end-to-end run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return failed ? 1 : 0;
}

/** Route B: package the VSIX, install it into code-server, drive the workbench. Returns the number of failures. */
async function routeB(): Promise<number> {
  const started = Date.now();
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twelve-factor-e2e-vsix-'));
  const removePackDir = removeLater(packDir);
  try {
    const vsix = packageVsix(packDir);
    console.log(`packaged ${path.basename(vsix)} (${Math.round(fs.statSync(vsix).size / 1024)} KiB) in ${Date.now() - started} ms`);
    process.env.TWELVE_FACTOR_E2E_VSIX = vsix;
    const mocha = new Mocha({ timeout: 90_000, reporter: 'spec', color: process.stdout.isTTY });
    mocha.addFile(path.join(__dirname, 'extension.e2e.js'));
    const failures = await new Promise<number>((resolve) => mocha.run(resolve));
    console.log(`Route B took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (failures > 0) console.log(`screenshots and logs: ${path.relative(REPO_ROOT, RESULTS_DIR)}/`);
    return failures;
  } finally {
    removePackDir();
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    runPendingCleanups();
    process.exit(130);
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
