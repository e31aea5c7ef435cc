// Renders media/icon.svg to media/icon.png (256×256, transparent corners) with the Chromium the e2e suite drives,
// so the marketplace icon is drawn from a reviewable source: `npm run build && node out/test/e2e/render-icon.js`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, REPO_ROOT } from './harness';

async function main(): Promise<void> {
  const svg = fs.readFileSync(path.join(REPO_ROOT, 'media', 'icon.svg'), 'utf8');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'twelve-factor-icon-'));
  const env = { ...process.env, TMPDIR: scratch, XDG_CONFIG_HOME: scratch, XDG_CACHE_HOME: scratch, XDG_DATA_HOME: scratch };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, env });
  try {
    const page = await browser.newPage({ viewport: { width: 256, height: 256 }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const out = path.join(REPO_ROOT, 'media', 'icon.png');
    await page.locator('svg').screenshot({ path: out, omitBackground: true });
    console.log(`wrote ${path.relative(REPO_ROOT, out)} (${fs.statSync(out).size} bytes)`);
  } finally {
    await browser.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
