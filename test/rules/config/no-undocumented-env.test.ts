import assert from 'node:assert/strict';
import dotenv from 'dotenv';
import rule from '../../../server/src/analyzer/rules/config/no-undocumented-env';
import { applyEdits } from '../../../server/src/analyzer/fixes/edits';
import { projectFindings, projectFromFiles } from '../../support/project';

const APP = { packageJson: { name: 'app', private: true, scripts: { start: 'node dist/server.js' } } };

describe('config/no-undocumented-env', () => {
  const code = [
    "import { Pool } from 'pg';",
    'export const pool = new Pool({ connectionString: process.env.DATABASE_URL });',
    "export const logLevel = process.env.LOG_LEVEL ?? 'info';",
    'const { STRIPE_KEY, SENTRY_DSN = "" } = process.env;',
    'export const port = Number(process.env.PORT ?? 3000);',
    "if (process.env.NODE_ENV === 'production') console.info('prod');",
    'export const sha = process.env.GITHUB_SHA;',
    "export const os = process.env.EXPO_OS; // Expo's bundler sets it",
    "process.env.TZ = 'UTC';",
    'export { STRIPE_KEY, SENTRY_DSN };',
  ].join('\n');

  it('reports the names the code reads that .env.example does not list, in .env.example, with a fix', () => {
    const files = { 'src/config.ts': code, '.env.example': '# Database\nDATABASE_URL=postgres://localhost/app\n', 'test/setup.ts': 'process.env.TEST_ONLY;\n' };
    const found = projectFindings(rule, projectFromFiles(files, APP), files);
    assert.deepEqual(
      found.map(({ file, line, column, message }) => ({ file, line, column, message })),
      [
        {
          file: '.env.example',
          line: 1,
          column: 1,
          message: '3 variables the code reads are not listed here: LOG_LEVEL, SENTRY_DSN, STRIPE_KEY. List every variable a deploy must set (III. Config).',
        },
      ],
    );
    const [fix] = found[0].finding.fixes;
    assert.equal(fix.title, 'Add LOG_LEVEL, SENTRY_DSN, STRIPE_KEY to .env.example');
    assert.equal(fix.safe, false);
    const fixed = applyEdits(files['.env.example'], fix.edits);
    assert.equal(fixed, '# Database\nDATABASE_URL=postgres://localhost/app\n# LOG_LEVEL=\n# SENTRY_DSN=\nSTRIPE_KEY=\n');
    // Run side by side: a .env copied from the fixed example leaves the code's fallbacks in force (the commented
    // names stay unset), and lists what has none.
    const before = dotenv.parse(files['.env.example']);
    const after = dotenv.parse(fixed);
    const program = (env: Record<string, string | undefined>) => ({ logLevel: env.LOG_LEVEL ?? 'info', sentry: env.SENTRY_DSN ?? '' });
    assert.deepEqual(program(after), program(before));
    assert.equal(after.STRIPE_KEY, '');
    assert.equal(projectFindings(rule, projectFromFiles({ ...files, '.env.example': fixed }, APP), files).length, 0);
  });

  it('counts commented entries, other example spellings and Dockerfile ENV as listed', () => {
    const files = {
      'src/config.ts': code,
      '.env.example': 'DATABASE_URL=\n# LOG_LEVEL=debug\n',
      '.env.sample': 'STRIPE_KEY=\n',
      Dockerfile: 'FROM node:20-slim\nENV SENTRY_DSN=""\n',
    };
    assert.deepEqual(projectFindings(rule, projectFromFiles(files, APP), files), []);
  });

  it('says nothing without an example file at the project root, and for names only tests or scripts read', () => {
    assert.deepEqual(projectFindings(rule, projectFromFiles({ 'src/config.ts': code }, APP), {}), []);
    const nested = { 'src/config.ts': code, 'docs/.env.example': 'X=\n' };
    assert.deepEqual(projectFindings(rule, projectFromFiles(nested, APP), nested), []);
    const scripts = { 'scripts/seed.ts': 'process.env.SEED_URL;\n', 'src/app.spec.ts': 'process.env.SPEC;\n', '.env.example': 'A=\n' };
    assert.deepEqual(projectFindings(rule, projectFromFiles(scripts, APP), scripts), []);
  });

  it('checks only deployed packages (a start script or a Dockerfile), and leaves names a schema maps to itself', () => {
    const files = { 'src/client.ts': 'export const host = process.env.POSTHOG_HOST;\n', '.env.example': 'KEY=\n' };
    // A workspace library: its variables are the app's to list.
    assert.deepEqual(projectFindings(rule, projectFromFiles(files, { packageJson: { name: '@acme/posthog', private: true } }), files), []);
    const withDocker = { ...files, Dockerfile: 'FROM node:20\n' };
    assert.equal(projectFindings(rule, projectFromFiles(withDocker, { packageJson: { name: 'svc', private: true } }), withDocker).length, 1);
    // t3-env: `runtimeEnv: { X: process.env.X }` hands the names to a schema that says which are optional.
    const t3 = { 'src/env.ts': "import { createEnv } from '@t3-oss/env-nextjs';\nexport const env = createEnv({ server: {}, runtimeEnv: { SENTRY_DSN: process.env.SENTRY_DSN } });\n", '.env.example': 'KEY=\n' };
    assert.deepEqual(projectFindings(rule, projectFromFiles(t3, APP), t3), []);
  });

  it('appends after a last line without a newline, keeping CRLF', () => {
    const files = { 'src/a.ts': 'process.env.API_TOKEN;\n', '.env.example': 'A=1\r\nB=2' };
    const [found] = projectFindings(rule, projectFromFiles(files, APP), files);
    assert.equal(applyEdits(files['.env.example'], found.finding.fixes[0].edits), 'A=1\r\nB=2\r\nAPI_TOKEN=\r\n');
  });

  it('honours a disable comment in .env.example', () => {
    const files = { 'src/a.ts': 'process.env.API_TOKEN;\n', '.env.example': '# twelve-factor-disable config/no-undocumented-env\nA=1\n' };
    assert.deepEqual(projectFindings(rule, projectFromFiles(files, APP), files), []);
  });
});
