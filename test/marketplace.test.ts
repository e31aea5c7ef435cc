// The VSIX a user installs: what ships (`vsce ls`), its page (docs/marketplace.md, packaged as the README), icon and
// gallery fields. The page must keep naming every rule, setting and command, so that a new one is documented for users.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FACTOR_INFO } from '../server/src/analyzer/factors';
import { RULES } from '../server/src/analyzer/rules/index';

const ROOT = path.resolve(__dirname, '..', '..');
const PAGE = path.join(ROOT, 'docs', 'marketplace.md');

interface Manifest {
  icon: string;
  galleryBanner: { color: string; theme: string };
  categories: string[];
  keywords: string[];
  scripts: Record<string, string>;
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    menus: { commandPalette: Array<{ command: string; when: string }> };
    configuration: { properties: Record<string, { default: unknown }> };
  };
}

const manifest = (): Manifest => JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('marketplace page and package', function () {
  this.timeout(30_000);
  const page = fs.readFileSync(PAGE, 'utf8');

  it('is packaged as the VSIX README, while the repository README keeps its two set-up commands at the top', () => {
    assert.match(manifest().scripts.package, /vsce package .*--readme-path docs\/marketplace\.md/);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
    assert.equal(readme[0], '# Twelve-Factor Lint');
    const commands = readme.slice(0, 8).filter((line) => /^npm ci && npm (run example|test)\b/.test(line));
    assert.equal(commands.length, 2, 'the two set-up commands open the README');
  });

  it('says what it checks for each of the twelve factors, linking every rule', () => {
    for (const info of FACTOR_INFO) assert.ok(page.includes(`| ${info.numeral}. ${info.title} |`), `${info.numeral}. ${info.title} is missing`);
    for (const rule of RULES) assert.ok(page.includes(`[\`${rule.id}\`](docs/rules/${rule.id}.md)`), `${rule.id} is not linked`);
  });

  it('lists every setting with its default, and every command a user can run', () => {
    const { contributes } = manifest();
    for (const [key, schema] of Object.entries(contributes.configuration.properties)) {
      assert.ok(page.includes(`| \`${key}\` | \`${typeof schema.default === 'string' ? schema.default || '""' : JSON.stringify(schema.default)}\` |`), `${key} is missing`);
    }
    const hidden = new Set(contributes.menus.commandPalette.filter((entry) => entry.when === 'false').map((entry) => entry.command));
    for (const command of contributes.commands.filter((c) => !hidden.has(c.command))) {
      assert.ok(page.includes(command.title), `the command "${command.title}" is missing`);
    }
  });

  it('shows the screenshot the end-to-end suite takes, and links only files that exist', () => {
    assert.match(page, /!\[[^\]]+\]\(docs\/images\/twelve-factor-view\.png\)/);
    const { width } = pngSize(path.join(ROOT, 'docs/images/twelve-factor-view.png'));
    assert.ok(width >= 1000, `a readable screenshot (${width} px wide)`);
    // vsce rewrites relative links against the repository root, so they are written from the root.
    for (const [, target] of page.matchAll(/\]\(((?!https?:|#)[^)]+)\)/g)) {
      assert.ok(fs.existsSync(path.join(ROOT, target)), `${target} does not exist`);
    }
  });

  it('has an icon, a gallery banner, categories and keywords', () => {
    const m = manifest();
    const icon = pngSize(path.join(ROOT, m.icon));
    assert.ok(icon.width >= 128 && icon.width === icon.height, `a square icon of at least 128 px (${icon.width}×${icon.height})`);
    assert.match(m.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(m.galleryBanner.theme));
    assert.ok(m.categories.includes('Linters'));
    assert.ok(m.keywords.length > 0 && m.keywords.length <= 30, 'the marketplace takes at most 30 keywords');
  });

  it('ships the bundles, snippets, docs, walkthrough and icons, and no source, test or dependency (vsce ls)', () => {
    const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
    const listed = execFileSync(vsce, ['ls', '--no-dependencies', '--readme-path', 'docs/marketplace.md'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .sort();
    const expected = [
      'package.json',
      'LICENSE',
      'CHANGELOG.md',
      'docs/marketplace.md',
      'client/out/extension.js',
      'server/out/server.js',
      'snippets/typescript.json',
      'snippets/javascript.json',
      'media/icon.png',
      'media/activity-bar.svg',
      'docs/images/twelve-factor-view.png',
      ...RULES.map((rule) => `docs/rules/${rule.id}.md`),
      ...FACTOR_INFO.map((info) => `docs/factors/${info.slug}.md`),
    ];
    for (const file of expected) assert.ok(listed.includes(file), `${file} does not ship`);
    const walkthrough = listed.filter((file) => file.startsWith('media/walkthrough/'));
    assert.ok(walkthrough.includes('media/walkthrough/sample-service.ts'), 'the walkthrough sample ships');
    const unexpected = listed.filter((file) => !expected.includes(file) && !file.startsWith('media/walkthrough/'));
    assert.deepEqual(unexpected, [], 'nothing else ships (sources, tests, source maps, the CLI bundle, node_modules)');
  });

  it('ships no text shaped like a provider token, which vsce package refuses as a leaked secret', () => {
    const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
    const listed = execFileSync(vsce, ['ls', '--no-dependencies', '--readme-path', 'docs/marketplace.md'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter((file) => /\.(md|json|ts|js|txt)$/.test(file) && !file.endsWith('/out/server.js') && !file.endsWith('/out/extension.js'));
    for (const page of ['docs/marketplace.md', 'docs/rules/config/no-hardcoded-secret.md']) assert.ok(listed.includes(page), `${page} is scanned`);
    // The key formats vsce's scan names (GitHub, AWS, Stripe, Slack, private keys): docs show them as `ghp_…`, never whole.
    const TOKEN = /\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|AKIA[0-9A-Z]{16}|[sr]k_live_[0-9A-Za-z]{20,}|xox[abprs]-[0-9A-Za-z-]{10,})|-----BEGIN [A-Z ]*PRIVATE KEY-----/;
    const found = listed.flatMap((file) => {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      return text.split('\n').flatMap((line, i) => (TOKEN.test(line) ? [`${file}:${i + 1}`] : []));
    });
    assert.deepEqual(found, []);
  });
});
