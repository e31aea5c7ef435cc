import rule from '../../../server/src/analyzer/rules/build-release-run/no-runtime-transpiler';
import { runRuleTests } from '../../support/rule-tester';
import { projectWith } from '../../support/project';

const startsIndex = projectWith({ packageJson: { name: 'api', private: true, scripts: { start: 'node index.js' } } });
const startsServer = projectWith({ packageJson: { name: 'api', private: true, main: 'dist/server.js', scripts: { start: 'node server-prod.js' } } });
// NestJS starters (lujakob/nestjs-realworld-example-app): `start` runs a ts-node launcher, `start:prod` the build.
const nestStarter = projectWith({
  packageJson: { name: 'api', private: true, main: 'index.js', scripts: { start: 'node index.js', 'prestart:prod': 'tsc', 'start:prod': 'node dist/main.js' } },
});
const prodLauncher = projectWith({ packageJson: { name: 'api', private: true, main: 'index.js', scripts: { start: 'node index.js', 'start:prod': 'node prod.js' } } });
// A dev `start` runs a ts-node launcher and a build script compiles what the deploy starts (node dist/main.js).
const buildsAndStartsIndex = projectWith({ packageJson: { name: 'api', private: true, main: 'index.js', scripts: { build: 'nest build', start: 'node index.js' } } });
const buildsAndStartsProdLauncher = projectWith({ packageJson: { name: 'api', private: true, scripts: { build: 'tsc', start: 'node index.js', 'start:prod': 'node prod.js' } } });
const typeChecksAndStartsIndex = projectWith({ packageJson: { name: 'api', private: true, main: 'index.js', scripts: { typecheck: 'tsc --noEmit', start: 'node index.js' } } });
const pkg = (scripts: Record<string, string>, extra: Record<string, unknown> = {}): string => JSON.stringify({ name: 'api', private: true, ...extra, scripts }, null, 2);

