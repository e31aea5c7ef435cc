// `--format html` in a real browser: Debian's Chromium driven by playwright-core (../shared/E2E.md). The page must
// render with its inline CSS under its own Content-Security-Policy, request nothing but itself, show the twelve
// factors and the findings, and keep a hostile file name as text. The screenshot is kept in test-results/html-report/
// for a person to look at. Without Chromium the test skips with the reason; under CI it fails instead (.ci/run
// installs Chromium before `npm test`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');
const CHROMIUM = process.env.TWELVE_FACTOR_E2E_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test-results', 'html-report');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

describe('--format html in Chromium (screenshot)', function () {
  this.timeout(120000);
  let scratch: string;
  let browser: Browser | undefined;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.CI) assert.fail(`Chromium is required in CI for the HTML report test: ${CHROMIUM} is missing (test/e2e/install.sh installs it)`);
      console.log(`    skipped: ${CHROMIUM} is missing (install Debian's chromium, or run test/e2e/install.sh)`);
      this.skip();
    }
    scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-html-')));
    const { chromium } = await import('playwright-core');
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    Object.assign(env, {
      TMPDIR: scratch,
      XDG_CONFIG_HOME: path.join(scratch, 'config'),
      XDG_DATA_HOME: path.join(scratch, 'data'),
      XDG_CACHE_HOME: path.join(scratch, 'cache'),
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, env });
  });
  after(async function () {
    await browser?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('renders the twelve factors and the findings with its own CSS, loading nothing', async function () {
    const project = path.join(scratch, 'project');
    fs.cpSync(path.join(ROOT, 'examples/orders-service'), project, { recursive: true });
    fs.mkdirSync(path.join(project, '.git'));
    fs.writeFileSync(path.join(project, 'src/<img src=x onerror=alert(1)>.ts'), "console.log('<b>bold?</b>');\n");
    const lint = spawnSync(process.execPath, [CLI, '--format', 'html', '-o', path.join(scratch, 'report.html'), '.'], { cwd: project, encoding: 'utf8' });
    assert.equal(lint.status, 1, lint.stderr);

    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const url = pathToFileURL(path.join(scratch, 'report.html')).href;
    await page.goto(url);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });

    assert.deepEqual(requests, [url], 'the page loads nothing but itself');
    assert.deepEqual(problems, [], 'no CSP violation, no script');
    assert.equal(await page.locator('h1').innerText(), 'Twelve-Factor Lint');
    const rows = page.locator('main > table tbody tr');
    assert.equal(await rows.count(), 12);
    assert.match(await rows.nth(2).innerText(), /^III\.\s*Config/);
    // The inline style sheet applies: an error pill is drawn in a red, with a border.
    const pill = page.locator('main > table tbody tr').nth(2).locator('.pill');
    const style = await pill.evaluate((el) => {
      type Computed = { color: string; borderTopStyle: string; borderTopLeftRadius: string };
      const s = (globalThis as unknown as { getComputedStyle(element: unknown): Computed }).getComputedStyle(el);
      return { color: s.color, border: s.borderTopStyle, radius: s.borderTopLeftRadius };
    });
    const [r, g, b] = (style.color.match(/\d+/g) ?? []).map(Number);
    assert.ok(r > 150 && g < 100 && b < 100, `error pill color ${style.color}`);
    assert.equal(style.border, 'solid');
    assert.equal(style.radius, '10px');
    // The hostile file name is text, not an element.
    assert.equal(await page.locator('main img').count(), 0);
    assert.ok((await page.locator('body').innerText()).includes('src/<img src=x onerror=alert(1)>.ts:1:1'));
    assert.equal(await page.locator('b').count(), 0);
    // Findings are folded per factor and open; the first rule of Config lists the secrets.
    const config = page.locator('details', { hasText: 'Config' }).first();
    assert.equal(await config.getAttribute('open'), '');
    assert.ok(await config.locator('tr').count() >= 3);
    const box = await page.locator('main').boundingBox();
    assert.ok(box && box.width > 900 && box.height > 900, `laid out: ${JSON.stringify(box)}`);
    assert.ok(fs.statSync(shot).size > 20000, 'a real screenshot');
    await page.close();
  });
});
