import assert from 'node:assert/strict';
import rule from '../../../server/src/analyzer/rules/config/no-env-file-in-image';
import { runRuleTests } from '../../support/rule-tester';
import { projectFindings, projectFromFiles } from '../../support/project';

runRuleTests(rule, {
  valid: [
    { code: 'FROM node:20-slim\nCOPY package*.json ./\nCOPY .env.example ./\nCOPY src ./src\n', filename: 'Dockerfile' },
    { code: 'FROM node:20 AS build\nCOPY . .\nFROM node:20-slim\nCOPY --from=build /app/.env /app/.env\n', filename: 'Dockerfile', name: 'a copy from another stage (the first copy is the one to look at)' },
    { code: 'FROM node:20\n# COPY .env .\nRUN echo .env\n', filename: 'Dockerfile' },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY .env ./\nADD config/.env.production /app/\nCOPY [".env.local", "/app/"]\n',
      filename: 'Dockerfile',
      errors: [
        { messageId: 'copied', line: 3, column: 6, endColumn: 10, message: '".env" copies a .env file into the image: its values go wherever the image goes; give each deploy its environment instead (III. Config).' },
        { messageId: 'copied', line: 4, column: 5 },
        { messageId: 'copied', line: 5, column: 6 },
      ],
    },
    { code: 'FROM node:20\nCOPY .env* ./\n', filename: 'docker/api.Dockerfile', errors: [{ messageId: 'copied', line: 2, column: 6 }] },
  ],
});

describe('config/no-env-file-in-image (the build context)', () => {
  const dockerfile = 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n';

  it('reports COPY . when a .env with values sits in the context and no .dockerignore leaves it out', () => {
    const files = { Dockerfile: dockerfile, '.env': 'API_TOKEN=abc\n' };
    const found = projectFindings(rule, projectFromFiles(files), files);
    assert.deepEqual(found.map(({ file, line, column, message }) => ({ file, line, column, message })), [
      {
        file: 'Dockerfile',
        line: 3,
        column: 6,
        message: 'This copies the whole build context, and .env is in it with no .dockerignore leaving it out: add ".env*" to .dockerignore (III. Config).',
      },
    ]);
  });

  it('is quiet when .dockerignore leaves it out, when the env file is an example or empty, or there is none', () => {
    const files = { Dockerfile: dockerfile, '.env': 'API_TOKEN=abc\n' };
    assert.deepEqual(projectFindings(rule, projectFromFiles(files, { dockerIgnored: () => true }), files), []);
    for (const env of [{ '.env.example': 'API_TOKEN=\n' }, { '.env': 'API_TOKEN=\n' }, {}] as Array<Record<string, string>>) {
      const quiet: Record<string, string> = { Dockerfile: dockerfile, ...env };
      assert.deepEqual(projectFindings(rule, projectFromFiles(quiet), quiet), [], JSON.stringify(env));
    }
    // A build stage that is not the last one (excalidraw: `FROM node AS build … COPY . .`, then nginx), and a front end.
    const staged = { Dockerfile: 'FROM node:20 AS build\nCOPY . .\nRUN yarn build\nFROM nginx:alpine\nCOPY --from=build /app/build /usr/share/nginx/html\n', '.env': 'A=1\n' };
    assert.deepEqual(projectFindings(rule, projectFromFiles(staged), staged), []);
    const frontEnd = { Dockerfile: dockerfile, '.env.production': 'VITE_API=https://x.test\n' };
    assert.deepEqual(projectFindings(rule, projectFromFiles(frontEnd, { packageJson: { name: 'web', dependencies: { react: '18', 'react-dom': '18' } } }), frontEnd), []);
    // An env file outside the Dockerfile's folder is outside its usual context.
    const apart = { 'docker/Dockerfile': dockerfile, 'apps/api/.env': 'A=1\n' };
    assert.deepEqual(projectFindings(rule, projectFromFiles(apart), apart), []);
  });
});
