// scan() in process: the contract the CLI and the benchmark rely on (one callback per file, final results,
// nothing kept when asked not to).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan, type ScannedFile } from '../../server/src/project/scan';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/cli');

describe('project/scan', function () {
  it('calls onFile once per file, after cross-file findings are settled', function () {
    const seen: ScannedFile[] = [];
    const result = scan([path.join(FIXTURES, 'cross-file')], { onFile: (file) => seen.push(file) });
    assert.deepEqual(
      seen.map((f) => path.basename(f.file)).sort(),
      ['a-server.ts', 'package.json', 'z-shutdown.ts'],
    );
    assert.ok(seen.every((f) => f.diagnostics.length === 0));
    assert.equal(result.filesScanned, 3);
    assert.equal(result.files.length, 3);
    assert.equal(result.files[0].projectRoot, path.join(FIXTURES, 'cross-file'));
  });

  it('holds no per-file results with keepFiles: false', function () {
    let calls = 0;
    const result = scan([path.join(FIXTURES, 'no-handler')], { keepFiles: false, onFile: () => calls++ });
    assert.equal(calls, 3);
    assert.deepEqual(result.files, []);
    assert.equal(result.filesScanned, 3);
  });

  it('scans a file named twice, or inside a named folder, once', function () {
    const dir = path.join(FIXTURES, 'no-handler');
    const result = scan([dir, path.join(dir, 'src/a-server.ts'), dir]);
    assert.equal(result.filesScanned, 3);
    assert.deepEqual(
      result.files.flatMap((f) => f.diagnostics.map((d) => [path.basename(f.file), d.ruleId, d.line, d.column])),
      [['a-server.ts', 'disposability/handle-sigterm', 4, 1]],
    );
  });

  it('reports missing and non-source paths instead of throwing', function () {
    const result = scan([path.join(FIXTURES, 'nope'), path.join(FIXTURES, '../../../README.md'), path.join(FIXTURES, 'basic/package.json')]);
    assert.deepEqual(
      result.pathWarnings.map((w) => w.message),
      ['no such file or directory', 'not a file Twelve-Factor Lint reads (JavaScript, TypeScript, package.json, Dockerfile, .env)'],
    );
    // A package.json named on its own is read.
    assert.equal(result.filesScanned, 1);
  });

  it('treats a project whose package.json sits under tests/ as test code (monorepo test packages)', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-mono-'));
    try {
      const server = "import express from 'express';\nconst app = express();\napp.listen(3000);\n";
      fs.mkdirSync(path.join(dir, 'tests/pkg/src'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'package.json'), '{"dependencies":{"express":"4"}}');
      fs.writeFileSync(path.join(dir, 'tests/pkg/package.json'), '{"dependencies":{"express":"4"}}');
      fs.writeFileSync(path.join(dir, 'tests/pkg/src/server.ts'), server);
      fs.writeFileSync(path.join(dir, 'src/server.ts'), server);
      const result = scan([dir]);
      const reported = result.files.filter((f) => f.diagnostics.length > 0).map((f) => path.relative(dir, f.file));
      assert.deepEqual(reported, [path.join('src', 'server.ts')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes over a package.json that only sets the module type: the package is the one above (vendure dashboard/plugin)', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-marker-'));
    try {
      fs.mkdirSync(path.join(dir, 'plugin'));
      fs.mkdirSync(path.join(dir, 'other'));
      fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"dashboard","private":true,"dependencies":{"date-fns":"3"}}');
      fs.writeFileSync(path.join(dir, 'plugin/package.json'), '{ "type": "commonjs" }');
      fs.writeFileSync(path.join(dir, 'plugin/metrics.ts'), "import { format } from 'date-fns';\nexport const day = format(new Date(), 'yyyy');\n");
      // A package.json with a name is a package of its own, whatever else it lacks.
      fs.writeFileSync(path.join(dir, 'other/package.json'), '{ "name": "other", "type": "module" }');
      fs.writeFileSync(path.join(dir, 'other/metrics.ts'), "import { format } from 'date-fns';\nexport const day = format(new Date(), 'yyyy');\n");
      const result = scan([dir]);
      const plugin = result.files.find((f) => f.file.endsWith(path.join('plugin', 'metrics.ts')))!;
      assert.equal(plugin.projectRoot, dir);
      assert.deepEqual(plugin.diagnostics, [], 'date-fns is declared by the package above');
      const other = result.files.find((f) => f.file.endsWith(path.join('other', 'metrics.ts')))!;
      assert.equal(other.projectRoot, path.join(dir, 'other'));
      assert.deepEqual(other.diagnostics.map((d) => d.ruleId), ['dependencies/no-undeclared-import']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves Yarn Berry's files out: .yarn/ is not walked, .pnp.cjs is read as generated (standardnotes/server)", function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-yarn-'));
    try {
      fs.mkdirSync(path.join(dir, '.git'));
      fs.mkdirSync(path.join(dir, '.yarn/sdks/typescript/lib'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true,"dependencies":{"express":"4"}}');
      fs.writeFileSync(path.join(dir, '.yarn/sdks/typescript/lib/tsserver.js'), "const pnpApi = require('pnpapi');\nconsole.log(pnpApi);\n");
      fs.writeFileSync(path.join(dir, '.pnp.cjs'), "const fs = require('fs');\nconsole.log(process.env.WATCH_REPORT_DEPENDENCIES);\n");
      fs.writeFileSync(path.join(dir, 'server.js'), "const express = require('express');\nconsole.log('up');\n");
      const result = scan([dir]);
      const files = result.files.map((f) => path.relative(dir, f.file)).sort();
      assert.ok(!files.some((f) => f.startsWith('.yarn')), files.join(', '));
      const reported = result.files.filter((f) => f.diagnostics.length > 0).map((f) => path.relative(dir, f.file));
      assert.deepEqual(reported, ['server.js'], 'console in the app is reported, not in the resolver Yarn wrote');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