runRuleTests(rule, {
  valid: [
    // Built JavaScript started by node.
    { code: pkg({ build: 'tsc', start: 'node dist/server.js', dev: 'tsx watch src/server.ts' }), filename: 'package.json' },
    // A desktop app and an editor extension are not deployed services: how they start is theirs.
    { code: pkg({ start: 'electron -r ts-node/register .' }, { devDependencies: { electron: '30.0.0' } }), filename: 'package.json' },
    { code: pkg({ start: 'ts-node src/extension.ts' }, { engines: { vscode: '^1.91.0' } }), filename: 'package.json' },
    // A start script beside a production one is the developer's (NestJS, many tutorials).
    { code: pkg({ start: 'ts-node src/main.ts', 'start:prod': 'node dist/main.js' }), filename: 'package.json' },
    // A build script that compiles: the deploy runs its output (Procfile `web: node build/app.js`, bulletproof-nodejs).
    { code: pkg({ build: 'tsc -p tsconfig.build.json', start: 'ts-node src/app.ts' }), filename: 'package.json' },
    // Watchers are developer tools nobody deploys on purpose; nodemon is not a compiler.
    { code: pkg({ start: 'tsx --watch source/index.ts' }), filename: 'package.json' },
    { code: pkg({ start: 'nodemon server.js' }), filename: 'package.json' },
    // Published packages and CLIs: their start script is a maintainer's.
    { code: pkg({ start: 'ts-node src/index.ts' }, { private: false, files: ['dist'], main: 'dist/index.js' }), filename: 'package.json' },
    { code: pkg({ start: 'ts-node src/cli.ts' }, { bin: { tool: 'dist/cli.js' } }), filename: 'package.json' },
    // A loader outside the entry: migration configs, seeds, test helpers.
    { code: "require('ts-node/register');\nmodule.exports = { url: process.env.DATABASE_URL };", filename: 'ormconfig.js', project: startsIndex },
    { code: "require('ts-node/register');", filename: 'src/db/seed-runner.js', project: startsIndex },
    // A loader only outside production.
    { code: "if (process.env.NODE_ENV !== 'production') {\n  require('ts-node/register');\n}\nrequire('./src/server');", filename: 'index.js', project: startsIndex },
    // The launcher a dev `start` runs in a package that compiles in a build script (as the package.json check reads it).
    { code: "require('ts-node/register');\nrequire('./src/main');", filename: 'index.js', project: buildsAndStartsIndex, name: 'the dev launcher of a package that builds with nest build' },
    // The launcher a dev `start` runs, beside a `start:prod` that runs the build.
    { code: "require('ts-node/register');\nrequire('./src/main');", filename: 'index.js', project: nestStarter, name: 'the dev launcher beside start:prod' },
    // tsconfig-paths is no compiler.
    { code: "require('tsconfig-paths/register');\nrequire('./dist/server');", filename: 'index.js', project: startsIndex },
  ],
  invalid: [
    {
      name: 'a type check is no build: tsc --noEmit writes nothing to start',
      code: pkg({ typecheck: 'tsc --noEmit', start: 'ts-node src/index.ts' }),
      filename: 'package.json',
      errors: [{ messageId: 'script', line: 6, column: 15 }],
    },
    {
      name: 'package.json start through ts-node, tsx, babel-node and node -r',
      code: pkg({ start: 'cross-env NODE_ENV=production ts-node src/index.ts' }),
      filename: 'package.json',
      errors: [
        {
          messageId: 'script',
          line: 5,
          column: 15,
          message:
            'The "start" script runs the sources through ts-node, compiling them at every start in production: build in the build stage and start the built JavaScript ("node dist/…") (V. Build, release, run).',
        },
      ],
    },
    { code: pkg({ start: 'tsx src/server.ts' }), filename: 'package.json', errors: [{ messageId: 'script', line: 5, column: 15 }] },
    { code: pkg({ start: 'node -r @babel/register src/server.js' }), filename: 'package.json', errors: [{ messageId: 'script', line: 5, column: 15 }] },
    { code: pkg({ dev: 'tsx watch src/x.ts', 'start:prod': 'node --import tsx src/server.ts' }), filename: 'package.json', errors: [{ messageId: 'script', line: 6, column: 20 }] },
    {
      name: 'a launcher that registers Babel, then requires the sources (rpabon/posts-app)',
      code: "require('@babel/register')({ presets: ['@babel/preset-env'] });\nrequire('./src/server');",
      filename: 'index.js',
      project: startsIndex,
      errors: [
        {
          messageId: 'loader',
          line: 1,
          column: 9,
          endColumn: 26,
          message:
            '"@babel/register" compiles the sources on every start of the app: build once in the build stage (tsc, a bundler) and start the built JavaScript (V. Build, release, run).',
        },
      ],
    },
    {
      name: 'TypeScript import-equals and a re-export load the loader as well',
      code: "import tsNode = require('ts-node/register');\nexport * from '@babel/register';\nimport type { RegisterOptions } from 'ts-node';",
      filename: 'index.ts',
      project: startsIndex,
      errors: [
        { messageId: 'loader', line: 1, column: 25, endColumn: 43 },
        { messageId: 'loader', line: 2, column: 15, endColumn: 32 },
      ],
    },
    {
      name: 'a "production" wrapper around ts-node (yash1262/email-onebox)',
      code: "require('ts-node').register({ transpileOnly: true });\nrequire('./src/server.ts');",
      filename: 'server-prod.js',
      project: startsServer,
      errors: [{ messageId: 'loader', line: 1, column: 9, endColumn: 18 }],
    },
    {
      name: 'the file start:prod runs registers the loader',
      code: "require('ts-node/register');\nrequire('./src/main');",
      filename: 'prod.js',
      project: prodLauncher,
      errors: [{ messageId: 'loader', line: 1, column: 9 }],
    },
    {
      name: 'a build script does not excuse the file start:prod runs',
      code: "require('ts-node/register');\nrequire('./src/main');",
      filename: 'prod.js',
      project: buildsAndStartsProdLauncher,
      errors: [{ messageId: 'loader', line: 1, column: 9 }],
    },
    {
      name: 'a type check is no build: the launcher start runs is still the production entry',
      code: "require('ts-node/register');\nrequire('./src/main');",
      filename: 'index.js',
      project: typeChecksAndStartsIndex,
      errors: [{ messageId: 'loader', line: 1, column: 9 }],
    },
    {
      name: 'register imported from ts-node, and import "tsx"',
      code: "import { register } from 'ts-node';\nimport 'tsx/esm';\nregister({ transpileOnly: true });",
      filename: 'index.ts',
      project: startsIndex,
      errors: [
        { messageId: 'loader', line: 2, column: 8 },
        { messageId: 'loader', line: 3, column: 1 },
      ],
    },
  ],
});
