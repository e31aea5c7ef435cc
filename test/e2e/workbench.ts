// Steps a person takes in the VS Code workbench, written against selectors that held across many runs (E2E.md).
// Every wait has a deadline; nothing sleeps for a fixed time and hopes.
import type { Locator, Page } from 'playwright-core';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Polls `probe` until it returns a value other than undefined, or throws `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message.split('\n')[0]})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
}

export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label*="${fileName}"]`).waitFor({ timeout: 10_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 10_000 });
}

/** The visible text of the active editor, with Monaco's non-breaking spaces turned back into spaces. */
export async function editorText(page: Page): Promise<string> {
  const text = await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box | undefined> {
  return (await locator.boundingBox()) ?? undefined;
}

/**
 * The squiggle of the given severity drawn on the editor line containing `lineText`. The built-in TypeScript extension
 * draws squiggles of its own (e.g. on an unresolved import), so a squiggle counts only when it sits on our line.
 */
export async function squiggleOnLine(page: Page, severity: Severity, lineText: string, timeoutMs = 30_000): Promise<Box> {
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  return waitFor(
    `a .squiggly-${severity} on the line containing "${lineText}"`,
    async () => {
      const line = await boxOf(editor.locator('.view-line', { hasText: lineText }).first());
      if (!line) return undefined;
      for (const squiggle of await editor.locator(`.squiggly-${severity}`).all()) {
        const box = await boxOf(squiggle);
        if (!box || box.width === 0) continue;
        const middle = box.y + box.height / 2;
        if (middle >= line.y && middle <= line.y + line.height) return box;
      }
      return undefined;
    },
    timeoutMs,
  );
}

/** The box of `token`, a whole Monaco token (e.g. a number literal), on the editor line containing `lineText`. */
export async function tokenBox(page: Page, lineText: string, token: string, timeoutMs = 10_000): Promise<Box> {
  const line = page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: lineText }).first();
  const element = line.getByText(token, { exact: true }).first();
  await element.waitFor({ timeout: timeoutMs });
  return waitFor(`the box of "${token}"`, () => boxOf(element), timeoutMs);
}

export function centre(box: Box): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Rows of the Problems panel (opened with Ctrl+Shift+M) that mention `text`. */
export function problemRows(page: Page, text: string): Locator {
  return page.locator('.markers-panel .monaco-list-row', { hasText: text });
}

export async function openProblems(page: Page): Promise<void> {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ timeout: 10_000 });
}

/**
 * Opens the quick-fix menu at `at` and returns the titles it lists. Control+. is retried: the first request is often
 * cancelled while the built-in TypeScript extension registers its own providers (E2E.md, Route A notes).
 */
export async function quickFixTitles(page: Page, at: { x: number; y: number }, attempts = 3): Promise<string[]> {
  let titles: string[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    await page.mouse.click(at.x, at.y);
    await page.keyboard.press('Control+.');
    const rows = page.locator('.action-widget .monaco-list-row.action');
    try {
      await rows.first().waitFor({ timeout: 5_000 });
      titles = (await rows.allInnerTexts()).map((t) => t.trim());
      if (titles.length > 0) return titles;
    } catch {
      // nothing listed yet: close whatever opened and try again
    }
    await page.keyboard.press('Escape');
  }
  return titles;
}

/**
 * Runs a command from the command palette by its title (as the palette lists it: "Category: Title"). The palette's
 * first opening can list the commands before an extension's contributions arrive: then it is closed and opened again.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await waitFor(`"${title}" in the command palette`, async () => {
    await page.keyboard.press('Control+Shift+P');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${title}`);
    if (await row.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return true;
    await page.keyboard.press('Escape');
    return undefined;
  }, timeoutMs);
  await row.click();
}

/** The rows of the Twelve-Factor view (the view container `twelveFactor` in the activity bar). */
export function viewRows(page: Page): Locator {
  return page.locator('[id="workbench.view.extension.twelveFactor"] .monaco-list-row');
}

/** The accessible labels of the view's rows (label and description), top to bottom. */
export async function viewLabels(page: Page): Promise<string[]> {
  return viewRows(page).evaluateAll((rows) =>
    rows
      .map((row) => ({ top: Number.parseFloat((row as unknown as { style: { top: string } }).style.top || '0'), label: row.getAttribute('aria-label') ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((row) => row.label),
  );
}

/** Waits until no squiggle of `severity` sits on the editor line containing `lineText` (the line itself still shown). */
export async function noSquiggleOnLine(page: Page, severity: Severity, lineText: string, timeoutMs = 20_000): Promise<void> {
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await waitFor(
    `no .squiggly-${severity} on the line containing "${lineText}"`,
    async () => {
      const line = await boxOf(editor.locator('.view-line', { hasText: lineText }).first());
      if (!line) return undefined;
      for (const squiggle of await editor.locator(`.squiggly-${severity}`).all()) {
        const box = await boxOf(squiggle);
        if (!box || box.width === 0) continue;
        const middle = box.y + box.height / 2;
        if (middle >= line.y && middle <= line.y + line.height) return undefined;
      }
      return true;
    },
    timeoutMs,
  );
}

/** Drags the sash right of the side bar to make it `width` pixels wide (for readable screenshots). */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const sidebar = await boxOf(page.locator('[id="workbench.parts.sidebar"]'));
  if (!sidebar) return;
  const y = sidebar.y + sidebar.height / 2;
  const x = sidebar.x + sidebar.width + 1;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(sidebar.x + width, y, { steps: 8 });
  await page.mouse.up();
}

/**
 * Expands the view's row with `text` until the row with `child` shows under it. The tree redraws when a new report
 * arrives (ids are stable, so expansion is kept), and a click that lands during a redraw can be lost: retried.
 */
export async function expandViewRow(page: Page, text: string, child: string, timeoutMs = 20_000): Promise<void> {
  const row = viewRows(page).filter({ hasText: text }).first();
  const shown = viewRows(page).filter({ hasText: child }).first();
  await waitFor(`"${child}" under "${text}" in the view`, async () => {
    if (await shown.isVisible()) return true;
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    return shown.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => undefined);
  }, timeoutMs);
}
