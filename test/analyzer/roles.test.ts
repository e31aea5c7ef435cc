// The file-role classifier decides where most rules stay quiet and which files speak for the project (a SIGTERM
// handler in a test helper does not stop the server). Pinned on paths taken from real repositories, each with the
// role its authors would give it (issue 6, section 2). docs/file-roles.md lists the signals.
import assert from 'node:assert/strict';
import { classifyFile, packageRoleOf, type FileRole } from '../../server/src/analyzer/roles';
import { parseManifest } from '../../server/src/analyzer/manifest';

type Case = [path: string, role: FileRole, text?: string];

const REAL_PATHS: Record<string, Case[]> = {
  'outline/outline (Koa + React monorepo)': [
    ['server/models/base/IdModel.ts', 'application'],
    ['server/presenters/star.ts', 'application'],
    ['server/queues/tasks/CleanupDeletedTeamsTask.ts', 'application'],
    ['server/queues/HealthMonitor.ts', 'application'],
    ['server/routes/api/middlewares/apiResponse.ts', 'application'],
    ['server/utils/opensearch.ts', 'application'],
    ['plugins/github/server/GitHubIssueProvider.ts', 'application'],
    ['plugins/figma/server/api/schema.ts', 'application'],
    ['shared/styles/depths.ts', 'application'],
    ['app/stores/DocumentsStore.ts', 'application'],
    ['app/editor/components/BlockMenu.tsx', 'browser'],
    ['app/components/Editor.tsx', 'browser'],
    ['plugins/linear/client/Icon.tsx', 'browser'],
    ['shared/editor/embeds/Trello.tsx', 'browser'],
    ['shared/utils/IconLibrary.test.ts', 'test'],
    ['server/queues/tasks/RollupWeeklyDocumentInsightsTask.test.ts', 'test'],
    ['server/routes/api/installation/installation.test.ts', 'test'],
    ['__mocks__/ctx.js', 'mock'],
    ['server/migrations/20250314105847-add-apiImportId-to-collections-and-documents.js', 'script'],
    ['server/scripts/release.js', 'script'],
    ['i18next-parser.config.js', 'script'],
    ['vite.config.ts', 'script'],
  ],
  'formbricks/formbricks (Next.js + turbo monorepo)': [
    ['apps/web/modules/auth/lib/totp.ts', 'application'],
    ['apps/web/lib/image-hosts.ts', 'application'],
    ['apps/web/modules/api/v2/management/responses/route.ts', 'application'],
    ['apps/web/app/api/v1/client/[workspaceId]/displays/lib/contact.ts', 'application'],
    ['apps/web/app/api/v1/client/[workspaceId]/environment/route.ts', 'application'],
    ['apps/web/app/middleware/route-config.ts', 'application'],
    ['apps/web/modules/survey/link/lib/helper.ts', 'application'],
    ['packages/types/attributes.ts', 'application'],
    ['apps/web/modules/setup/layout.tsx', 'browser'],
    ['apps/web/app/(app)/workspaces/[workspaceId]/page.tsx', 'browser'],
    ['apps/web/modules/ee/quotas/components/quota-list.tsx', 'browser'],
    ['apps/web/modules/auth/lib/totp.test.ts', 'test'],
    ['apps/web/playwright/settings-tags.spec.ts', 'test'],
    ['apps/web/playwright/lib/fixtures.ts', 'test-helper'],
    ['packages/workflows/src/handlers/workflows.handlers.test.ts', 'test'],
    ['apps/web/app/(app)/workspaces/[workspaceId]/surveys/[surveyId]/(analysis)/summary/lib/__mocks__/survey-service.mock.ts', 'mock'],
    ['apps/web/app/api/(internal)/pipeline/lib/__mocks__/survey-follow-up.mock.ts', 'mock'],
    ['packages/surveys/vitestSetup.ts', 'test-helper'],
    ['packages/database/migration/20251208033316_remove_empty_image_and_video_urls_from_elements/migration.ts', 'script'],
    ['scripts/ci-timings.mjs', 'script'],
    ['apps/storybook/vite.config.ts', 'script'],
  ],
  'w3tecch/express-typescript-boilerplate (routing-controllers)': [
    ['src/app.ts', 'application'],
    ['src/api/controllers/UserController.ts', 'application'],
    ['src/api/services/UserService.ts', 'application'],
    ['src/loaders/expressLoader.ts', 'application'],
    ['src/lib/logger/Logger.ts', 'application'],
    ['src/database/seeds/CreatePets.ts', 'script'],
    ['src/database/migrations/1512663524808-CreatePetTable.ts', 'script'],
    ['commands/seed.ts', 'script'],
    ['commands/tsconfig.ts', 'script'],
    ['package-scripts.js', 'application'],
    ['test/e2e/api/users.test.ts', 'test'],
    ['test/unit/auth/AuthService.test.ts', 'test'],
    ['test/integration/PetService.test.ts', 'test'],
    ['test/e2e/utils/typeormLoader.ts', 'test-helper'],
    ['test/e2e/utils/bootstrap.ts', 'test-helper'],
    ['test/e2e/utils/server.ts', 'test-helper'],
    ['test/utils/logger.ts', 'test-helper'],
    ['test/utils/database.ts', 'test-helper'],
    ['test/unit/lib/LogMock.ts', 'mock'],
    ['test/unit/lib/RepositoryMock.ts', 'mock'],
    ['test/unit/lib/setup.ts', 'test-helper'],
    ['test/preprocessor.js', 'test'],
  ],
  'hagopj13/node-express-boilerplate': [
    ['src/index.js', 'application'],
    ['src/app.js', 'application'],
    ['src/config/config.js', 'application'],
    ['src/config/logger.js', 'application'],
    ['src/config/passport.js', 'application'],
    ['src/services/auth.service.js', 'application'],
    ['tests/utils/setupTestDB.js', 'test-helper'],
    ['tests/fixtures/user.fixture.js', 'fixture'],
    ['tests/fixtures/token.fixture.js', 'fixture'],
    ['tests/integration/auth.test.js', 'test'],
    ['tests/unit/models/plugins/paginate.plugin.test.js', 'test'],
    ['bin/createNodejsApp.js', 'script'],
    ['jest.config.js', 'script'],
  ],
  'sahat/hackathon-starter': [
    ['app.js', 'application'],
    ['config/passport.js', 'application'],
    ['config/morgan.js', 'application'],
    ['controllers/api.js', 'application'],
    ['test/tools/start-with-memory-db.js', 'test-helper'],
    ['test/tools/nock-server-fixtures.js', 'test-helper'],
    ['test/tools/playwright-start-and-log.js', 'test-helper'],
    ['test/e2e/giphy.e2e.test.js', 'test'],
    ['test/e2e-nokey/lastfm.e2e.test.js', 'test'],
    ['test/e2e-nokey/helpers.js', 'test-helper'],
    ['test/user.test.js', 'test'],
    ['eslint.config.mjs', 'script'],
  ],
  'Sairyss/domain-driven-hexagon (NestJS, CQRS)': [
    ['src/main.ts', 'application'],
    ['src/configs/app.routes.ts', 'application'],
    ['src/configs/database.config.ts', 'application'],
    ['src/modules/user/commands/create-user/create-user.service.ts', 'application'],
    ['src/modules/user/commands/create-user/create-user.cli.controller.ts', 'cli'],
    ['tests/test-utils/ApiClient.ts', 'test-helper'],
    ['tests/test-utils/TestContext.ts', 'test-helper'],
    ['tests/test-utils/mocks/generic-model-props.mock.ts', 'mock'],
    ['tests/shared/shared-steps.ts', 'test-helper'],
    ['tests/setup/jestGlobalSetup.ts', 'test-helper'],
    ['tests/setup/jestSetupAfterEnv.ts', 'test-helper'],
    ['tests/user/create-user/create-user.e2e-spec.ts', 'test'],
    ['database/migrate.ts', 'script'],
    ['database/seed.ts', 'script'],
  ],
  'brocoders/nestjs-boilerplate': [
    ['src/app.module.ts', 'application'],
    ['src/auth/config/auth.config.ts', 'application'],
    ['src/database/config/database.config.ts', 'application'],
    ['src/database/seeds/relational/run-seed.ts', 'script'],
    ['src/database/seeds/document/user/user-seed.service.ts', 'script'],
    ['src/database/migrations/1715028537217-CreateUser.ts', 'script'],
    ['.install-scripts/index.ts', 'script'],
    ['.install-scripts/scripts/remove-auth-facebook.ts', 'script'],
    ['test/user/auth.e2e-spec.ts', 'test'],
    ['test/generators/helpers/auth.ts', 'test-helper'],
    ['test/utils/types/mail-message.type.ts', 'test-helper'],
    ['commitlint.config.js', 'script'],
  ],
  'nestjs/typescript-starter': [
    ['src/main.ts', 'application'],
    ['src/app.controller.ts', 'application'],
    ['src/app.service.ts', 'application'],
    ['src/app.controller.spec.ts', 'test'],
    ['test/app.e2e-spec.ts', 'test'],
    ['eslint.config.mjs', 'script'],
  ],
  'nrwl/nx-examples (Nx monorepo)': [
    ['apps/products/src/main.ts', 'application'],
    ['apps/products/src/app/app.module.ts', 'application'],
    ['apps/products/src/environments/environment.prod.ts', 'application'],
    ['libs/shared/cart/state/src/lib/+state/cart.reducer.ts', 'application'],
    ['apps/cart/src/main.tsx', 'browser'],
    ['libs/cart/cart-page/src/lib/cart-cart-page/cart-cart-page.tsx', 'browser'],
    ['apps/cart/src/app/app.spec.tsx', 'test'],
    ['libs/shared/cart/state/src/lib/+state/cart.reducer.spec.ts', 'test'],
    ['apps/cart/src/test-setup.ts', 'test-helper'],
    ['libs/products/home-page/src/test-setup.ts', 'test-helper'],
    ['apps/cart-e2e/src/e2e/app.cy.ts', 'test'],
    ['apps/cart-e2e/src/support/commands.ts', 'test-helper'],
    ['apps/cart-e2e/src/support/app.po.ts', 'test-helper'],
    ['apps/cart-e2e/cypress.config.ts', 'test-helper'],
    ['apps/cart/jest.config.ts', 'script'],
    ['apps/cart/rsbuild.config.ts', 'script'],
    ['jest.preset.js', 'script'],
  ],
  'erxes/erxes (Nx + pnpm monorepo)': [
    // "One-off database migration scripts, consolidated per domain", run by `tsx ./run.ts`.
    ['backend/saas-migrations/content/wordpress/importPosts.ts', 'script'],
    ['backend/db_migrations/2024-add-index.ts', 'script'],
    // vendure packages/dashboard/.storybook/providers.tsx: Storybook's own setup (a demo login).
    ['packages/dashboard/.storybook/providers.ts', 'script'],
    ['backend/plugins/frontline_api/src/modules/integrations/call/utils.ts', 'application'],
    ['backend/plugins/content_api/src/modules/migrationsUi/list.ts', 'application'],
  ],
};

