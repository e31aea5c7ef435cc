// Route B of E2E.md: what a person sees. The packaged VSIX is installed into code-server (real VS Code), Chromium opens
// the workbench on test/e2e/workspace (copied to scratch), and each check drives the UI like a user would.
// Run through `npm run test:e2e` (test/e2e/run.ts), which packages the VSIX and passes its path in TWELVE_FACTOR_E2E_VSIX.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, CodeServer, REPO_ROOT, RESULTS_DIR, Scratch, installExtension } from './harness';
import { contributedSnippet, expandedLine, serverCapabilities } from './probe';
import {
  centre,
  editorText,
  expandViewRow,
  noSquiggleOnLine,
  openFile,
  openProblems,
  problemRows,
  quickFixTitles,
  runCommand,
  squiggleOnLine,
  tokenBox,
  viewLabels,
  viewRows,
  waitFor,
  waitForWorkbench,
  widenSideBar,
  type Severity,
} from './workbench';

const FILE = 'server.ts';
const SOURCE = 'twelve-factor';
/** The password in the workspace: no message may show it in full. */
const SECRET = 'Xq7#kP2v9Lm4Rt8w';

/**
 * What test/e2e/workspace/src/server.ts must show: every finding in it, each one a professional would agree with
 * (the same four `twelve-factor-lint test/e2e/workspace` prints).
 */
const EXPECTED: { rule: string; line: string; severity: Severity }[] = [
  { rule: 'config/no-hardcoded-secret', line: "password: 'Xq7#", severity: 'error' },
  { rule: 'disposability/handle-sigterm', line: 'app.listen(3000', severity: 'warning' },
  { rule: 'port-binding/no-hardcoded-port', line: 'app.listen(3000', severity: 'warning' },
  // A hint (issue 11): drawn in the editor, counted in the view, kept out of the Problems panel.
  { rule: 'logs/no-console', line: "console.log('orders", severity: 'hint' },
];
/** The Twelve-Factor view's rows, in the manifesto's order, with the state each must show for the workspace. */
const FACTOR_ROWS: Array<[string, RegExp]> = [
  ['I. Codebase', /^clean/],
  ['II. Dependencies', /^clean/],
  ['III. Config', /^1 error/],
  ['IV. Backing services', /^clean/],
  ['V. Build, release, run', /^clean/],
  ['VI. Processes', /^clean/],
  ['VII. Port binding', /^1 warning/],
  ['VIII. Concurrency', /^clean/],
  ['IX. Disposability', /^1 warning/],
  ['X. Dev/prod parity', /^clean/],
  ['XI. Logs', /^1 hint/],
  ['XII. Admin processes', /^clean/],
];
/** Screenshots every run keeps in test-results/e2e/ (the artifacts); the first is the marketplace's. */
const VIEW_SCREENSHOT = 'twelve-factor-view.png';
const PORT_RULE = { rule: 'port-binding/no-hardcoded-port', line: 'app.listen(3000', token: '3000' };
const SECRET_RULE = { rule: 'config/no-hardcoded-secret', line: "password: 'Xq7#" };
/** The config rules' fix: "Move to environment variable NAME". */
const MOVE_TO_ENV = /Move to environment variable ([A-Z][A-Z0-9_]*)/;
const CONSOLE_RULE = { rule: 'logs/no-console', line: "console.log('orders", token: 'console' };
/** The port quick fix, whatever its exact wording: it reads the port from the environment. */
const PORT_FIX_TITLE = /process\.env\.PORT|\bPORT\b/;
const SNIPPET_PREFIX = '12f-port';

let scratch: Scratch | undefined;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let failures = 0;

/** Marks the running test pending with a reason the reporter prints; a skipped check never counts as passed. */
function skipBecause(context: Mocha.Context, reason: string): never {
  if (context.test) context.test.title += ` [SKIPPED: ${reason}]`;
  context.skip();
}

