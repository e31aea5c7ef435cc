import rule from '../../../server/src/analyzer/rules/build-release-run/no-git-version-at-runtime';
import { runRuleTests } from '../../support/rule-tester';
import { projectWith } from '../../support/project';

const service = projectWith({ packageJson: { name: 'api', private: true, dependencies: { express: '^4' }, scripts: { start: 'node dist/server.js' } } });
const cli = projectWith({ packageJson: { name: 'git-tool', bin: { gt: 'dist/cli.js' } } });

runRuleTests(rule, {
  valid: [
    // The release stage's stamp, read from the environment.
    { code: "export const commit = process.env.GIT_COMMIT_SHA || 'unknown';", project: service },
    // git only where the release stage set nothing: a developer's machine (Next.js layouts, Vite configs).
    { code: "import { execSync } from 'child_process';\nconst sha = (process.env.VERCEL_GIT_COMMIT_SHA ?? execSync('git rev-parse --short HEAD').toString()).trim();", project: service },
    { code: "import { execSync } from 'child_process';\nlet commit = process.env.GITHUB_SHA;\nif (!commit) {\n  commit = execSync('git rev-parse HEAD').toString();\n}", project: service },
    // Where the repository is, the branch release tooling checks, a file's history a wiki shows.
    { code: "import { execSync } from 'child_process';\nconst root = execSync('git rev-parse --show-toplevel');\nconst branch = execSync('git rev-parse --abbrev-ref HEAD');", project: service },
    { code: "import { execFileSync } from 'child_process';\nexport const history = (file: string) => execFileSync('git', ['log', '--format=%H %s', '--', file]);", project: service },
    // Another repository: one the service manages.
    { code: "import { execSync } from 'child_process';\nexport const head = (repo: string) => execSync('git rev-parse HEAD', { cwd: repo });", project: service },
    { code: "import fs from 'fs';\nimport path from 'path';\nexport const head = (repo: string) => fs.readFileSync(path.join(repo, '.git', 'HEAD'), 'utf8');", project: service },
    // Release tooling that reads the version to tag and push it (uptime-kuma's extra/release).
    { code: "import cp from 'child_process';\nconst sha = cp.execSync('git rev-parse HEAD');\ncp.execSync(`git tag v${version}`);\ncp.execSync('git push --tags');", project: service },
    // simple-git on another repository, or in a file that also commits.
    { code: "import simpleGit from 'simple-git';\nexport const head = (dir: string) => simpleGit(dir).revparse(['HEAD']);", project: service },
    { code: "import simpleGit from 'simple-git';\nconst git = simpleGit();\nconst sha = await git.revparse(['HEAD']);\nawait git.commit('release');", project: service },
    // Build configs, scripts, tests, git tools.
    { code: "import { execSync } from 'child_process';\nexport default { define: { __SHA__: JSON.stringify(execSync('git rev-parse HEAD').toString()) } };", filename: 'vite.config.ts', project: service },
    { code: "import { execSync } from 'child_process';\nexecSync('git describe --tags');", filename: 'scripts/release.ts', project: service },
    { code: "import { execSync } from 'child_process';\nexecSync('git rev-parse HEAD');", project: cli },
    { code: "import gitRev from 'git-rev-sync';", filename: 'webpack.config.js', project: service },
  ],
  invalid: [
    {
      name: 'a health route that asks git (ZulusK/nodejs_staterter)',
      code: "const cp = require('child_process');\nrouter.get('/health-check', (req, res) => {\n  const revision = cp.execSync('git rev-parse HEAD').toString().trim();\n  res.send(`OK: ${revision}`);\n});",
      filename: 'server/index.route.js',
      project: service,
      errors: [
        {
          messageId: 'command',
          line: 3,
          column: 33,
          endColumn: 36,
          message:
            'Reads the version from git at run time ("git rev-parse HEAD"): a release has no repository or git binary, and the checkout is not the release. Have the release stage set it in the environment (GIT_COMMIT_SHA, RELEASE_VERSION) (V. Build, release, run).',
        },
      ],
    },
    {
      name: 'simple-git on the app folder',
      code: "import path from 'path';\nimport simpleGit from 'simple-git';\nconst git = simpleGit(path.join(__dirname, '..'));\nexport const commit = () => git.revparse(['HEAD']);",
      project: service,
      errors: [{ messageId: 'command', line: 4, column: 33, endColumn: 41 }],
    },
    {
      name: 'describe, log -1, zx and execa',
      code: [
        "import { execSync } from 'child_process';",
        "import { $ } from 'zx';",
        "import { execa } from 'execa';",
        "export const version = execSync('git describe --tags --always').toString();",
        "export const date = execSync('git log -1 --format=%cd').toString();",
        'export const short = await $`git rev-parse --short HEAD`;',
        "export const count = await execa('git', ['rev-list', '--count', 'HEAD']);",
      ].join('\n'),
      project: service,
      errors: [
        { messageId: 'command', line: 4, column: 34 },
        { messageId: 'command', line: 5, column: 31 },
        { messageId: 'command', line: 6, column: 30 },
        { messageId: 'command', line: 7, column: 35 },
      ],
    },
    {
      name: '.git files and git-info modules',
      code: "import fs from 'fs';\nimport path from 'path';\nimport info from 'git-repo-info';\nconst head = fs.readFileSync(path.join(__dirname, '..', '.git', 'HEAD'), 'utf8');\nconst ref = fs.readFileSync('.git/refs/heads/main', 'utf8');\nconst rev = require('git-rev-sync');",
      project: service,
      errors: [
        { messageId: 'module', line: 3, column: 18, message: '"git-repo-info" reads the commit from the working copy at run time: a release has no .git folder. Have the release stage set it in the environment (GIT_COMMIT_SHA, RELEASE_VERSION) (V. Build, release, run).' },
        { messageId: 'file', line: 4, column: 30, message: 'Reads ".git/HEAD" at run time: a release has no .git folder. Have the release stage set the commit in the environment (GIT_COMMIT_SHA) (V. Build, release, run).' },
        { messageId: 'file', line: 5, column: 29 },
        { messageId: 'module', line: 6, column: 21 },
      ],
    },
  ],
});
