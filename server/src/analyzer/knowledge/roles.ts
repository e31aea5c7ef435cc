// What a file is, as data: the path and content signals the file-role classifier (roles.ts) reads, in the order it
// tries them. Documented in docs/file-roles.md; pinned by test/analyzer/roles.test.ts on paths from real repositories.

/**
 * What a file is for. The classifier gives every file exactly one.
 * - `application`: code the service runs (the default).
 * - `test`: a test or spec, a benchmark, a story.
 * - `test-helper`: code tests load: setup files, test utilities, tooling of a test suite (`e2e-common/`, `load-testing/`).
 * - `mock`: mock and sample data (`mock-*.ts`, `*.mock.ts`, `__mocks__/`, `sample-data.ts`).
 * - `fixture`: a fixture, often a whole mini-project (`fixtures/`).
 * - `example`: examples and demos shipped beside a library.
 * - `script`: build, tooling and one-off scripts (`scripts/`, `*.config.*`, seeds, migrations, a `main()` run once).
 * - `cli`: a command-line program (a `cli/` folder, `cli.ts`, `*-cli/`).
 * - `browser`: front-end code that runs in a browser (`.tsx`/`.jsx`, `public/`, `*.browser.ts`).
 * - `generated`: written by a tool (`// Code generated … DO NOT EDIT`, `@generated`, `__generated__/`).
 */
export type FileRole =
  | 'application'
  | 'test'
  | 'test-helper'
  | 'mock'
  | 'fixture'
  | 'example'
  | 'script'
  | 'cli'
  | 'browser'
  | 'generated';

export const FILE_ROLES: readonly FileRole[] = [
  'application',
  'test',
  'test-helper',
  'mock',
  'fixture',
  'example',
  'script',
  'cli',
  'browser',
  'generated',
];

/**
 * The groups a rule's `skipIn` names, per role. Generated code is in both: nobody edits it by hand, so no rule
 * that stays out of either group has anything to say there. Browser code is in neither (a secret shipped to the
 * browser is still a secret); the rules that treat it apart ask for the role.
 */
export const ROLE_GROUPS: Readonly<Record<FileRole, { test: boolean; script: boolean }>> = {
  application: { test: false, script: false },
  test: { test: true, script: false },
  'test-helper': { test: true, script: false },
  mock: { test: true, script: false },
  fixture: { test: true, script: false },
  example: { test: true, script: false },
  script: { test: false, script: true },
  cli: { test: false, script: true },
  browser: { test: false, script: false },
  generated: { test: true, script: true },
};

/**
 * Finer facts of a file's path that some rules read beside its role: the classifier is the one place that reads
 * paths, so a rule asks for a trait instead of matching the path itself.
 * - `logger`: the project's logger module (`logger.ts`, `logging/`), where console belongs if anywhere.
 * - `commands`: under `commands/` (CLI commands or CQRS command handlers: which, the path alone does not say).
 * - `translations`: a translation catalog (`i18n/`, `locales/`, `messages/`).
 * - `installer`: a web installer or setup wizard (`install/`, `setup-wizard/`).
 * - `generator`: code generators, templates and upgrade steps (`generators/`, `templates/`, `upgrades/`).
 * - `template`: a scaffolder's template, copied into the project it generates (`*.template.ts`): its imports resolve
 *   there, not in this package.
 * - `client`: under a `client/` folder (in a Meteor app, code that never runs on the server).
 * - `tool-config`: a tool's configuration file (`vite.config.ts`, `.eslintrc.js`).
 * - `migration`: a database migration or seed.
 * - `dev-entry`: started only by a developer's package scripts (`"seed": "ts-node src/seed.ts"`, a `dev-*` file run
 *   by a `dev` script): see `startedOnlyByDevScripts` in knowledge/packages.ts.
 */
export type FileTrait =
  | 'logger'
  | 'commands'
  | 'translations'
  | 'installer'
  | 'generator'
  | 'template'
  | 'client'
  | 'tool-config'
  | 'migration'
  | 'dev-entry';