describe('Twelve-Factor Lint in VS Code (code-server + Chromium)', function () {
  this.timeout(90_000);
  const savedEnv = { ...process.env };

  before(async function () {
    try {
      await setUp();
    } catch (error) {
      failures++;
      if (page) await page.screenshot({ path: path.join(RESULTS_DIR, 'set-up.png') }).catch(() => undefined);
      throw error;
    }
  });

  async function setUp(): Promise<void> {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const vsix = process.env.TWELVE_FACTOR_E2E_VSIX;
    assert.ok(vsix && fs.existsSync(vsix), 'TWELVE_FACTOR_E2E_VSIX must name a packaged VSIX; run `npm run test:e2e`');
    scratch = new Scratch();
    // Playwright puts Chromium's profile in os.tmpdir(); Chromium writes under the XDG folders.
    for (const key of ['TMPDIR', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME'] as const) process.env[key] = scratch.env[key];
    let mark = Date.now();
    installExtension(scratch, vsix);
    const installed = Date.now() - mark;
    mark = Date.now();
    server = await CodeServer.start(scratch);
    const started = Date.now() - mark;
    mark = Date.now();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, env: scratch.env, timeout: 30_000 });
    console.log(`      set-up: VSIX installed in ${installed} ms, code-server up in ${started} ms, Chromium in ${Date.now() - mark} ms`);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(scratch.workspace)}`, { timeout: 30_000 });
  }

  afterEach(async function () {
    const failed = this.currentTest?.state === 'failed';
    if (failed) failures++;
    // TWELVE_FACTOR_E2E_SCREENSHOTS=1 keeps a screenshot of every check, to see what passed
    if (!failed && !process.env.TWELVE_FACTOR_E2E_SCREENSHOTS) return;
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const name = (this.currentTest?.title || 'hook').replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 80);
    await page?.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`) }).catch(() => undefined);
  });

  after(async function () {
    this.timeout(30_000);
    if (failures > 0) keepLogs();
    const mark = Date.now();
    await browser?.close().catch(() => undefined);
    await server?.stop();
    console.log(`      tear-down: browser and code-server stopped in ${Date.now() - mark} ms`);
    scratch?.remove();
    for (const key of ['TMPDIR', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME'] as const) {
      if (savedEnv[key] === undefined) delete process.env[key];
      else process.env[key] = savedEnv[key];
    }
  });

  it('opens the workbench on the workspace', async () => {
    await waitForWorkbench(page);
  });

  it('lists the twelve factors in the Twelve-Factor view, with the findings of a file never opened', async () => {
    await runCommand(page, 'Twelve-Factor: Show the Twelve-Factor View');
    const labels = await waitFor('the twelve factor rows with their states', async () => {
      const found = await viewLabels(page);
      if (found.length !== FACTOR_ROWS.length) return undefined;
      const ok = FACTOR_ROWS.every(([title, state], i) => found[i].startsWith(`${title} `) && state.test(found[i].slice(title.length + 1)));
      return ok ? found : undefined;
    }, 45_000);
    // each row carries the factor's one-line summary
    assert.match(labels[2], /Store config in the environment\./);
    await widenSideBar(page, 560);
    await keepScreenshot('view-twelve-rows.png');
  });

  it('opens the line of a finding clicked in the view', async () => {
    await expandViewRow(page, 'VII. Port binding', 'port-binding/no-hardcoded-port');
    await expandViewRow(page, 'port-binding/no-hardcoded-port', `${FILE}`);
    await expandViewRow(page, FILE, 'Port 3000 is hard-coded');
    await viewRows(page).filter({ hasText: 'Port 3000 is hard-coded' }).first().click();
    await page.locator(`.tab.active[aria-label*="${FILE}"]`).waitFor({ timeout: 15_000 });
    const line = fs.readFileSync(path.join(scratch!.workspace, 'src', FILE), 'utf8').split('\n').findIndex((l) => l.includes('app.listen(3000')) + 1;
    // The finding's range is selected: the 4 characters of the port literal, ending at column 16.
    await waitFor(`the port literal selected on line ${line}`, async () =>
      (await selectionText()).includes(`Ln ${line}, Col 16 (4 selected)`) ? true : undefined,
    );
    await keepScreenshot('view-finding-opened.png');
  });

  it(`draws our squiggles when ${FILE} is opened`, async () => {
    await openFile(page, FILE);
    const opened = Date.now();
    for (const expected of EXPECTED) await squiggleOnLine(page, expected.severity, expected.line);
    console.log(`      our squiggles drawn ${Date.now() - opened} ms after the file opened (extension start included)`);
    // The marketplace picture: the view beside the squiggles, with Config opened too.
    await expandViewRow(page, 'III. Config', 'config/no-hardcoded-secret');
    await keepScreenshot(VIEW_SCREENSHOT);
  });

  it('lists our warnings and errors in the Problems panel with source and rule id, and no hint', async () => {
    await openProblems(page);
    for (const expected of EXPECTED.filter((e) => e.severity !== 'hint')) {
      const row = problemRows(page, expected.rule).first();
      await row.waitFor({ timeout: 20_000 });
      const text = await row.innerText();
      assert.ok(text.includes(SOURCE), `Problems row for ${expected.rule} should name the source ${SOURCE}: ${text}`);
      assert.ok(!text.includes(SECRET), `Problems row for ${expected.rule} echoes the secret in full: ${text}`);
    }
    // The rows above are listed, so the panel is up to date: the console hint is not among them.
    assert.equal(await problemRows(page, CONSOLE_RULE.rule).count(), 0, 'a hint is not listed in the Problems panel');
  });

  it('shows our message on hover', async () => {
    // handle-sigterm underlines the whole listen call too: point at the literal only the port rule covers
    const at = centre(await tokenBox(page, PORT_RULE.line, PORT_RULE.token));
    const hover = page.locator('.monaco-hover', { hasText: PORT_RULE.rule });
    await waitFor('our hover', async () => {
      await page.mouse.move(at.x, at.y - 30);
      await page.mouse.move(at.x, at.y);
      // the hover shows after a delay and only while the mouse rests: wait, don't poll-and-move
      return (await hover.first().waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => undefined));
    }, 20_000);
    const text = await hover.first().innerText();
    assert.ok(text.includes(SOURCE), `hover should name ${SOURCE}: ${text}`);
    assert.match(text, /3000|port/i, `hover should explain the hard-coded port: ${text}`);
    await page.keyboard.press('Escape');
  });

  it('opens the rule page, rendered and offline, from the link in the hover', async () => {
    const at = centre(await tokenBox(page, PORT_RULE.line, PORT_RULE.token));
    const link = page.locator('.monaco-hover a.code-link', { hasText: PORT_RULE.rule }).first();
    await waitFor('the rule link in the hover', async () => {
      await page.mouse.move(at.x, at.y - 30);
      await page.mouse.move(at.x, at.y);
      return link.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => undefined);
    }, 20_000);
    const href = (await link.getAttribute('href')) ?? '';
    assert.ok(!/^https?:/.test(href), `the link must not go to the network: ${href}`);
    await link.click();
    const page_ = 'no-hardcoded-port.md';
    await page.locator(`.tab.active[aria-label="Preview ${page_}"]`).waitFor({ timeout: 15_000 });
    // The Markdown preview is a webview: an iframe holding the rendered page in an inner iframe.
    const heading = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('h1');
    await waitFor('the rendered page', async () => ((await heading.first().innerText().catch(() => '')) === PORT_RULE.rule ? true : undefined));
    const sections = await page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('h2').allInnerTexts();
    assert.ok(sections.includes('Factor') && sections.includes('Options'), `rendered sections: ${JSON.stringify(sections)}`);
    await keepScreenshot('docs-from-hover.png');
    await page.keyboard.press('Control+W');
    await page.locator(`.tab.active[aria-label*="${FILE}"]`).waitFor({ timeout: 10_000 });
  });

  it('shows the status bar item', async () => {
    // vscode gives an extension's status bar entry the DOM id `<publisher>.<name>.<item id>`
    const item = page.locator('.statusbar-item[id^="twelve-factor.twelve-factor-lint"]').first();
    await item.waitFor({ state: 'visible', timeout: 20_000 });
    const label = `${await item.innerText()} ${(await item.locator('[aria-label]').first().getAttribute('aria-label')) ?? ''}`;
    assert.match(label, /12-Factor|Twelve-Factor/i, `status bar item: ${label}`);
    console.log(`      status bar item: ${label.replace(/\s+/g, ' ').trim()}`);
  });

  it('counts the workspace in the status bar item, whose menu offers the next steps', async () => {
    const item = page.locator('.statusbar-item[id^="twelve-factor.twelve-factor-lint"]').first();
    await waitFor('the finding count', async () => (/12-Factor: 5\b/.test(await item.innerText()) ? true : undefined), 30_000);
    await item.click();
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 10_000 });
    const labels = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    for (const wanted of ['Show the Twelve-Factor view', 'Show the output', 'Read the factor and rule docs', 'Get started', 'Disable for this workspace', 'Restart the server']) {
      assert.ok(labels.some((l) => l.includes(wanted)), `the menu should offer "${wanted}": ${JSON.stringify(labels)}`);
    }
    await keepScreenshot('status-menu.png');
    // the docs entry opens a second pick listing factors and rules
    await rows.filter({ hasText: 'Read the factor and rule docs' }).first().click();
    const docs = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'III. Config' }).first();
    await docs.waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
  });

  it('opens the walkthrough: the first ten minutes', async () => {
    await runCommand(page, 'Twelve-Factor: Get Started: The First Ten Minutes');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.locator('text=the first ten minutes').first().waitFor({ timeout: 20_000 });
    for (const step of ['See the twelve factors at a glance', 'Fix a finding with a quick fix', 'Write it right with a 12f- snippet']) {
      await walkthrough.locator(`text=${step}`).first().waitFor({ timeout: 10_000 });
    }
    await keepScreenshot('walkthrough.png');
    await page.keyboard.press('Control+W');
    await openFile(page, FILE);
  });

  it('applies a quick fix: disable logs/no-console for this line', async function () {
    await skipUnlessCodeActions(this);
    const rule = CONSOLE_RULE.rule;
    const at = centre(await tokenBox(page, CONSOLE_RULE.line, CONSOLE_RULE.token));
    const applied = await applyQuickFix(at, (title) => title.includes(`Disable ${rule} for this line`));
    assert.ok(applied.title, `the menu should offer "Disable ${rule} for this line"; it listed ${JSON.stringify(applied.titles)}`);
    const comment = `twelve-factor-disable-next-line ${rule}`;
    await waitFor('the disable comment in the editor', async () => ((await editorText(page)).includes(comment) ? true : undefined));
    await saveAndWaitOnDisk((text) => text.includes(comment));
    await noSquiggleOnLine(page, 'hint', CONSOLE_RULE.line);
  });

  it('moves the hard-coded password to an environment variable, adding it to .env.example', async function () {
    await skipUnlessCodeActions(this);
    const at = centre(await squiggleOnLine(page, 'error', SECRET_RULE.line));
    const applied = await applyQuickFix(at, (title) => MOVE_TO_ENV.test(title));
    if (!applied.title) {
      skipBecause(this, `${SECRET_RULE.rule} offers no "Move to environment variable" fix yet (menu: ${JSON.stringify(applied.titles)})`);
    }
    const name = MOVE_TO_ENV.exec(applied.title)![1];
    await waitFor(`process.env.${name} in the editor`, async () =>
      (await editorText(page)).includes(`process.env.${name}`) ? true : undefined,
    );
    assert.ok(!(await editorText(page)).includes(SECRET), 'the secret should be gone from the source');
    // the edit also creates .env.example, which no editor shows: save everything (Ctrl+K S)
    await page.keyboard.press('Control+K');
    await page.keyboard.press('s');
    await saveAndWaitOnDisk((text) => text.includes(`process.env.${name}`) && !text.includes(SECRET));
    const envExample = path.join(scratch!.workspace, '.env.example');
    const listed = await waitFor(`${name}= in .env.example`, async () => {
      const text = fs.existsSync(envExample) ? fs.readFileSync(envExample, 'utf8') : '';
      return new RegExp(`^${name}=`, 'm').test(text) ? text : undefined;
    });
    assert.ok(!listed.includes(SECRET), '.env.example must not receive the secret');
    await waitForRowGone(SECRET_RULE.rule);
  });

  it('applies the quick fix for the hard-coded port', async function () {
    await skipUnlessCodeActions(this);
    const at = centre(await tokenBox(page, PORT_RULE.line, PORT_RULE.token));
    const applied = await applyQuickFix(at, (title) => PORT_FIX_TITLE.test(title));
    if (!applied.title) {
      skipBecause(this, `${PORT_RULE.rule} offers no fix matching ${PORT_FIX_TITLE} yet (menu: ${JSON.stringify(applied.titles)})`);
    }
    await waitFor('the fix in the editor', async () => ((await editorText(page)).includes('process.env.PORT') ? true : undefined));
    assert.ok(!(await editorText(page)).includes('listen(3000'), 'the literal port should be gone');
    await saveAndWaitOnDisk((text) => text.includes('process.env.PORT'));
    await waitForRowGone(PORT_RULE.rule);
  });

  it(`expands the ${SNIPPET_PREFIX} snippet`, async function () {
    const snippet = contributedSnippet(REPO_ROOT, SNIPPET_PREFIX);
    if (!snippet) skipBecause(this, `package.json contributes no snippet with prefix ${SNIPPET_PREFIX} yet`);
    const expected = snippet.body.map(expandedLine).filter((line) => line.length > 0);
    assert.ok(expected.length > 0, `snippet ${SNIPPET_PREFIX} has an empty body`);
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type(SNIPPET_PREFIX, { delay: 20 });
    const row = page.locator('.suggest-widget .monaco-list-row', { hasText: SNIPPET_PREFIX }).first();
    await waitFor('the snippet in the suggestions', async () => {
      if (await row.isVisible()) return true;
      await page.keyboard.press('Control+Space');
      return row.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => undefined);
    });
    await row.click(); // not Enter: another completion may hold the focus
    await waitFor(`"${expected[0]}" in the editor`, async () => ((await editorText(page)).includes(expected[0]) ? true : undefined));
    // the editor renders only the lines in view: compare the whole expansion on disk
    await saveAndWaitOnDisk((text) => expected.every((line) => text.includes(line)));
  });

  it('reports in a Dockerfile too: a .env file copied into the image, opened from the view (issue 9)', async () => {
    await expandViewRow(page, 'III. Config', 'config/no-env-file-in-image');
    await expandViewRow(page, 'config/no-env-file-in-image', 'Dockerfile');
    await expandViewRow(page, 'Dockerfile', 'copies a .env file into the image');
    await viewRows(page).filter({ hasText: 'copies a .env file into the image' }).first().click();
    await page.locator('.tab.active[aria-label*="Dockerfile"]').waitFor({ timeout: 15_000 });
    await openProblems(page);
    const row = problemRows(page, 'config/no-env-file-in-image').first();
    await row.waitFor({ timeout: 30_000 });
    const text = await row.innerText();
    assert.ok(text.includes(SOURCE), `Problems row should name the source ${SOURCE}: ${text}`);
    assert.match(text, /copies a \.env file into the image/);
    await keepScreenshot('dockerfile-finding.png');
  });
});

