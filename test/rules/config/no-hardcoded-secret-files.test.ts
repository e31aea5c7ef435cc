// config/no-hardcoded-secret over Dockerfiles and committed .env templates (issue 9): the same detector as the
// TypeScript side, the same never-echo guarantee.
import assert from 'node:assert/strict';
import rule from '../../../server/src/analyzer/rules/config/no-hardcoded-secret';
import { runCase, runRuleTests } from '../../support/rule-tester';
import { projectWith } from '../../support/project';

// Built at run time so that this file does not itself look like it leaks keys.
const GITHUB = 'ghp_' + 'aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5';
const AWS = 'AKIA' + 'QWERTYUIOPASDFGH';
const GOOGLE = 'AIza' + 'SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY';
const RANDOM = 'Zk3Lm9Qx2Vb7Np4Rt8Ws6Yu1';

const committed = projectWith({ packageJson: { name: 'api' }, gitIgnored: () => false });
const ignored = projectWith({ packageJson: { name: 'api' }, gitIgnored: () => true });

runRuleTests(rule, {
  valid: [
    // References and build arguments without a default carry nothing.
    { code: 'FROM node:20\nARG NPM_TOKEN\nENV DB_PASSWORD=$DB_PASSWORD\nENV JWT_SECRET=${JWT_SECRET}\n', filename: 'Dockerfile' },
    { code: 'FROM node:20\nENV NODE_ENV=production PORT=3000\nENV PASSWORD_MIN_LENGTH=8 TOKEN_TTL=3600\n', filename: 'Dockerfile' },
    { code: 'FROM node:20\nENV JWT_SECRET_FILE=/run/secrets/jwt\nENV API_KEY=""\n', filename: 'Dockerfile' },
    { code: 'FROM node:20\nENV API_KEY=your-api-key SECRET=<secret> TOKEN=xxx\n', filename: 'Dockerfile', name: 'stand-ins' },
    { code: 'FROM node:20\n# ENV DB_PASSWORD=supersecret\nRUN echo hi\n', filename: 'Dockerfile' },
    { code: 'FROM postgres:16\nENV POSTGRES_PASSWORD=devpass\n', filename: 'Dockerfile.dev', name: 'an image for a developer’s machine' },
    { code: 'FROM node:20\nENV DATABASE_URL=postgres://postgres:postgres@db:5432/app\n', filename: 'Dockerfile', name: 'well-known default credentials' },
    // .env templates: placeholders are what they are for.
    {
      code: 'DB_PASSWORD=changeme\nAPI_KEY=your-api-key\nJWT_SECRET=xxx\nSESSION_SECRET=<secret>\nSTRIPE_SECRET_KEY=sk_test_...\nTOKEN=\n',
      filename: '/repo/.env.example',
      project: committed,
    },
    { code: 'DATABASE_URL=postgres://app:devpass@localhost:5432/app\nREDIS_URL=redis://localhost:6379\n', filename: '/repo/.env.sample', project: committed, name: 'a local database, documented' },
    { code: 'ADMIN_PASSWORD=Adm1n!2024\nSESSION_SECRET=keyboard cat\n', filename: '/repo/.env.template', project: committed, name: 'weak sample values are placeholders there' },
    { code: 'PUBLIC_KEY=MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9x2Lq7W3\nCLIENT_ID=a8f5f167f44f4964e6c998dee827110c\n', filename: '/repo/.env.example', project: committed },
    // A deploy's own .env (ignored or not) is config/no-committed-env-file's.
    { code: `GITHUB_TOKEN=${GITHUB}\n`, filename: '/repo/.env', project: committed },
    { code: `GITHUB_TOKEN=${GITHUB}\n`, filename: '/repo/.env.production', project: committed },
    { code: `JWT_SECRET=${RANDOM}\n`, filename: '/repo/.env.development', project: ignored, name: 'a git-ignored local file' },
    // A CI run's own signing secrets (standardnotes/server .github/ci.env): random, and nothing to revoke.
    { code: `DB_HOST=db\nAUTH_JWT_SECRET=${RANDOM}\nVALET_TOKEN_SECRET=${RANDOM}x\n`, filename: '/repo/.github/ci.env', project: committed, name: 'random values in a CI env file' },
    { code: `SESSION_SECRET=${RANDOM}\n`, filename: '/repo/.env.test', project: committed, name: 'random values in a committed test env file' },
    // docker-compose's network: a host without a dot is a service of the stack (typebot.io .env.example).
    { code: 'DATABASE_URL=postgresql://postgres:Rep0rting-Pw-77@typebot-db:5432/typebot\n', filename: '/repo/.env.example', project: committed, name: 'a password to a compose service' },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nENV DB_PASSWORD=supersecret\n',
      filename: 'Dockerfile',
      errors: [{
        messageId: 'dockerDefault', line: 2, column: 17, endColumn: 28, severity: 'warning',
        message: 'ENV DB_PASSWORD bakes a password into the image, where every layer and `docker history` keeps it: pass it at run time or as a build secret (III. Config).',
      }],
    },
    {
      code: `FROM node:20 AS build\nARG NPM_TOKEN=${GITHUB}\nRUN npm ci\n`,
      filename: 'Dockerfile',
      errors: [{ messageId: 'dockerShape', line: 2, column: 15, severity: 'error', message: 'ARG NPM_TOKEN holds a GitHub token; it stays in the image history: revoke it and pass it at run time (III. Config).' }],
    },
    { code: `FROM node:20\nENV JWT_SECRET=${RANDOM} PORT=3000\n`, filename: 'Dockerfile', errors: [{ messageId: 'dockerDefault', line: 2, column: 16, severity: 'error' }] },
    { code: 'FROM node:20\nENV DATABASE_URL="postgres://app:Rep0rting-Pw-77@10.0.3.18:5432/orders"\n', filename: 'Dockerfile', errors: [{ messageId: 'dockerShape', line: 2, column: 18, severity: 'error' }] },
    { code: `FROM node:20\nENV MAPS_KEY=${GOOGLE}\n`, filename: 'Dockerfile', errors: [{ messageId: 'dockerShape', line: 2, column: 14, severity: 'warning' }], name: 'Google keys are often browser keys' },
    { code: `FROM node:20\nENV AWS_ACCESS_KEY_ID=${AWS}\n`, filename: 'Dockerfile.dev', errors: [{ messageId: 'dockerShape', line: 2, column: 23, severity: 'warning' }], name: 'a real key in a dev image: reported, lowered' },
    {
      code: `# Copy to .env\nPORT=3000\nAWS_ACCESS_KEY_ID=${AWS}\nDB_PASSWORD=changeme\n`,
      filename: '/repo/.env.example',
      project: committed,
      errors: [{
        messageId: 'envTemplate', line: 3, column: 19, severity: 'error',
        message: '.env.example is committed as a template, but "AWS_ACCESS_KEY_ID" holds a real-looking AWS access key ID: revoke it and leave a placeholder (III. Config).',
      }],
    },
    { code: `JWT_SECRET="${RANDOM}"\n`, filename: '/repo/.env.sample', project: committed, errors: [{ messageId: 'envTemplate', line: 1, column: 12, severity: 'warning' }], name: 'a random value: someone’s generated sample, or a real one' },
    { code: 'DATABASE_URL=mongodb+srv://app:Rep0rting-Pw-77@cluster0.abcde.mongodb.net/app\n', filename: '/repo/.env.example', project: committed, errors: [{ messageId: 'envTemplate', line: 1, column: 14, severity: 'warning' }] },
    { code: `GITHUB_TOKEN=${GITHUB}\n`, filename: '/repo/.env.test', project: committed, errors: [{ messageId: 'envTemplate', line: 1, column: 14, severity: 'error' }], name: 'a committed test env file' },
    { code: `DB_HOST=db\nGITHUB_TOKEN=${GITHUB}\n`, filename: '/repo/.github/ci.env', project: committed, errors: [{ messageId: 'envTemplate', line: 2, column: 14, severity: 'error' }], name: 'a real key format in a CI env file' },
    {
      code: 'DATABASE_URL=postgresql://app:Rep0rting-Pw-77@orders-db.prod.acme-corp.net:5432/app\n',
      filename: '/repo/.env.example',
      project: committed,
      errors: [{ messageId: 'envTemplate', line: 1, column: 14, severity: 'warning' }],
      name: 'a password to a named remote host',
    },
  ],
});

describe('config/no-hardcoded-secret in Dockerfiles and .env templates: messages', () => {
  it('never echo the secret', () => {
    const cases = [
      { code: `FROM node:20\nARG NPM_TOKEN=${GITHUB}\nENV JWT_SECRET=${RANDOM}\nENV DB_PASSWORD=supersecret\n`, filename: 'Dockerfile' },
      { code: `AWS_ACCESS_KEY_ID=${AWS}\nJWT_SECRET=${RANDOM}\n`, filename: '/repo/.env.example', project: committed },
    ];
    let count = 0;
    for (const testCase of cases) {
      for (const finding of runCase(rule, testCase)) {
        count++;
        for (const secret of [GITHUB, RANDOM, AWS, 'supersecret']) assert.ok(!finding.message.includes(secret), `${finding.message} echoes ${secret.slice(0, 4)}…`);
      }
    }
    assert.equal(count, 5);
  });
});