// The shapes issue 6 reported, and their hard negatives.
const ISSUE_CASES: Case[] = [
  // Seed and migration routes run in the web process (found judging admin-processes/no-admin-route on basir/mern-amazona).
  ['app/api/seed/route.ts', 'application'],
  ['src/app/api/admin/migrate/route.ts', 'application'],
  ['pages/api/seed.ts', 'application'],
  ['backend/routes/seedRoutes.js', 'application'],
  ['src/controllers/seed.controller.ts', 'application'],
  ['test/routes/seed.test.ts', 'test'],
  ['src/database/seeds/run-seed.ts', 'script'],
  ['prisma/seed.ts', 'script'],
  ['extra/push-examples/typescript-fetch/index.ts', 'example'],
  ['src/mock-data.ts', 'mock'],
  ['src/lib/mock-users.ts', 'mock'],
  ['src/services/payments.mock.ts', 'mock'],
  ['packages/api/src/sample-data.ts', 'mock'],
  ['src/e2e-common/browser.ts', 'test-helper'],
  ['load-testing/scenarios/checkout.js', 'test-helper'],
  ['src/test-setup.ts', 'test-helper'],
  ['jest.setup.ts', 'test-helper'],
  ['src/setupTests.ts', 'test-helper'],
  ['src/test-utils.tsx', 'test-helper'],
  ['test/tools/shutdown.ts', 'test-helper'],
  ['src/backfill-users.ts', 'script', "async function main() {\n  await run();\n}\n\nmain().catch((err) => {\n  console.error(err);\n  process.exit(1);\n});\n"],
  ['src/generated/graphql.ts', 'generated'],
  ['src/proto/user_pb.js', 'generated'],
  ['src/api.gen.ts', 'generated'],
  ['src/token-gen.ts', 'application'],
  ['src/proto/user.ts', 'generated', '// Generated by the protocol buffer compiler.  DO NOT EDIT!\n'],
  ['src/limits.ts', 'application', '// DO NOT EDIT without updating docs/limits.md\nexport const MAX = 5;\n'],
  ['src/codegen-notes.ts', 'application', 'export const x = 1; // @generated is only read in leading comments\n'],
  ['src/api/client.ts', 'generated', '// Code generated by openapi-generator. DO NOT EDIT.\nexport const x = 1;\n'],
  ['src/db/schema.ts', 'generated', '/**\n * @generated by prisma-kysely\n */\nexport type User = {};\n'],
  ['src/cli.ts', 'cli'],
  ['packages/hoppscotch-cli/src/index.ts', 'cli'],
  ['src/server.ts', 'script', '#!/usr/bin/env node\nrequire("./app").listen(3000);\n'],
  // Hard negatives: names that only look like roles.
  ['src/contest.ts', 'application'],
  ['src/latest.ts', 'application'],
  ['src/testimonials/list.ts', 'application'],
  ['src/modules/ab-testing/variant.ts', 'application'],
  ['src/integrations/slack.ts', 'application'],
  ['src/mockingbird.ts', 'application'],
  ['src/stubborn-retry.ts', 'application'],
  ['src/index.ts', 'application', 'async function main() {}\nmain();\n'],
  ['src/worker.ts', 'application', 'async function main() {}\nmain().catch(console.error);\n'],
  ['src/app.ts', 'application', 'function main() { app.listen(3000); }\nmain();\n'],
  ['src/samples.ts', 'application'],
  ['src/generator.ts', 'application'],
  ['src/setup.ts', 'application'],
  ['src/config/database.config.ts', 'application'],
];