/** Saves a screenshot every run keeps (test-results/e2e/<name>); TWELVE_FACTOR_E2E_UPDATE_DOCS=1 also copies the view's to docs/images/. */
async function keepScreenshot(name: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, name);
  await page.screenshot({ path: file });
  if (name === VIEW_SCREENSHOT && process.env.TWELVE_FACTOR_E2E_UPDATE_DOCS === '1') {
    fs.mkdirSync(path.join(REPO_ROOT, 'docs', 'images'), { recursive: true });
    fs.copyFileSync(file, path.join(REPO_ROOT, 'docs', 'images', name));
  }
}

/** The selection as the status bar shows it: "Ln 15, Col 16 (4 selected)". */
async function selectionText(): Promise<string> {
  return page.locator('[id="status.editor.selection"]').first().innerText().catch(() => '');
}

let codeActions: boolean | undefined;

/** Skips a quick-fix check, saying why, when the bundled server does not advertise code actions. */
async function skipUnlessCodeActions(context: Mocha.Context): Promise<void> {
  codeActions ??= Boolean(
    (await serverCapabilities(path.join(REPO_ROOT, 'server', 'out', 'server.js'), scratch!.env)).codeActionProvider,
  );
  if (!codeActions) skipBecause(context, 'the language server does not advertise codeActionProvider yet');
}

