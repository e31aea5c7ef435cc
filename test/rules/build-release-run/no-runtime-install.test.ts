import rule from '../../../server/src/analyzer/rules/build-release-run/no-runtime-install';
import { runRuleTests } from '../../support/rule-tester';
import { projectWith } from '../../support/project';

const service = projectWith({ packageJson: { name: 'api', private: true, dependencies: { express: '^4', prisma: '^5' }, scripts: { start: 'node dist/server.js' } } });
const cli = projectWith({ packageJson: { name: 'create-app', bin: { 'create-app': 'dist/cli.js' } } });
const published = projectWith({ packageJson: { name: '@acme/runner', main: 'dist/index.js', files: ['dist'], scripts: { start: 'node src/index.js' } } });

runRuleTests(rule, {
  valid: [
    // Running installed binaries and npm scripts is not installing.
    { code: "import { execSync } from 'child_process';\nexecSync('npx prisma migrate deploy');\nexecSync('npm run build');\nexecSync('npm --version');", project: service },
    // A plugin manager installing what an admin picked (NodeBB, Node-RED): the product's feature.
    { code: "import { spawn } from 'child_process';\nexport const install = (name: string) => spawn('npm', ['install', `${name}@latest`]);", project: service },
    { code: "import { execSync } from 'child_process';\nexport const add = (pkg: string) => execSync(`npm install ${pkg} --save`);", project: service },
    // Installing into another folder: a build service or sandbox working on a user's project.
    { code: "import { execSync } from 'child_process';\nexport const build = (dir: string) => execSync('npm ci', { cwd: dir });", project: service },
    { code: "import { exec } from 'child_process';\nexport const build = (dir: string) => exec(`cd ${dir} && npm install`);", project: service },
    { code: "import { execSync } from 'child_process';\nexecSync('npm install --prefix /srv/sandbox lodash');", project: service },
    // git clone and pull of a repository the service manages (a git-backed wiki): data, not the app's code.
    { code: "import { execFileSync } from 'child_process';\nexport const sync = (repo: string) => execFileSync('git', ['pull'], { cwd: repo });", project: service },
    { code: "import { execSync } from 'child_process';\nexport const fetch = (url: string) => execSync(`git clone ${url} /data/repos/x`);", project: service },
    { code: "import { execSync } from 'child_process';\nexecSync('git -C /data/content pull');", project: service },
    // simple-git on a repository the service manages.
    { code: "import simpleGit from 'simple-git';\nexport const sync = (dir: string) => simpleGit(dir).pull();\nconst content = simpleGit({ baseDir: process.env.CONTENT_DIR });\ncontent.pull();", project: service },
    // npx of a declared package runs the installed copy.
    { code: "import { execSync } from 'child_process';\nexecSync('npx -y prisma generate');", project: service },
    // Scripts, tests, scaffolders and published tools install on purpose.
    { code: "import { execSync } from 'child_process';\nexecSync('npm install', { stdio: 'inherit' });", filename: 'scripts/setup.ts', project: service },
    { code: "import { execSync } from 'child_process';\nexecSync('npm install');", filename: 'test/global-setup.ts', project: service },
    { code: "import { execSync } from 'child_process';\nexecSync('npm install', { cwd: process.cwd() });", project: cli },
    { code: "import { execSync } from 'child_process';\nexecSync('npm install');", project: published },
    // Look-alikes: an exec that is no process call.
    { code: "const re = /npm install/;\nre.exec('npm install');\ndb.exec('yarn add x');", project: service },
  ],
  invalid: [
    {
      name: 'install-if-missing at startup',
      code: "import fs from 'fs';\nimport { execSync } from 'child_process';\nif (!fs.existsSync('node_modules')) execSync('npm install', { stdio: 'inherit' });",
      project: service,
      errors: [
        {
          messageId: 'install',
          line: 3,
          column: 47,
          endColumn: 50,
          message:
            'Installs packages at run time ("npm install"): the running release is then no longer the build that was tested. Install dependencies in the build stage (V. Build, release, run).',
        },
      ],
    },
    {
      name: 'require, and install what failed to load',
      code: "const { execSync } = require('child_process');\nfunction load(name) {\n  try {\n    return require(name);\n  } catch (e) {\n    execSync(`npm install ${name}`);\n    return require(name);\n  }\n}",
      filename: 'src/load.js',
      project: service,
      errors: [{ messageId: 'install', line: 6, column: 15 }],
    },
    {
      name: 'package managers, their own folder, promisify and execa',
      code: [
        "import util from 'util';",
        "import cp from 'child_process';",
        "import { execa } from 'execa';",
        "import path from 'path';",
        'const run = util.promisify(cp.exec);',
        "await run('yarn add puppeteer');",
        "cp.execSync('pnpm i --frozen-lockfile', { cwd: path.join(__dirname, '..') });",
        "await execa('npm', ['ci', '--omit=dev']);",
        "cp.execSync('cd api && yarn');",
      ].join('\n'),
      project: service,
      errors: [
        { messageId: 'install', line: 6, column: 12 },
        { messageId: 'install', line: 7, column: 14 },
        { messageId: 'install', line: 8, column: 14 },
        { messageId: 'install', line: 9, column: 24 },
      ],
    },
    {
      name: 'self-update: git pull in the app folder',
      code: "import { exec } from 'child_process';\napp.post('/update', (req, res) => exec('git pull && npm install && pm2 restart all', () => res.end()));",
      project: service,
      errors: [
        { messageId: 'pull', line: 2, column: 41, message: 'Pulls code into the running app ("git pull"): code reaches a service only through a new build and release (V. Build, release, run).' },
      ],
    },
    {
      name: 'simple-git pulling the app itself (michael13162/synbiohub admin update)',
      code: "const git = require('simple-git')();\nmodule.exports = async (req, res) => {\n  await git.pull();\n};",
      filename: 'lib/views/admin/update.js',
      project: service,
      errors: [{ messageId: 'pull', line: 3, column: 13, endColumn: 17 }],
    },
    {
      name: 'npx that downloads an undeclared package',
      code: "import { execSync } from 'child_process';\nexecSync('npx -y @mermaid-js/mermaid-cli -i a.mmd -o a.svg');\nexecSync('npx http-server@14 ./public');",
      project: service,
      errors: [
        { messageId: 'download', line: 2, column: 11, message: 'Downloads "npx @mermaid-js/mermaid-cli" at run time: declare it in package.json so the build installs it, and run the installed binary (V. Build, release, run).' },
        { messageId: 'download', line: 3, column: 11 },
      ],
    },
  ],
});