describe('classifyFile: real-world paths', () => {
  let count = 0;
  for (const [repo, cases] of Object.entries(REAL_PATHS)) {
    describe(repo, () => {
      for (const [file, role, text] of cases) {
        count++;
        it(`${file} → ${role}`, () => assert.equal(classifyFile(file, text ?? '').role, role, classifyFile(file, text ?? '').reason));
      }
    });
  }
  it('covers at least 120 real paths', () => assert.ok(count >= 120, String(count)));
});

describe('classifyFile: the shapes of issue 6 and hard negatives', () => {
  for (const [file, role, text] of ISSUE_CASES) {
    it(`${file}${text ? ' (with text)' : ''} → ${role}`, () => assert.equal(classifyFile(file, text ?? '').role, role, classifyFile(file, text ?? '').reason));
  }
});

describe('classifyFile: skipIn groups and overrides', () => {
  it('maps roles onto the test and script groups rules skip', () => {
    const groups = (file: string, text = '') => {
      const kind = classifyFile(file, text);
      return { test: kind.test, script: kind.script };
    };
    assert.deepEqual(groups('src/orders.ts'), { test: false, script: false });
    assert.deepEqual(groups('src/orders.test.ts'), { test: true, script: false });
    assert.deepEqual(groups('src/mock-orders.ts'), { test: true, script: false });
    assert.deepEqual(groups('test/fixtures/app/server.ts'), { test: true, script: false });
    assert.deepEqual(groups('scripts/build.ts'), { test: false, script: true });
    assert.deepEqual(groups('src/cli/index.ts'), { test: false, script: true });
    assert.deepEqual(groups('src/gen/api.ts'), { test: true, script: true });
    assert.deepEqual(groups('src/App.tsx'), { test: false, script: false });
  });

  it('lets a team set roles with globs; the last matching entry wins', () => {
    const overrides: Record<string, FileRole> = { 'src/tools/**': 'script', 'qa/**': 'test-helper', 'src/tools/server.ts': 'application' };
    assert.equal(classifyFile('src/tools/backfill.ts', '', { overrides }).role, 'script');
    assert.equal(classifyFile('src/tools/server.ts', '', { overrides }).role, 'application');
    assert.equal(classifyFile('qa/run.ts', '', { overrides }).role, 'test-helper');
    assert.match(classifyFile('qa/run.ts', '', { overrides }).reason, /"qa\/\*\*"/);
    // An override beats every signal, the generated banner included.
    assert.equal(classifyFile('test/app.ts', '// @generated\n', { overrides: { 'test/app.ts': 'application' } }).role, 'application');
  });

  it('keeps a top-level main() that the package starts as application code', () => {
    const text = 'async function main() {}\nmain();\n';
    const manifest = parseManifest(JSON.stringify({ name: 'x', scripts: { start: 'node dist/jobs/sync.js' } }));
    assert.equal(classifyFile('src/jobs/sync.ts', text, { manifest }).role, 'application');
    assert.equal(classifyFile('src/jobs/other.ts', text, { manifest }).role, 'script');
    const bin = parseManifest(JSON.stringify({ name: 'x', bin: { tool: './lib/run.js' } }));
    assert.equal(classifyFile('src/run.ts', text, { manifest: bin }).role, 'application');
  });
});

