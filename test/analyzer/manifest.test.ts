import assert from 'node:assert/strict';
import { declaredKinds, parseManifest, parsePnpmWorkspace } from '../../server/src/analyzer/manifest';

describe('manifest (package.json)', () => {
  const text = `{
  "name": "@acme/api",
  "version": "1.0.0",
  "private": true,
  "type": "module",
  "main": "dist/index.js",
  "exports": { ".": "./dist/index.js" },
  "bin": { "api": "bin/api.js" },
  "scripts": { "start": "node dist/index.js", "dev": "tsx watch src" },
  "engines": { "node": ">=20" },
  "workspaces": { "packages": ["packages/*", "apps/*"] },
  "dependencies": { "express": "^4.18.2", "@acme/db": "workspace:*" },
  "devDependencies": { "typescript": "6.0.3", "express": "^4.18.2" },
  "peerDependencies": { "react": ">=18" },
  "optionalDependencies": { "fsevents": "^2" }
}`;
  const manifest = parseManifest(text);

  it('reads dependencies by kind, with the offsets of each key and value', () => {
    assert.deepEqual(
      manifest.dependencies.map((d) => [d.kind, d.name, d.version, text.slice(d.nameRange.start, d.nameRange.end), text.slice(d.valueRange.start, d.valueRange.end)]),
      [
        ['prod', 'express', '^4.18.2', '"express"', '"^4.18.2"'],
        ['prod', '@acme/db', 'workspace:*', '"@acme/db"', '"workspace:*"'],
        ['dev', 'typescript', '6.0.3', '"typescript"', '"6.0.3"'],
        ['dev', 'express', '^4.18.2', '"express"', '"^4.18.2"'],
        ['peer', 'react', '>=18', '"react"', '">=18"'],
        ['optional', 'fsevents', '^2', '"fsevents"', '"^2"'],
      ],
    );
    assert.deepEqual(declaredKinds(manifest, 'express'), ['prod', 'dev']);
    assert.deepEqual(declaredKinds(manifest, 'lodash'), []);
  });

  it('reads name, scripts, bin, entry points, engines and workspaces', () => {
    assert.equal(manifest.name, '@acme/api');
    assert.equal(manifest.private, true);
    assert.equal(manifest.type, 'module');
    assert.equal(manifest.main, 'dist/index.js');
    assert.equal(manifest.hasExports, true);
    assert.deepEqual([...manifest.bin], [['api', 'bin/api.js']]);
    const start = manifest.scripts.get('start')!;
    assert.equal(start.value, 'node dist/index.js');
    assert.equal(text.slice(start.valueRange.start, start.valueRange.end), '"node dist/index.js"');
    assert.deepEqual([...manifest.engines], [['node', '>=20']]);
    assert.deepEqual(manifest.workspaces, ['packages/*', 'apps/*']);
    assert.equal(manifest.broken, false);
    assert.deepEqual(parseManifest('{"name":"tool","bin":"cli.js","workspaces":["a"]}').bin, new Map([['tool', 'cli.js']]));
    assert.deepEqual(parseManifest('{"workspaces":["a", 1]}').workspaces, ['a']);
  });

  it('keeps what parsed of a broken or odd file, never throwing', () => {
    const half = parseManifest('{ "name": "x", "dependencies": { "pg": "^8" ');
    assert.equal(half.broken, true);
    assert.deepEqual(half.dependencies.map((d) => d.name), ['pg']);
    for (const odd of ['', '[]', 'null', '{"dependencies": []}', '{"scripts": {"a": 1}}', '\uFEFF{"name":"bom"}']) {
      assert.doesNotThrow(() => parseManifest(odd), odd);
    }
    assert.equal(parseManifest('\uFEFF{"name":"bom"}').name, 'bom');
  });

  it('reads pnpm-workspace.yaml', () => {
    assert.deepEqual(parsePnpmWorkspace("packages:\n  - 'apps/*'\n  - packages/**\n  - '!**/test/**'\n"), ['apps/*', 'packages/**', '!**/test/**']);
    assert.deepEqual(parsePnpmWorkspace('catalog:\n  react: ^18\n'), []);
    assert.deepEqual(parsePnpmWorkspace(': : :\n\t- ['), []);
  });
});
