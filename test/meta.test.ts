// Conventions that keep the project navigable, enforced: rule id = file path = test path = docs path,
// the analyzer stays editor-free, and editor settings in package.json match the server's defaults.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { EDITOR_LANGUAGE_IDS, SUPPORTED_FILE_GLOBS, languageOf } from '../server/src/analyzer/languages/index';
import { FACTORS } from '../server/src/analyzer/rule';
import { RULES } from '../server/src/analyzer/rules/index';
import { LANGUAGES } from '../server/src/lsp/languages';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../server/src/lsp/settings';
import { isAnalyzedFile } from '../server/src/project/files';
import { FILE_PATTERNS, OTHER_LANGUAGES } from '../server/src/lsp/languages';
import { rulesSettingSchema } from './support/manifest';

const ROOT = path.resolve(__dirname, '..', '..');

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, ext));
    else if (ext.test(entry.name)) out.push(full);
  }
  return out;
}

describe('project conventions', () => {
  it('registers rules sorted by id, each id unique', () => {
    const ids = RULES.map((rule) => rule.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('has an id of the form <factor>/<kebab-name> matching its factor', () => {
        const [factor, name] = rule.id.split('/');
        assert.ok((FACTORS as readonly string[]).includes(factor), `unknown factor ${factor}`);
        assert.equal(rule.factor, factor);
        assert.match(name, /^[a-z]+(-[a-z]+)*$/);
      });
      it('lives in the file named by its id, with a test and a docs page of the same name', () => {
        const source = path.join(ROOT, 'server/src/analyzer/rules', `${rule.id}.ts`);
        assert.ok(fs.existsSync(source), `missing ${source}`);
        assert.match(fs.readFileSync(source, 'utf8'), new RegExp(`id: '${rule.id}'`));
        assert.ok(fs.existsSync(path.join(ROOT, 'test/rules', `${rule.id}.test.ts`)), 'missing rule test');
        const docs = path.join(ROOT, 'docs/rules', `${rule.id}.md`);
        assert.ok(fs.existsSync(docs), 'missing docs page');
        assert.match(fs.readFileSync(docs, 'utf8'), new RegExp(`^# ${rule.id}`));
      });
      it('has a description and non-empty messages', () => {
        assert.ok(rule.description.length > 10 && !/TODO/.test(rule.description));
        for (const message of Object.values<string>(rule.messages)) assert.ok(message.length > 0 && !/TODO/.test(message));
      });
    });
  }

  it('has no rule file that is not registered', () => {
    const registered = new Set<string>(RULES.map((rule) => rule.id));
    const files = filesUnder(path.join(ROOT, 'server/src/analyzer/rules'), /\.ts$/)
      .map((file) => path.relative(path.join(ROOT, 'server/src/analyzer/rules'), file).replace(/\\/g, '/'))
      .filter((file) => file.includes('/'))
      .map((file) => file.replace(/\.ts$/, ''));
    assert.deepEqual(files.filter((id) => !registered.has(id)), []);
  });

  it('lets no rule judge a file by its path: what a file is comes from the classifier (roles.ts), the one door', () => {
    // A rule reads ctx.fileKind (role, skipIn groups, traits) or ctx.project.packageRole; a regular expression or a
    // name test over ctx.relativePath / ctx.fileName inside a rule is a second judgement that drifts from the first.
    // Naming the file (is it package.json? a .env file?) is not a role decision: compare its base name
    // (`ctx.fileName.replace(/\\/g, '/').split('/').pop() === 'package.json'`).
    const offenders: string[] = [];
    for (const file of filesUnder(path.join(ROOT, 'server/src/analyzer/rules'), /\.ts$/)) {
      const text = fs.readFileSync(file, 'utf8');
      const name = path.relative(ROOT, file);
      // Resolving imports from the file's folder reads its path, and is not a role decision; a pattern over it is.
      for (const match of text.matchAll(/\/[^/\n]+\/[a-z]*\.(?:test|exec)\(\s*ctx\.(?:fileName|relativePath)\b|ctx\.(?:fileName|relativePath)\s*\.\s*(?:match|matchAll|search|includes|startsWith|endsWith)\(|startedOnlyByDevScripts\(/g)) {
        offenders.push(`${name}: ${match[0]}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('keeps the analyzer free of editor imports', () => {
    const offenders = filesUnder(path.join(ROOT, 'server/src/analyzer'), /\.ts$/).filter((file) =>
      /from\s+['"](vscode|vscode-languageserver[\w/-]*|vscode-languageclient[\w/-]*)['"]|require\(['"]vscode/.test(
        fs.readFileSync(file, 'utf8'),
      ),
    );
    assert.deepEqual(offenders, []);
  });

  it('lets the LSP, CLI and file-discovery adapters reach the analyzer only through its public face (analyzer/index.ts)', () => {
    const offenders: string[] = [];
    for (const folder of ['lsp', 'cli', 'project']) {
      for (const file of filesUnder(path.join(ROOT, 'server/src', folder), /\.ts$/)) {
        const text = fs.readFileSync(file, 'utf8');
        for (const match of text.matchAll(/(?:from\s+|require\(|import\()['"]((?:\.\.\/)+analyzer\/[^'"]+)['"]/g)) {
          offenders.push(`${path.relative(ROOT, file)}: ${match[1]}`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('has one list of the files the analyzer reads: the walker, the watchers and the client selector agree with it', () => {
    const names = [
      'src/server.ts', 'a.tsx', 'b.mjs', 'c.cjs', 'types.d.ts', 'package.json', 'apps/api/package.json', '.twelvefactorrc.json',
      'tsconfig.json', 'Dockerfile', 'dockerfile', 'Dockerfile.prod', 'docker/api.Dockerfile', 'Containerfile', 'Dockerfile.md',
      '.env', '.env.example', '.env.production.local', 'config/app.env', '.envrc', 'README.md', 'docker-compose.yml',
    ];
    const globMatch = picomatch([...SUPPORTED_FILE_GLOBS], { dot: true });
    for (const name of names) {
      // A glob may let through more than the analyzer reads (`.env*`); never less.
      if (languageOf(name)) assert.ok(globMatch(name), `${name} is read but no watcher glob matches it`);
    }
    // The walker reads what the analyzer reads (the config file is read as configuration, not scanned).
    for (const name of names) {
      assert.equal(isAnalyzedFile(name), languageOf(name) !== undefined && !name.endsWith('.twelvefactorrc.json'), name);
    }
    // The client's document selector takes its lists from server/src/lsp/languages.ts (data only, so the client
    // bundle stays small): they must be the analyzer's.
    assert.deepEqual([...LANGUAGES], [...EDITOR_LANGUAGE_IDS.typescript]);
    assert.deepEqual([...FILE_PATTERNS], SUPPORTED_FILE_GLOBS.filter((glob) => !glob.startsWith('**/*.{ts')));
    assert.deepEqual([...OTHER_LANGUAGES], [...EDITOR_LANGUAGE_IDS.dockerfile]);
    const client = fs.readFileSync(path.join(ROOT, 'client/src/extension.ts'), 'utf8');
    assert.match(client, /FILE_PATTERNS\.map\(/);
    assert.match(client, /OTHER_LANGUAGES\.map\(/);
  });

  it('documents every option a rule declares, and no other', () => {
    for (const rule of RULES) {
      const docs = fs.readFileSync(path.join(ROOT, 'docs/rules', `${rule.id}.md`), 'utf8');
      const section = /^## Options\n([\s\S]*?)(?=^## |$(?![\s\S]))/m.exec(docs)?.[1] ?? '';
      const declared = Object.keys(rule.options ?? {});
      if (declared.length === 0) {
        assert.match(section, /^None\b/m, `${rule.id}: takes no options, so its Options section says "None."`);
        continue;
      }
      for (const name of declared) assert.ok(section.includes(`\`${name}\``), `${rule.id}: option ${name} is not documented`);
    }
  });

  it('keeps the server free of client imports', () => {
    const offenders = filesUnder(path.join(ROOT, 'server/src'), /\.ts$/).filter((file) =>
      /from\s+['"][./]*\/client\//.test(fs.readFileSync(file, 'utf8')),
    );
    assert.deepEqual(offenders, []);
  });

  it('declares every editor setting in package.json with the default DEFAULT_SETTINGS has, a scope and a description', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, Record<string, unknown>> } };
    };
    const properties = pkg.contributes.configuration.properties;
    const flatten = (value: Record<string, unknown>, prefix: string): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        // `rules` is itself an object-valued setting; `trace` is only a namespace for `trace.server`.
        if (child !== null && typeof child === 'object' && !Array.isArray(child) && key !== 'rules') {
          Object.assign(out, flatten(child as Record<string, unknown>, `${prefix}${key}.`));
        } else out[`${prefix}${key}`] = child;
      }
      return out;
    };
    const defaults = flatten(DEFAULT_SETTINGS as unknown as Record<string, unknown>, `${SETTINGS_SECTION}.`);
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(defaults).sort());
    for (const [key, schema] of Object.entries(properties)) {
      assert.deepEqual(schema.default, defaults[key], `${key} default`);
      assert.ok(typeof schema.scope === 'string', `${key} scope`);
      assert.ok(typeof (schema.description ?? schema.markdownDescription) === 'string', `${key} description`);
    }
  });

  it('names no path of the machine it was written on (the shared folder is ../shared/)', () => {
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    const offenders = tracked.filter((file) => {
      if (!/\.(ts|js|mjs|json|md|sh|yml|yaml)$|(^|\/)[^.]+$/.test(file) || file === 'package-lock.json') return false;
      const full = path.join(ROOT, file);
      if (!fs.existsSync(full) || !fs.statSync(full).isFile()) return false;
      return /\/work\/(shared|main)\b|\/root\//.test(fs.readFileSync(full, 'utf8'));
    });
    assert.deepEqual(offenders, []);
  });

  it('generates the twelveFactor.rules schema from the rule list: one property per rule id (run `npm run sync:manifest`)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, unknown> } };
    };
    assert.deepEqual(pkg.contributes.configuration.properties['twelveFactor.rules'], rulesSettingSchema());
  });

  it('takes activation events, snippets and the server\'s language ids from the one language list', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      activationEvents: string[];
      contributes: { snippets: Array<{ language: string }> };
    };
    const onLanguage = pkg.activationEvents.filter((event) => event.startsWith('onLanguage:')).map((event) => event.slice('onLanguage:'.length));
    assert.deepEqual(onLanguage.sort(), [...LANGUAGES].sort());
    assert.deepEqual(pkg.contributes.snippets.map((snippet) => snippet.language).sort(), [...LANGUAGES].sort());
    // A workspace with a package.json activates the extension before any source file opens (the view, the index).
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/package.json'));
    const client = fs.readFileSync(path.join(ROOT, 'client/src/extension.ts'), 'utf8');
    assert.match(client, /documentSelector: LANGUAGES\./, 'the client selects documents by the shared list');
  });

  it('lets the client import from the server only the protocol, the language list and types', () => {
    const offenders: string[] = [];
    for (const file of filesUnder(path.join(ROOT, 'client/src'), /\.ts$/)) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/^import (type )?[^;]*?from '([^']*\/server\/[^']*)';/gms)) {
        const allowed = match[1] !== undefined || /\/server\/src\/lsp\/(protocol|languages)$/.test(match[2]);
        if (!allowed) offenders.push(`${path.relative(ROOT, file)}: ${match[2]}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('contributes every command it links, and registers every command it contributes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: {
        commands: Array<{ command: string; title: string }>;
        menus: Record<string, Array<{ command: string }>>;
        viewsWelcome: Array<{ contents: string }>;
        walkthroughs: Array<{ steps: Array<{ description: string; media: Record<string, string> }> }>;
      };
    };
    const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
    const client = filesUnder(path.join(ROOT, 'client/src'), /\.ts$/).map((file) => fs.readFileSync(file, 'utf8')).join('\n');
    for (const command of contributed) {
      assert.ok(client.includes(`registerCommand('${command}'`) || client.includes(`registerCommand(MENU_COMMAND`) && command === 'twelveFactor.showMenu', `${command} is contributed but never registered`);
    }
    const linked = [
      ...Object.values(pkg.contributes.menus).flat().map((entry) => entry.command),
      ...[...pkg.contributes.viewsWelcome.map((w) => w.contents), ...pkg.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.description))]
        .join('\n')
        .matchAll(/\(command:([\w.]+)/g),
    ].map((entry) => (typeof entry === 'string' ? entry : entry[1]));
    for (const command of linked) {
      assert.ok(contributed.has(command) || command.startsWith('workbench.'), `${command} is linked but not contributed`);
    }
    for (const step of pkg.contributes.walkthroughs.flatMap((w) => w.steps)) {
      for (const media of Object.values(step.media)) {
        if (media.includes('/')) assert.ok(fs.existsSync(path.join(ROOT, media)), `walkthrough media ${media} is missing`);
      }
    }
  });
});
