import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PackageContextLoader, aliasKeys } from '../../server/src/project/package-context';

function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-ctx-')));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('package context (workspaces, aliases, ignore files)', () => {
  it('finds the pnpm, npm and yarn workspace of a package, with its members and everything they declare', () => {
    const dir = tree({
      'package.json': '{ "name": "root", "private": true, "devDependencies": { "turbo": "2" } }',
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - 'packages/*'\n  - '!packages/legacy'\n",
      'apps/api/package.json': '{ "name": "@acme/api", "dependencies": { "express": "4" } }',
      'packages/db/package.json': '{ "name": "@acme/db", "dependencies": { "pg": "8" } }',
      'packages/legacy/package.json': '{ "name": "@acme/legacy" }',
      'other/package.json': '{ "name": "other" }',
      'yarn/package.json': '{ "name": "y", "workspaces": { "packages": ["libs/*"] } }',
      'yarn/libs/a/package.json': '{ "name": "a" }',
    });
    try {
      const loader = new PackageContextLoader();
      const workspace = loader.workspaceOf(path.join(dir, 'apps/api'))!;
      assert.equal(workspace.root, dir);
      assert.deepEqual([...workspace.packages.keys()].sort(), ['@acme/api', '@acme/db']);
      assert.deepEqual([...workspace.declared!].sort(), ['express', 'pg', 'turbo']);
      assert.equal(loader.workspaceOf(path.join(dir, 'other')), undefined, 'not a member');
      assert.deepEqual([...loader.workspaceOf(path.join(dir, 'yarn/libs/a'))!.packages.keys()], ['a']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads tsconfig paths through relative extends, the names under baseUrl, and bundler alias keys', () => {
    const dir = tree({
      'tsconfig.base.json': '{ "compilerOptions": { "paths": { "@app/*": ["src/*"] } } }',
      'pkg/tsconfig.json': '{ // comments are fine\n "extends": "../tsconfig.base.json", "compilerOptions": { "baseUrl": "src" } }',
      'pkg/src/components/Button.ts': '',
      'pkg/src/utils.ts': '',
      'pkg/vite.config.ts': "export default { resolve: { alias: { '@ui': 'x', '~': 'y' } } };",
    });
    try {
      const aliases = new PackageContextLoader().aliasesOf(path.join(dir, 'pkg'));
      assert.deepEqual(aliases.paths, ['@app/*']);
      assert.deepEqual([...aliases.baseUrlEntries].sort(), ['components', 'utils']);
      assert.deepEqual([...aliases.configAliases].sort(), ['@ui', '~']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(aliasKeys("alias: [{ find: /^@excalidraw\\/common$/, replacement: a }, { find: '@', replacement: b }]"), ['@', '@excalidraw/common']);
    assert.deepEqual(aliasKeys("moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' }"), ['@']);
  });

  it("reads browserify-shim's module names from the package.json as aliases, not the browser field's", () => {
    const dir = tree({ 'pkg/src/a.js': '' });
    try {
      const manifest = JSON.stringify({ name: 'keystone', 'browserify-shim': { jquery: 'global:$', codemirror: 'global:CodeMirror' }, browser: { ws: false } });
      const aliases = new PackageContextLoader().aliasesOf(path.join(dir, 'pkg'), manifest);
      assert.deepEqual([...aliases.configAliases].sort(), ['codemirror', 'jquery']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lends a package the paths of the projects its tsconfig references (Nx: one package.json, a tsconfig per project)", () => {
    const dir = tree({
      'package.json': '{ "name": "erxes", "private": true }',
      'tsconfig.json': '{ "files": [], "references": [{ "path": "./apps/widgets" }, { "path": "./libs/ui/tsconfig.lib.json" }, { "path": "./missing" }, { "path": "/abs" }] }',
      'apps/widgets/tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@libs/*": ["apps/widgets/src/lib/*"] } } }',
      'apps/widgets/src/x.ts': '',
      'libs/ui/tsconfig.lib.json': '{ "compilerOptions": { "paths": { "ui-kit": ["libs/ui/src"] } } }',
    });
    try {
      const aliases = new PackageContextLoader().aliasesOf(dir);
      assert.deepEqual([...aliases.paths].sort(), ['@libs/*', 'ui-kit']);
      assert.deepEqual([...aliases.baseUrlEntries], [], "a referenced project's baseUrl names are not aliases of the package");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers whether git ignores a file (nested .gitignore, negation, info/exclude), and what .dockerignore leaves out', () => {
    const dir = tree({
      '.git/info/exclude': 'secret.env\n',
      '.gitignore': '.env*\n!.env.example\n',
      'apps/web/.gitignore': '!.env.production\n',
      'apps/web/.env.production': 'A=1',
      '.env': 'A=1',
      '.env.example': 'A=',
      'secret.env': 'A=1',
      'api/Dockerfile': 'FROM node',
      'api/.dockerignore': 'node_modules\n.env\n',
      'api/.env': 'A=1',
      'api/.env.local': 'A=1',
    });
    try {
      const loader = new PackageContextLoader();
      assert.equal(loader.isGitIgnored(path.join(dir, '.env')), true);
      assert.equal(loader.isGitIgnored(path.join(dir, '.env.example')), false);
      assert.equal(loader.isGitIgnored(path.join(dir, 'apps/web/.env.production')), false, 'a deeper .gitignore takes it back');
      assert.equal(loader.isGitIgnored(path.join(dir, 'secret.env')), true);
      assert.equal(loader.isGitIgnored(path.join(os.tmpdir(), 'no-repo', '.env')), undefined, 'outside a work tree');
      assert.equal(loader.isDockerIgnored(path.join(dir, 'api/Dockerfile'), path.join(dir, 'api/.env')), true);
      assert.equal(loader.isDockerIgnored(path.join(dir, 'api/Dockerfile'), path.join(dir, 'api/.env.local')), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
