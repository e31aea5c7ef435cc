// Which files are tests or scripts decides where most rules stay quiet: pin the classification.
import assert from 'node:assert/strict';
import { classifyFile } from '../../server/src/analyzer/file-kind';

describe('classifyFile', () => {
  const cases: Array<[string, string, { test: boolean; script: boolean }]> = [
    ['src/server.ts', '', { test: false, script: false }],
    ['src/routes/orders.ts', '', { test: false, script: false }],
    ['src/orders.test.ts', '', { test: true, script: false }],
    ['src/orders.spec.js', '', { test: true, script: false }],
    ['src/__tests__/orders.ts', '', { test: true, script: false }],
    ['test/helpers.ts', '', { test: true, script: false }],
    ['test.js', '', { test: true, script: false }],
    ['test/fixtures/app/server.ts', '', { test: true, script: false }],
    ['bin/www', '', { test: false, script: true }],
    ['bin/www.js', '', { test: false, script: true }],
    ['scripts/build.ts', '', { test: false, script: true }],
    // false positive in nestjs-boilerplate: its installer lives in .install-scripts/.
    ['.install-scripts/helpers/replace.ts', '', { test: false, script: true }],
    ['deploy_scripts/release.js', '', { test: false, script: true }],
    ['src/typescripts/orders.ts', '', { test: false, script: false }],
    ['ci/publish.js', '', { test: false, script: true }],
    ['prisma/seed.ts', '', { test: false, script: true }],
    ['webpack.config.js', '', { test: false, script: true }],
    ['.eslintrc.js', '', { test: false, script: true }],
    ['src.ts', '', { test: false, script: false }],
    ['src/cli.ts', '#!/usr/bin/env node\n', { test: false, script: true }],
    ['src/contest.ts', '', { test: false, script: false }],
    ['src/latest.ts', '', { test: false, script: false }],
    ['src/config/database.config.ts', '', { test: false, script: false }],
    ['jest.config.ts', '', { test: false, script: true }],
    ['apps/web/vite.config.mts', '', { test: false, script: true }],
    ['examples/basic/server.js', '', { test: true, script: false }],
    ['benchmarks/load.js', '', { test: true, script: false }],
    ['types/index.test-d.ts', '', { test: true, script: false }],
    ['src/integration/db.ts', '', { test: true, script: false }],
  ];
  for (const [file, text, expected] of cases) {
    it(`${file}${text ? ' (shebang)' : ''} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(classifyFile(file, text), expected);
    });
  }
});