describe('classifyFile: folders that only tool scripts run', () => {
  // louislam/uptime-kuma: extra/ holds release tooling and dev helpers that package.json scripts run
  // ("release-final": "node ./extra/release/release.mjs"); the service starts from server/server.js.
  const manifest = parseManifest(
    JSON.stringify({
      name: 'uptime-kuma',
      scripts: {
        start: 'npm run start-server',
        'start-server': 'node server/server.js',
        'release-final': 'node ./extra/release/release.mjs',
        'simple-mqtt-server': 'node extra/simple-mqtt-server.js',
        'test-backend': 'node test/test-backend.mjs',
        migrate: 'node db/migrate.js',
        worker: 'node jobs/worker.js',
        'jobs:once': 'node jobs/cleanup.js',
        'start-pr-test': 'node extra/checkout-pr.mjs && npm install && npm run dev',
      },
    }),
  );
  const roleOf = (file: string) => classifyFile(file, '', { manifest }).role;
  it('a top-level folder whose files only tool scripts run is tooling', () => {
    assert.equal(roleOf('extra/release/lib.mjs'), 'script');
    assert.equal(roleOf('extra/simple-mqtt-server.js'), 'script');
  });
  it('never the service code, nor a folder a service script also runs', () => {
    assert.equal(roleOf('server/server.js'), 'application');
    assert.equal(roleOf('server/model/monitor.js'), 'application');
    assert.equal(roleOf('db/knex.js'), 'application');
    assert.equal(roleOf('jobs/cleanup.js'), 'application');
    assert.equal(roleOf('test/test-backend.mjs'), 'test');
  });
});

