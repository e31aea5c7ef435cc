import rule from '../../../server/src/analyzer/rules/codebase/no-cross-app-import';
import { runRuleTests } from '../../support/rule-tester';
import { projectWith } from '../../support/project';

const workspace = {
  root: '/repo',
  packages: { '@acme/web': '/repo/apps/web', '@acme/api': '/repo/apps/api', '@acme/money': '/repo/packages/money', '@acme/api-plugins': '/repo/apps/api/plugins' },
};
const web = projectWith({ root: '/repo/apps/web', packageJson: { name: '@acme/web', private: true }, workspace });
const api = projectWith({ root: '/repo/apps/api', packageJson: { name: '@acme/api', private: true }, workspace });
const rootProject = projectWith({ root: '/repo', packageJson: { name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }, workspace });
// A package with its own package.json inside a member, listed by no workspace glob (erxes payment_api/src/widget).
const widget = projectWith({ root: '/repo/packages/money/src/widget', packageJson: { name: 'money-widget', private: true }, workspace });
const alone = projectWith({ root: '/repo/apps/web', packageJson: { name: 'web' } });

runRuleTests(rule, {
  valid: [
    // Within the package, however far up it climbs.
    { code: "import { db } from '../../lib/db';\nimport config from '../config.json';", filename: 'src/routes/users/index.ts', project: web },
    // A workspace package imported by its name.
    { code: "import { formatPrice } from '@acme/money';\nimport { client } from '@acme/api/client';", filename: 'src/prices.ts', project: web },
    // A shared folder at the workspace's top that is no package (tsconfig paths, a `shared/` dir).
    { code: "import { Schema } from '../../../shared/schema';\nimport '../../../types/global';", filename: 'src/app.ts', project: web },
    // Types only leave nothing at run time: the front end typing its calls with the API's router.
    { code: "import type { AppRouter } from '../../api/src/router';\nexport type { User } from '../../api/src/users';\nimport { type Plan, type Price } from '../../api/src/billing';", filename: 'src/trpc.ts', project: web },
    // Assets and styles from another package are a build concern.
    { code: "import logo from '../../web/public/logo.svg';\nimport '../../../packages/money/styles.css';", filename: 'src/mail.ts', project: api },
    // Regression (formbricks packages/surveys): a stylesheet with a bundler query is still a stylesheet.
    { code: "import editorStyles from '../../../web/src/editor/styles.css?inline';", filename: 'src/lib/styles.ts', project: api },
    // Another package's manifest, read for its version (typebot's embed snippets): no sources are shared.
    { code: "import packageJson from '../../../packages/money/package.json';\nconst url = `https://cdn/money@${packageJson.version}`;", filename: 'src/embed.ts', project: web },
    // No workspace: nothing tells packages apart.
    { code: "import { x } from '../../api/src/x';", filename: 'src/app.ts', project: alone },
    { code: "import { usePayment } from '../hooks/use-payment';\nimport { api } from '../../config';", filename: 'src/components/Pay.tsx', project: widget, name: 'a nested package that is no member: its own folders are home' },
    // Tests and scripts at any level import what they exercise.
    { code: "import { createApp } from '../../api/src/app';", filename: 'test/e2e/app.test.ts', project: web },
    { code: "import { seed } from '../apps/api/src/seed';", filename: 'scripts/seed.ts', project: rootProject },
    // Look-alikes: a string that is not a module specifier.
    { code: "const p = path.join(__dirname, '../../api/src/x');\nfs.readFileSync('../../api/package.json');", filename: 'src/app.ts', project: web },
  ],
  invalid: [
    {
      name: 'a JSON file of another package that is not its manifest is its data',
      code: "import plans from '../../../packages/money/src/plans.json';",
      filename: 'src/pricing.ts',
      project: web,
      errors: [{ messageId: 'crossPackage', line: 1, column: 19 }],
    },
    {
      name: 'one app importing another app\'s sources (import, require, export from, dynamic import)',
      code: "import { PrismaService } from '../../api/src/database/prisma.provider';\nconst { sign } = require('../../api/src/auth/jwt');\nexport { money } from '../../../packages/money/src/index';\nconst lazy = () => import('../../api/src/heavy.js');",
      filename: 'src/server.ts',
      project: web,
      errors: [
        {
          messageId: 'crossPackage',
          line: 1,
          column: 31,
          endColumn: 71,
          message:
            '"../../api/src/database/prisma.provider" reaches into the sources of workspace package "@acme/api"; import it by name and declare it ("@acme/api": "workspace:*"), so that each app is its own codebase (I. Codebase).',
        },
        { messageId: 'crossPackage', line: 2, column: 26 },
        { messageId: 'crossPackage', line: 3, column: 23 },
        { messageId: 'crossPackage', line: 4, column: 27 },
      ],
    },
    {
      name: 'a package nested in another is its own package',
      code: "import { register } from '../plugins/src/registry';",
      filename: 'src/app.ts',
      project: api,
      errors: [{ messageId: 'crossPackage', line: 1, column: 26 }],
    },
    {
      name: 'a nested package that is no member, reaching out of itself into its host member',
      code: "import { format } from '../../../../index';",
      filename: 'src/components/Pay.tsx',
      project: widget,
      errors: [{ messageId: 'crossPackage', line: 1, column: 24 }],
    },
    {
      name: 'root application code reaching into an app',
      code: "import { handler } from '../apps/api/src/handler';",
      filename: 'functions/index.ts',
      project: rootProject,
      errors: [{ messageId: 'crossPackage', line: 1, column: 25 }],
    },
  ],
});
