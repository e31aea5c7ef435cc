import rule from '../../../server/src/analyzer/rules/dev-prod-parity/no-stage-specific-backing-service';
import { runRuleTests } from '../../support/rule-tester';

const message = (local: string, localStage: string, real: string, kind: string): string =>
  `${local} ${localStage}, ${real} in production: a different ${kind} per stage. Use the same kind of ${kind} everywhere, with a local instance in development (X. Dev/prod parity).`;

runRuleTests(rule, {
  valid: [
    // The same service in every stage, configured by the environment.
    "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });",
    "import knex from 'knex';\nexport const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, debug: process.env.NODE_ENV !== 'production' });",
    // A stage branch that changes settings of one service, not its kind.
    "import Redis from 'ioredis';\nexport const redis = process.env.NODE_ENV === 'production' ? new Redis(process.env.REDIS_URL, { tls: {} }) : new Redis(process.env.REDIS_URL);",
    "export const db = { client: 'pg', pool: process.env.NODE_ENV === 'production' ? { min: 2, max: 20 } : { min: 0, max: 2 } };",
    "const config = {\n  development: { client: 'pg', connection: 'postgres://localhost/app_dev' },\n  production: { client: 'pg', connection: process.env.DATABASE_URL },\n};\nexport default config;",
    // A branch that picks by configuration, not by stage.
    "import nodemailer from 'nodemailer';\nexport const mailer = process.env.SMTP_HOST ? nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 587 }) : nodemailer.createTransport({ jsonTransport: true });",
    "export const db = { client: process.env.DB_CLIENT === 'sqlite' ? 'sqlite3' : 'pg' };",
    // Staging is neither side for sure.
    "import Database from 'better-sqlite3';\nimport { Pool } from 'pg';\nexport const db = process.env.NODE_ENV === 'staging' ? new Database(':memory:') : new Pool();",
    // Only one side builds a service (an optional cache, a debug-only dev tool).
    "import Redis from 'ioredis';\nexport const cache = process.env.NODE_ENV === 'production' ? new Redis(process.env.REDIS_URL) : undefined;",
    "if (process.env.NODE_ENV !== 'production') {\n  app.use(morgan('dev'));\n} else {\n  app.use(helmet());\n}",
    // Different providers of the same kind are not a stand-in (both send real mail).
    "import nodemailer from 'nodemailer';\nimport sgMail from '@sendgrid/mail';\nif (process.env.NODE_ENV === 'production') {\n  sgMail.setApiKey(process.env.SENDGRID_KEY);\n} else {\n  transport = nodemailer.createTransport({ host: 'localhost', port: 1025 });\n}",
    // Ethereal in development, SendGrid's SMTP in production: both SMTP.
    "import nodemailer from 'nodemailer';\nexport const mailer = process.env.NODE_ENV === 'production'\n  ? nodemailer.createTransport({ host: 'smtp.sendgrid.net', port: 587, auth: { user: 'apikey', pass: process.env.SENDGRID_API_KEY } })\n  : nodemailer.createTransport({ host: 'smtp.ethereal.email', port: 587, auth: { user, pass } });",
    // A switch whose production case uses the same database as development.
    "switch (process.env.NODE_ENV) {\n  case 'development':\n  case 'production':\n    options = { type: 'postgres', url: process.env.DATABASE_URL };\n    break;\n  case 'test':\n    options = { type: 'postgres', url: process.env.TEST_DATABASE_URL };\n}",
    // A string that is not a dialect option.
    "const label = process.env.NODE_ENV === 'production' ? 'postgres' : 'sqlite';",
    // Tests.
    { filename: 'test/db.ts', code: "import Database from 'better-sqlite3';\nimport { Pool } from 'pg';\nexport const db = process.env.NODE_ENV === 'test' ? new Database(':memory:') : new Pool();" },
    // A script is read for env-keyed maps only.
    { filename: 'scripts/seed.ts', code: "import Database from 'better-sqlite3';\nimport { Pool } from 'pg';\nexport const db = process.env.NODE_ENV === 'production' ? new Pool() : new Database('dev.db');" },
  ],
  invalid: [
    {
      name: 'SQLite in development, Postgres in production (Sequelize dialect)',
      code: "import { Sequelize } from 'sequelize';\nexport const sequelize = process.env.NODE_ENV === 'production'\n  ? new Sequelize(process.env.DATABASE_URL, { dialect: 'postgres' })\n  : new Sequelize({ dialect: 'sqlite', storage: './dev.sqlite' });",
      errors: [{ messageId: 'differs', line: 2, column: 26, endLine: 2, endColumn: 63, message: message('SQLite', 'outside production', 'PostgreSQL', 'database') }],
    },
    {
      name: 'the dialect string itself switched by stage',
      code: "const isProd = process.env.NODE_ENV === 'production';\nexport default new DataSource({ type: isProd ? 'postgres' : 'sqlite', database: isProd ? process.env.DB_NAME : 'dev.sqlite' });",
      errors: [{ messageId: 'differs', line: 2, column: 39, message: message('SQLite', 'outside production', 'PostgreSQL', 'database') }],
    },
    {
      name: 'knexfile: development on sqlite3, production on pg (the config the app loads)',
      filename: 'knexfile.js',
      code: "module.exports = {\n  development: { client: 'sqlite3', connection: { filename: './dev.sqlite3' }, useNullAsDefault: true },\n  production: { client: 'postgresql', connection: process.env.DATABASE_URL },\n};",
      errors: [{ messageId: 'differs', line: 2, column: 3, message: message('SQLite', 'in development', 'PostgreSQL', 'database') }],
    },
    {
      name: 'one finding per map',
      code: "const sqlite = { dialect: 'sqlite', storage: ':memory:' };\nexport default {\n  development: sqlite,\n  test: sqlite,\n  production: { dialect: 'postgres', use_env_variable: 'DATABASE_URL' },\n};",
      errors: [{ messageId: 'differs', line: 3, column: 3 }],
    },
    {
      name: 'an in-process cache where production has Redis',
      code: "import Redis from 'ioredis';\nimport NodeCache from 'node-cache';\nconst dev = process.env.NODE_ENV !== 'production';\nexport const cache = dev ? new NodeCache() : new Redis(process.env.REDIS_URL);",
      errors: [{ messageId: 'differs', line: 4, column: 22, message: message('An in-process cache', 'outside production', 'Redis', 'cache') }],
    },
    {
      name: 'nodemailer JSON transport in development, SMTP in production (if/else)',
      code: "import nodemailer from 'nodemailer';\nlet transporter;\nif (app.get('env') === 'development') {\n  transporter = nodemailer.createTransport({ jsonTransport: true });\n} else {\n  transporter = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 587, auth: { user, pass } });\n}",
      errors: [{ messageId: 'differs', line: 3, column: 5, message: message('A JSON transport that sends no mail', 'in development', 'SMTP', 'mail transport') }],
    },
    {
      name: 'sendmail in production, a JSON transport elsewhere (a class constructor)',
      code: "import { createTransport } from 'nodemailer';\nexport class Mail {\n  constructor() {\n    if (process.env.NODE_ENV === 'production') {\n      this.transport = createTransport({ sendmail: true });\n    } else {\n      this.transport = createTransport({ jsonTransport: true });\n    }\n  }\n}",
      errors: [{ messageId: 'differs', line: 4, column: 9, message: message('A JSON transport that sends no mail', 'outside production', 'sendmail', 'mail transport') }],
    },
    {
      name: 'a switch on NODE_ENV (TypeORM options per stage): one finding, at the first local case',
      code: "let dsOptions;\nswitch (process.env.NODE_ENV) {\n  case 'development':\n    dsOptions = { type: 'sqlite', database: 'db.sqlite', synchronize: true };\n    break;\n  case 'test':\n    dsOptions = { type: 'sqlite', database: 'test.sqlite' };\n    break;\n  case 'production':\n    dsOptions = { type: 'postgres', url: process.env.DATABASE_URL };\n    break;\n  default:\n    throw new Error('unknown environment');\n}",
      errors: [{ messageId: 'differs', line: 3, column: 8, message: message('SQLite', 'in development', 'PostgreSQL', 'database') }],
    },
    {
      name: 'tests on SQLite in memory',
      code: "import { Sequelize } from 'sequelize';\nexport const db = process.env.NODE_ENV === 'test' ? new Sequelize('sqlite::memory:') : new Sequelize(process.env.DATABASE_URL, { dialect: 'mysql' });",
      errors: [{ messageId: 'differs', line: 2, column: 19, message: message('SQLite', 'in tests', 'MySQL', 'database') }],
    },
    {
      name: 'envalid flag',
      code: "import Database from 'better-sqlite3';\nimport { Pool } from 'pg';\nexport const db = env.isProduction ? new Pool({ connectionString: env.DATABASE_URL }) : new Database('dev.db');",
      errors: [{ messageId: 'differs', line: 3, column: 19 }],
    },
  ],
});
