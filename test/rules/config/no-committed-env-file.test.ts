import rule from '../../../server/src/analyzer/rules/config/no-committed-env-file';
import { runRuleTests } from '../../support/rule-tester';
import { projectWith } from '../../support/project';

const committed = projectWith({ packageJson: { name: 'api', dependencies: { express: '4' } }, gitIgnored: () => false });
const ignored = projectWith({ packageJson: { name: 'api' }, gitIgnored: () => true });
const noGit = projectWith({ packageJson: { name: 'api' }, gitIgnored: () => undefined });
const web = projectWith({ packageJson: { name: 'web', dependencies: { next: '14' } }, gitIgnored: () => false });

runRuleTests(rule, {
  valid: [
    { code: 'API_TOKEN=abc\n', filename: '/repo/.env', project: ignored },
    { name: 'not in a git work tree: unknown, so quiet', code: 'API_TOKEN=abc\n', filename: '/repo/.env', project: noGit },
    { code: 'API_TOKEN=\nDATABASE_URL=\n# LOG_LEVEL=debug\n', filename: '/repo/.env', project: committed },
    { code: 'API_TOKEN=changeme\n', filename: '/repo/.env.example', project: committed },
    { code: 'DATABASE_URL=postgres://localhost/test\n', filename: '/repo/.env.test', project: committed },
    // CI's own values, named for docker-compose's env_file (standardnotes/server .github/ci.env).
    { code: 'DB_HOST=db\nAUTH_JWT_SECRET=f952a1c0\n', filename: '/repo/.github/ci.env', project: committed },
    { code: 'DB_HOST=db\n', filename: '/repo/docker/api.test.env', project: committed },
    { code: 'API_URL=http://localhost:3000\n', filename: '/repo/.env.development', project: committed },
    { name: 'Next.js documents committing .env with public defaults', code: 'NEXT_PUBLIC_API=https://api.test\n', filename: '/repo/.env.production', project: web },
  ],
  invalid: [
    {
      code: '# local\nEMPTY=\nSTRIPE_KEY=sk_live_abc\n',
      filename: '/repo/.env',
      project: committed,
      errors: [
        {
          messageId: 'committed',
          line: 3,
          column: 1,
          endColumn: 23,
          message: '.env holds values and git does not ignore it, so they are committed: add it to .gitignore, keep the values in each deploy’s environment and the names in .env.example (III. Config).',
        },
      ],
    },
    { code: 'DB_PASSWORD=hunter2\n', filename: '/repo/.env.production', project: committed, errors: [{ messageId: 'committed', line: 1, column: 1 }] },
    // A name that only contains a test word is no test file.
    { code: 'DB_PASSWORD=hunter2\n', filename: '/repo/deploy/contest.env', project: committed, errors: [{ messageId: 'committed', line: 1, column: 1 }] },
    { code: 'DB_PASSWORD=hunter2\n', filename: '/repo/deploy/prod.env', project: committed, errors: [{ messageId: 'committed', line: 1, column: 1 }] },
    { code: 'NEXT_PUBLIC_X=1\nSECRET=x\n', filename: '/repo/.env.local', project: web, errors: [{ messageId: 'committed', line: 1, column: 1 }] },
  ],
});
