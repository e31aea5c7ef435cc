import rule from '../../../server/src/analyzer/rules/config/no-environment-groups';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests(rule, {
  valid: [
    "export const config = { port: Number(process.env.PORT ?? 3000), databaseUrl: process.env.DATABASE_URL };",
    "import 'dotenv/config';\nrequire('dotenv').config();\nrequire('dotenv').config({ path: '.env.local' });",
    "const isProd = process.env.NODE_ENV === 'production';\nexport const logLevel = isProd ? 'info' : 'debug';",
    // Groups of local stages only, and groups not picked by the stage.
    "const settings = { development: { debug: true }, test: { debug: false } }[process.env.NODE_ENV];",
    "export const labels = { production: 'Prod', staging: 'Staging' };",
    "const messages = { production: { title: 'a' }, staging: { title: 'b' } };\nexport default messages;",
    // A test env file for tests.
    { code: "require('dotenv').config({ path: `.env.test` });", filename: 'src/setup.ts' },
    { code: '{ "scripts": { "test": "dotenv -e .env.test -- jest", "dev": "node --env-file=.env.development src/index.js", "start": "node --env-file=.env src/index.js" } }', filename: 'package.json' },
    { code: '{ "name": "x", "scripts": { "start": "NODE_ENV=production node server.js" } }', filename: 'package.json' },
    { code: "const env = process.env.NODE_ENV;\nconst config = require(`./config/${env}.json`);", filename: 'test/config.test.ts' },
  ],
  invalid: [
    {
      code: "const env = process.env.NODE_ENV || 'development';\nconst config = require(`./config/${env}.json`);\nmodule.exports = config;",
      errors: [{ messageId: 'fileByEnv', line: 2, column: 24, message: 'Config is loaded from a file named after NODE_ENV; a new deploy then needs a new file in the code. Read each setting from the environment instead (III. Config).' }],
    },
    {
      code: "import fs from 'fs';\nimport path from 'path';\nconst raw = fs.readFileSync(path.join(__dirname, 'config', process.env.NODE_ENV + '.json'), 'utf8');",
      errors: [{ messageId: 'fileByEnv', line: 3, column: 29 }],
    },
    {
      code: "import dotenv from 'dotenv';\ndotenv.config({ path: `.env.${process.env.NODE_ENV}` });\ndotenv.config({ path: '.env.production' });\nprocess.loadEnvFile('.env.staging');",
      errors: [
        { messageId: 'fileByEnv', line: 2, column: 23 },
        { messageId: 'stageFile', line: 3, column: 23, message: '".env.production" holds the config of one deploy, loaded by name; give each deploy its environment instead of a file per stage (III. Config).' },
        { messageId: 'stageFile', line: 4, column: 21 },
      ],
    },
    {
      code: "const configs = {\n  development: { db: 'localhost' },\n  production: { db: 'db.internal' },\n};\nexport default configs[process.env.NODE_ENV ?? 'development'];",
      errors: [{ messageId: 'groups', line: 1, column: 17, message: 'Config grouped by environment (development, production) and picked by NODE_ENV; read each setting from the environment instead (III. Config).' }],
    },
    {
      code: '{\n  "scripts": {\n    "start:prod": "node --env-file=.env.production dist/main.js",\n    "start:staging": "dotenv -e .env.staging -- node dist/main.js"\n  }\n}\n',
      filename: 'package.json',
      errors: [
        { messageId: 'stageFile', line: 3, column: 36, endColumn: 51 },
        { messageId: 'stageFile', line: 4, column: 33 },
      ],
    },
  ],
});