describe('classifyFile: files only build scripts run', () => {
  // vendure-ecommerce/vendure packages/create and admin-ui-plugin: build steps run by ts-node from package scripts.
  const manifest = parseManifest(
    JSON.stringify({
      name: '@vendure/create',
      main: 'lib/index.js',
      scripts: {
        'copy-assets': 'rimraf assets && ts-node ./build.ts',
        build: 'tsc -p tsconfig.build.json && node -r ts-node/register tools/inline-css.ts',
        'generate:api': 'tsx src/openapi-gen.ts',
        bundle: 'esbuild src/server.ts --bundle --outfile=dist/server.js',
        worker: 'node dist/jobs.js',
        release: 'node publish.js && node src/report.js',
        serve: 'node src/report.js',
      },
    }),
  );
  const roleOf = (file: string) => classifyFile(file, '', { manifest }).role;
  it('a file a build, codegen or copy script runs is tooling', () => {
    assert.equal(roleOf('build.ts'), 'script');
    assert.equal(roleOf('src/openapi-gen.ts'), 'script');
    assert.equal(roleOf('publish.js'), 'script');
  });
  it('never a file a bundler compiles, one a worker or serve script runs, or an entry-point name', () => {
    assert.equal(roleOf('src/server.ts'), 'application', 'handed to esbuild: the app itself');
    assert.equal(roleOf('src/jobs.ts'), 'application', 'the worker process type');
    assert.equal(roleOf('src/report.js'), 'application', 'also run by serve');
    const withIndex = parseManifest(JSON.stringify({ name: 'x', scripts: { build: 'node src/index.js --emit' } }));
    assert.equal(classifyFile('src/index.js', '', { manifest: withIndex }).role, 'application');
  });
});