/** One path signal: a pattern over the path (forward slashes, relative to the project), the role it gives, and why. */
export interface PathSignal {
  role: FileRole;
  pattern: RegExp;
  why: string;
  /** Matched against the path inside the package only (`tools/` at a package's top is tooling; `src/tools/` is not). */
  inPackage?: boolean;
  /**
   * What the pattern reads: the file name (`name`, with a leading `/`), the folders (`dir`, with a trailing `/`), or
   * the whole path (default). A shorter string is a faster test: the classifier runs on every file.
   */
  on?: 'name' | 'dir';
}

const EXT = String.raw`\.[cm]?[jt]sx?$`;

/**
 * Tried in this order; the first that matches decides. More specific roles come first: a fixture under `test/` is a
 * fixture, a mock under `src/` is a mock, a helper under `test/` is a test helper.
 */
export const PATH_SIGNALS: readonly PathSignal[] = [
  { role: 'generated', pattern: /(^|\/)(__generated__|generated|\.generated|gen)\//i, why: 'under a generated/ folder', on: 'dir' },
  // Yarn Plug'n'Play writes these at install: its module resolution, not the project's code (standardnotes/server).
  { role: 'generated', pattern: /^\/\.pnp\.(c?js|loader\.mjs)$/, why: "Yarn Plug'n'Play's resolver (.pnp.cjs), written by yarn install", on: 'name' },
  // `token-gen.ts` is a generator someone wrote; `api.gen.ts`, `user_pb.js` and `schema-generated.ts` were written by one.
  { role: 'generated', pattern: new RegExp(String.raw`(\.(generated|gen|pb)|[-_](generated|pb))${EXT}`, 'i'), why: 'named *.generated.*, *.gen.* or *_pb.*', on: 'name' },
  { role: 'fixture', pattern: /(^|\/)(__fixtures__|fixtures?|test-fixtures|testdata|test-data)\//i, why: 'under a fixtures/ folder', on: 'dir' },
  { role: 'fixture', pattern: new RegExp(String.raw`(^|\/)[\w.-]*\.fixtures?${EXT}`, 'i'), why: 'named *.fixture.*', on: 'name' },
  {
    role: 'mock',
    pattern: /(^|\/)(__mocks__|mocks?|mock-?data|mock-?server|fakes?|stubs?|sample-?data|dummy-?data|seed-?data)\//i,
    why: 'under a mocks/ or sample-data/ folder', on: 'dir',
  },
  {
    role: 'mock',
    pattern: new RegExp(
      String.raw`(^|\/)((mocks?|fakes?|stubs?)([-_.][\w.-]*)?|[\w.-]*[-_.](mocks?|fakes?|stubs?)|[\w-]*(mock|sample|dummy|fake)[-_]?data[\w-]*)${EXT}`,
      'i',
    ),
    why: 'named mock-*, *.mock.*, *-stub.* or sample-data.*', on: 'name',
  },
  {
    role: 'mock',
    pattern: new RegExp(String.raw`(^|\/)[\w.-]*[a-z0-9](Mocks?|Stubs?|Fakes?)${EXT}`),
    why: 'named *Mock.*, *Stub.* or *Fake.*', on: 'name',
  },
  {
    role: 'test',
    pattern: new RegExp(
      String.raw`(\.(test|spec|e2e-spec|e2e|stories|story|bench|test-d|tst|cy|pw)${EXT})|((^|\/)(tests?|specs?|bench|benchmark)${EXT})`,
      'i',
    ),
    why: 'named *.test.*, *.spec.*, *.e2e.*, *.bench.* or *.stories.*', on: 'name',
  },
  {
    role: 'test-helper',
    pattern: new RegExp(
      String.raw`(^|\/)(((jest|vitest|mocha|ava|karma|playwright|cypress|test|tests|testing)[-_.]?(setup|teardown|env|environment|globals?|helpers?|utils?|bootstrap)([-_.][\w-]+)?)|setup[-_.]?tests?|setup[-_.]?(jest|vitest|files?[-_.]after[-_.]env)|global[-_.]?(setup|teardown)|test[-_]?(helpers?|utils?|utilities|support|common|harness|server|app|db|database|context|kit))${EXT}`,
      'i',
    ),
    why: 'a test setup or helper file (test-setup.*, jest.setup.*, setupTests.*, test-utils.*)', on: 'name',
  },
  {
    role: 'test-helper',
    pattern:
      /(^|\/)(tests?[-_][\w-]+|testing[-_]?(utils?|library|helpers?|tools?)|e2e[-_][\w-]+|[\w-]+[-_]e2e|(load|stress|perf|performance|smoke|api|integration|unit|functional|acceptance|contract|system|regression|visual|ui|k6)[-_](tests?|testing|specs?)|cypress|playwright)\//i,
    why: 'under a test-tooling folder (test-utils/, e2e-common/, load-testing/, api-tests/, cypress/)', on: 'dir',
  },
  {
    role: 'test-helper',
    pattern: /(^|\/)(__tests__|tests?|specs?|e2e|integration)\/(.+\/)?(helpers?|utils?|tools?|support|setup|common|shared|lib|factories|builders|harness)(\/|[-_.][\w.-]*$|\.[cm]?[jt]sx?$)/i,
    why: 'a helper under a test folder (test/tools/, test/helpers.ts)',
  },
  { role: 'test', pattern: /(^|\/)(__tests__|tests?|specs?|e2e|integration|test-tsd|benchmarks?)\//i, why: 'under a test folder', on: 'dir' },
  {
    role: 'example',
    pattern: /(^|\/)(examples?|demos?|samples?|playground|[\w-]+[-_](examples?|demos?)|(examples?|demos?)[-_][\w-]+)\//i,
    why: 'under an examples/ folder (push-examples/, demo-app/)', on: 'dir',
  },
  // An HTTP route module runs in the web process whatever it is named: a seed or migration route (`app/api/seed/route.ts`,
  // `routes/seed.js`) is what admin-processes/no-admin-route is about, not a seed script.
  {
    role: 'application',
    pattern: /(^|\/)(app|pages)\/api\/(.+\/)?[^/]+\.[cm]?[jt]s$|(^|\/)app\/(.+\/)?route\.[cm]?[jt]s$|(^|\/)(routes?|routers?|controllers?)\/([^/]+\/)?[^/]*(seed|seeds|seeder|migrate|migrations?)[^/]*\.[cm]?[jt]s$/i,
    why: 'an HTTP route module (app/api/, pages/api/, a route file under routes/ or controllers/): it runs in the web process',
  },
  { role: 'cli', pattern: new RegExp(String.raw`(^|\/)([\w.-]+[-_.])?cli(\/|${EXT})|(^|\/)[\w-]+\.cli\.[\w.-]+$`, 'i'), why: 'a cli/ folder, cli.* or *.cli.* file' },
  {
    role: 'script',
    pattern: /(^|\/)(bin|([\w.]+[-_])?scripts?|([\w.]+[-_])?migrations|seeds?|seeders|ci|\.github|\.circleci|\.husky|\.storybook)\//i,
    why: 'under bin/, scripts/, migrations/ (db-migrations/), seeds/, CI or .storybook/', on: 'dir',
  },
  // Only at a package's top: `src/tools/` of an AI agent and `server/queues/tasks/` are application code.
  { role: 'script', pattern: /^(tools|tasks|commands)\//i, why: 'under tools/, tasks/ or commands/ at the package top', inPackage: true },
  { role: 'example', pattern: /^(docs?|documentation)\//i, why: 'under docs/ at the package top: documentation and the samples it shows', inPackage: true },
  // The same at the workspace's top, where docs/ is often a package of its own (hedgedoc's @hedgedoc/docs).
  { role: 'example', pattern: /^(docs?|documentation)\//i, why: 'under docs/ at the workspace top: documentation and the samples it shows' },
  {
    role: 'script',
    pattern: new RegExp(
      String.raw`(^|\/)((webpack|vite|vitest|rollup|jest|babel|eslint|prettier|tailwind|postcss|next|nuxt|svelte|astro|playwright|cypress|karma|tsup|tsdown|esbuild|rsbuild|rspack|commitlint|lint-staged|stylelint|metro|craco|docusaurus|drizzle|knex|turbo|nx|wrangler|storybook|vitepress|i18next-parser|codegen|typedoc|remix|react-router|electron|serverless|sst)(\.[\w-]+)*\.config|jest\.preset|\.[\w-]*rc|gulpfile|gruntfile|jakefile|knexfile|seed|seeds|seeder|migrate|migration|(pre|post)?install)${EXT}`,
      'i',
    ),
    why: 'a tool configuration, seed, migration or install hook', on: 'name',
  },
  { role: 'script', pattern: new RegExp(String.raw`^[\w.-]+\.config${EXT}`, 'i'), why: 'a *.config.* file at the project top', inPackage: true },
  {
    role: 'browser',
    pattern: /(^|\/)(public|static|assets|frontend|front-end|www|browser|web-?client|client-side)\/|(^|\/|\.)browser\.[cm]?[jt]s$|\.[jt]sx$/i,
    why: 'front-end code (.tsx/.jsx, public/, frontend/, *.browser.*)',
  },
];

/** Path traits (see FileTrait). */
export const TRAIT_SIGNALS: ReadonlyArray<{ trait: FileTrait; pattern: RegExp; on?: 'name' | 'dir' }> = [
  { trait: 'logger', pattern: /(^|\/)(loggers?|logging|log|logs|debug)(\/|\.[cm]?[jt]sx?$)/i },
  { trait: 'commands', pattern: /(^|\/)([\w.]+[-_.])?commands?(\/|\.[cm]?[jt]sx?$)/i },
  { trait: 'translations', pattern: /(^|\/)(i18n|l10n|locales?|lang|langs|languages|translations?|messages)\//i, on: 'dir' },
  { trait: 'installer', pattern: /(^|\/)(install(er)?|setup-wizard)\//i, on: 'dir' },
  { trait: 'generator', pattern: /(^|\/)(generators?|codegen|templates?|upgrades?)\//i, on: 'dir' },
  // By name only: a `templates/` folder of an app often holds code that renders mail and imports what it needs.
  { trait: 'template', pattern: /^\/[\w.-]+\.template\.[cm]?[jt]sx?$/i, on: 'name' },
  { trait: 'client', pattern: /(^|\/)client\//i, on: 'dir' },
  { trait: 'tool-config', pattern: /(^|\/)([\w.-]+\.config|\.[\w-]+rc)(\.[\w-]+)*\.[cm]?[jt]sx?$/, on: 'name' },
  { trait: 'migration', pattern: /(^|\/)(migrations?|seeds?|seeders)(\/|\.[cm]?[jt]sx?$)/i },
];

/** Words in a file's leading comments that say a tool wrote it. */
// A bare "DO NOT EDIT" is not enough: hand-written files warn "DO NOT EDIT without updating X" too.
export const GENERATED_BANNER =
  /@generated\b|\bauto-?generated\b|\bautomatically generated\b|\bThis file (?:is|was|has been) (?:auto-?)?generated\b|\bgenerated\b[\s\S]{0,200}?\bDO NOT (?:EDIT|MODIFY)\b|\bDO NOT (?:EDIT|MODIFY)\b[\s\S]{0,200}?\bgenerated\b/i;

/**
 * A one-off script: a top-level call of `main()` (also `main().catch(…)`, `void main()`, `await main()`). It is a
 * script only when the file is not the package's entry point (main, bin, a start script) and is not named like one.
 */
export const TOP_LEVEL_MAIN_CALL = /^(?:void |await )?main\(\)(?:\s*\.(?:then|catch|finally)\(|\s*;?\s*$)/m;

/** Basenames that say "a process of the service" even when they run a `main()`: left application code. */
export const ENTRY_BASENAMES = /^(index|main|server|app|start|worker|workers|bootstrap|cluster|instrument|serve|api|queue|consumer|scheduler|cron)$/i;

/** Package scripts that start the package's service. */
export const START_SCRIPTS = ['start', 'serve', 'start:prod', 'start:production', 'prod', 'dev', 'start:dev', 'server'];

/** Runners whose first file argument is the program a script starts. */
export const SCRIPT_RUNNERS = /(?:^|\s|&&|;)(?:node|nodemon|ts-node|ts-node-dev|tsx|bun|deno run|babel-node|pm2 start|pm2-runtime|forever start|esr|esno|jiti|node --[\w-]+(?:=\S+)?)(?:\s+--?[\w-]+(?:[= ]\S+)?)*\s+(\.{0,2}\/?[\w./@-]+\.(?:[cm]?[jt]s|[jt]sx)|\.{0,2}\/?(?:bin|dist|build|lib|out|src)\/[\w./-]+)/g;

/** A command that starts a JavaScript runtime, whatever it runs (`node generate`). */
export const SCRIPT_RUNNER_WORD = /(?:^|\s)(?:node|nodemon|ts-node|tsx|bun|deno|babel-node)(?:\s|$)/;

/** Package scripts (by name) that run a process of the service, not a tool: their files are never scripts. */
export const SERVICE_SCRIPT_NAME = /^(start|serve|dev|prod|production|worker|workers|queue|consumer|cron|scheduler|server|daemon|watch)\b/i;

/** Top-level folders that hold the service's own code, whatever the package scripts run from them. */
export const SOURCE_ROOTS = new Set(['src', 'source', 'lib', 'app', 'apps', 'server', 'packages', 'dist', 'build', 'out', 'api', 'services', 'modules', 'core', 'backend', 'config', 'db', 'database', 'models', 'routes', 'controllers', 'utils', 'helpers', 'shared', 'common', 'public']);

/** Build output folders whose files come from `src/`. */
export const BUILD_DIRS = /^(dist|build|lib|out|\.output)\//;

/** Names of `bin` commands or files that start a server. */
export const SERVER_BIN = /(^|\/)(www|server|serve|start|api)(\.[cm]?[jt]s)?$/i;

/** Package names (dependencies) that make a package's code run in the browser. */
export const FRONT_END_DEPENDENCIES: readonly string[] = ['vue', 'react-dom', 'svelte', '@angular/core', 'solid-js', 'preact', '@tauri-apps/api'];

/**
 * Families (a scope or a name prefix) whose packages build in-browser editing and floating UI: Tiptap, ProseMirror,
 * Floating UI. A package of editor extensions depends on them and on no framework (docmost's editor-ext). Their
 * headless use on a server (`@tiptap/html`, a collaboration server) comes with a SERVICE_DEPENDENCY, which wins.
 */
export const FRONT_END_DEPENDENCY_FAMILIES: readonly string[] = ['@tiptap/', 'prosemirror-', '@floating-ui/'];

/** Dependencies that serve requests or run jobs: a package with one of them is not a front end, whatever else it has. */
export const SERVICE_DEPENDENCY =
  /^(express|koa|fastify|@nestjs\/core|@hapi\/hapi|hapi|restify|hono|polka|micro|h3|elysia|next|nuxt|astro|@sveltejs\/kit|@remix-run\/(node|serve|express)|@react-router\/(node|serve)|@apollo\/server|apollo-server(-[\w-]+)?|graphql-yoga|@trpc\/server|@feathersjs\/feathers|@adonisjs\/core|sails|@loopback\/core|loopback|moleculer|socket\.io|ws|bull|bullmq|amqplib|kafkajs|agenda|node-cron|electron|routing-controllers|@hocuspocus\/server)$/;

/** Command-line frameworks: a package with a `bin` that uses one is a command-line tool. */
export const CLI_MODULES: ReadonlySet<string> = new Set([
  'commander',
  'yargs',
  'yargs/yargs',
  'meow',
  'cac',
  'sade',
  'arg',
  'minimist',
  'clipanion',
  '@oclif/core',
  '@oclif/command',
  'inquirer',
  '@inquirer/prompts',
  'prompts',
  'enquirer',
  '@clack/prompts',
  'ora',
  'listr',
  'listr2',
  'vorpal',
  'caporal',
  '@caporal/core',
  'cli-table3',
  'boxen',
]);

/** What a package is, from its package.json: see docs/file-roles.md. */
export type PackageRole = 'service' | 'library' | 'cli' | 'front-end';