/**
 * Opens the quick-fix menu at `at` until it lists a title that `wanted` accepts (our provider may answer after the
 * built-in TypeScript one, or be cancelled once), then applies it. Returns the titles seen when none matched.
 */
async function applyQuickFix(
  at: { x: number; y: number },
  wanted: (title: string) => boolean,
): Promise<{ title?: string; titles: string[] }> {
  let titles: string[] = [];
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    titles = await quickFixTitles(page, at);
    const title = titles.find(wanted);
    if (title !== undefined) {
      await page.locator('.action-widget .monaco-list-row.action', { hasText: title }).first().click();
      return { title, titles };
    }
    await page.keyboard.press('Escape');
    if (titles.some((t) => t.includes(SOURCE) || t.startsWith('Disable '))) break; // ours answered without it
  }
  return { titles };
}

async function saveAndWaitOnDisk(accept: (text: string) => boolean): Promise<void> {
  await page.keyboard.press('Control+S');
  const onDisk = path.join(scratch!.workspace, 'src', FILE);
  await waitFor(`the saved ${FILE} on disk`, async () => (accept(fs.readFileSync(onDisk, 'utf8')) ? true : undefined));
}

async function waitForRowGone(rule: string): Promise<void> {
  await openProblems(page);
  await waitFor(`the ${rule} row to leave the Problems panel`, async () =>
    (await problemRows(page, rule).count()) === 0 ? true : undefined,
  );
}

/** Keeps code-server's and the extension host's logs next to the screenshots when a check failed. */
function keepLogs(): void {
  if (!scratch) return;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const logs = path.join(scratch.userData, 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, path.join(RESULTS_DIR, 'logs'), { recursive: true });
  if (server) fs.writeFileSync(path.join(RESULTS_DIR, 'code-server.log'), server.log());
}