describe('classifyFile: a *.config.* file at the top of a workspace package', () => {
  // The language server and a scan from the workspace root classify `packages/api/app.config.ts` with the package's
  // prefix: the signal reads the path inside the package, as a scan of the package alone does.
  it('is tooling whether or not the path carries the workspace prefix', () => {
    assert.equal(classifyFile('app.config.ts', '').role, 'script');
    assert.equal(classifyFile('packages/api/app.config.ts', '', { projectPath: 'app.config.ts' }).role, 'script');
    assert.equal(classifyFile('packages/api/src/app.config.ts', '', { projectPath: 'src/app.config.ts' }).role, 'application');
  });
});

describe('classifyFile: documentation at the package top', () => {
  // hedgedoc/hedgedoc: docs/content/files/setup-docker/config.env, the sample the Docker guide tells readers to copy,
  // was reported as a committed env file.
  it('docs/, doc/ and documentation/ at the top are documentation (example role, in the test group)', () => {
    for (const file of ['docs/content/files/setup-docker/config.env', 'doc/guide/server.js', 'documentation/snippets/app.ts']) {
      const kind = classifyFile(file, '');
      assert.equal(kind.role, 'example', file);
      assert.equal(kind.test, true, file);
    }
  });
  it('a docs package of its own at the workspace top (hedgedoc @hedgedoc/docs) is documentation too', () => {
    assert.equal(classifyFile('docs/content/files/setup-docker/config.env', '', { projectPath: 'content/files/setup-docker/config.env' }).role, 'example');
    assert.equal(classifyFile('packages/api/docs/guide.md.ts', '', { projectPath: 'docs/guide.md.ts' }).role, 'example');
  });
  it('a docs folder inside the sources may serve API docs: application', () => {
    assert.equal(classifyFile('src/docs/swagger.ts', '').role, 'application');
    assert.equal(classifyFile('packages/api/src/docs/index.ts', '', { projectPath: 'src/docs/index.ts' }).role, 'application');
  });
});

describe('classifyFile: a package script that runs a file after cd', () => {
  // thedevs-network/kutt: "docs:build": "cd docs/api && node generate && cd ../.." writes the API docs' static files;
  // docs/api/generate.js was reported as application state written to disk.
  const manifest = parseManifest(
    JSON.stringify({
      name: 'kutt',
      main: './server/server.js',
      scripts: { start: 'node server/server.js --production', 'docs:build': 'cd docs/api && node generate && cd ../..' },
    }),
  );
  const roleOf = (file: string) => classifyFile(file, '', { manifest }).role;
  it('the folder it runs in is tooling', () => {
    // kutt's own folder is docs/, documentation at the package top before any script is read; the same script
    // into another folder shows the cd reading.
    assert.equal(roleOf('docs/api/generate.js'), 'example');
    const site = parseManifest(JSON.stringify({ name: 'kutt', main: './server/server.js', scripts: { 'site:build': 'cd site/api && node generate' } }));
    assert.equal(classifyFile('site/api/generate.js', '', { manifest: site }).role, 'script');
    assert.equal(classifyFile('site/api/api.js', '', { manifest: site }).role, 'script');
  });
  it('the service code stays application, and a cd into the service folder is not tooling', () => {
    assert.equal(roleOf('server/server.js'), 'application');
    const serve = parseManifest(JSON.stringify({ name: 'x', scripts: { start: 'cd service && node index.js' } }));
    assert.equal(classifyFile('service/index.js', '', { manifest: serve }).role, 'application');
  });
});

describe('packageRoleOf', () => {
  const role = (json: object) => packageRoleOf(parseManifest(JSON.stringify(json)));
  it('a bin that the start script runs, in a package that serves requests, is a service', () => {
    assert.equal(role({ name: 'api', bin: { api: './bin/server.js' }, scripts: { start: 'node ./bin/server.js' }, dependencies: { express: '4' } }), 'service');
    assert.equal(role({ name: 'app', bin: './bin/www', dependencies: { express: '4' } }), 'service');
    assert.equal(role({ name: 'app', private: true, bin: { app: 'dist/index.js' }, scripts: { start: 'node dist/index.js' }, dependencies: { fastify: '4' } }), 'service');
  });
  it('a bin of a command-line tool is a cli, even when it can serve (json-server)', () => {
    assert.equal(role({ name: 'tool', bin: { tool: './cli.js' }, dependencies: { commander: '11' } }), 'cli');
    assert.equal(role({ name: 'json-server', bin: { 'json-server': './lib/bin.js' }, dependencies: { express: '4', yargs: '17' } }), 'cli');
    assert.equal(role({ name: 'tool', bin: { tool: './cli.js' } }), 'cli');
  });
  it('tells libraries, front ends and services apart', () => {
    assert.equal(role({ name: 'lib', main: 'dist/index.js' }), 'library');
    assert.equal(role({ name: 'web', private: true, dependencies: { react: '18', 'react-dom': '18', vite: '5' } }), 'front-end');
    assert.equal(role({ name: 'web', private: true, dependencies: { 'react-dom': '18', express: '4' } }), 'service');
    // Editor and UI families count by scope or prefix (docmost's editor-ext); a server dependency still wins.
    assert.equal(role({ name: 'editor-ext', private: true, main: 'dist/index.js', dependencies: { '@tiptap/core': '3', 'prosemirror-view': '1' } }), 'front-end');
    assert.equal(role({ name: 'popover', private: true, dependencies: { '@floating-ui/dom': '1' } }), 'front-end');
    assert.equal(role({ name: 'server', private: true, dependencies: { '@tiptap/core': '3', express: '4' } }), 'service');
    assert.equal(role({ name: 'collab', private: true, dependencies: { '@hocuspocus/server': '3', '@tiptap/core': '3', 'prosemirror-model': '1' } }), 'service');
    // A name that only starts like a family is not one of its members.
    assert.equal(role({ name: 'api', private: true, dependencies: { 'prosemirror': '0.1' } }), 'service');
    assert.equal(role({ name: 'api', private: true, main: 'dist/index.js', scripts: { start: 'node dist' } }), 'service');
  });
});
