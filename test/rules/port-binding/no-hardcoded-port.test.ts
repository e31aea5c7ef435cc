import rule from '../../../server/src/analyzer/rules/port-binding/no-hardcoded-port';
import { ProjectIndex, emptyFacts } from '../../../server/src/analyzer/project';
import { runRuleTests } from '../../support/rule-tester';

const listen = (port: number): string => `Port ${port} is hard-coded; read it from process.env.PORT (VII. Port binding).`;
const connection = (port: number): string =>
  `Port ${port} of a backing service is hard-coded; read it from the environment (IV. Backing services).`;

runRuleTests(rule, {
  valid: [
    // The fix: the environment decides, a literal is only the fallback.
    'app.listen(process.env.PORT);',
    'app.listen(process.env.PORT || 3000);',
    'app.listen(Number(process.env.PORT ?? 3000));',
    'server.listen(parseInt(process.env.PORT, 10) || 8080, () => {});',
    'const PORT = process.env.PORT || 3000;\napp.listen(PORT);',
    'const { PORT = 3000 } = process.env;\napp.listen(PORT);',
    'const DEFAULT_PORT = 3000;\napp.listen(process.env.PORT || DEFAULT_PORT);',
    'const DEFAULT_PORT = 3000;\nconst port = Number(process.env.PORT) || DEFAULT_PORT;\napp.listen(port);',
    'await fastify.listen({ port: Number(process.env.PORT) || 3000, host: "0.0.0.0" });',
    'app.set("port", process.env.PORT || 3000);\napp.listen(app.get("port"));',
    {
      name: 'Express generator bin/www',
      filename: 'bin/www',
      code: [
        "var app = require('../app');",
        "var http = require('http');",
        "var port = normalizePort(process.env.PORT || '3000');",
        "app.set('port', port);",
        'var server = http.createServer(app);',
        'server.listen(port);',
        "server.on('error', onError);",
        'function normalizePort(val) {',
        '  var port = parseInt(val, 10);',
        '  if (isNaN(port)) return val;',
        '  if (port >= 0) return port;',
        '  return false;',
        '}',
      ].join('\n'),
    },
    // Ports from config modules or parameters: somebody else's decision.
    "import config from './config';\napp.listen(config.port);",
    'function start(port: number) {\n  app.listen(port);\n}',
    'export function start(opts) {\n  server.listen(opts.port || 3000);\n}',
    { name: 'a let that is reassigned is not a constant', code: 'let port = 3000;\nif (process.env.PORT) port = Number(process.env.PORT);\napp.listen(port);' },
    // Ephemeral ports, non-port arguments and listen() on things that are not servers.
    'server.listen(0);',
    "emitter.listen('ready');",
    'bus.listen(handler);',
    'listen(3000);',
    'server.listen("/tmp/app.sock");',
    'app.listen(3000.5);',
    // Ports that are not bindings or backing-service attachments.
    "const headers = { host: 'api.example.com', port: 443 };",
    "https.request({ hostname: 'api.github.com', port: 443, path: '/user' });",
    "const devServer = { port: 8080, hot: true };",
    "const url = new URL('http://x'); url.port = '8080';",
    "if (req.socket.localPort === 3000) next();",
    // A dev, test or sidecar server: no-hardcoded-host does not report these hosts either.
    "import mysql from 'mysql2';\nmysql.createConnection({ host: 'localhost', port: 3306, user: 'root', database: 'dev' });",
    "import nodemailer from 'nodemailer';\nnodemailer.createTransport({ host: 'smtp.ethereal.email', port: 587, auth: { user, pass } });",
    "import { Pool } from 'pg';\nnew Pool({ host: '127.0.0.1', port: 5432 });",
    "import { Pool } from 'pg';\nnew Pool({ port: Number(process.env.PGPORT ?? 5432) });",
    // The protocol's default port next to a host from the environment (hackathon-starter): the attachment is config.
    "import nodemailer from 'nodemailer';\nconst transportConfig = { host: process.env.SMTP_HOST, port: 465, secure: true, auth: { user, pass } };\nnodemailer.createTransport(transportConfig);",
    "import { Pool } from 'pg';\nnew Pool({ host: process.env.PGHOST, port: 5432, database: process.env.PGDATABASE });",
    "import Redis from 'ioredis';\nnew Redis(6379, process.env.REDIS_HOST);",
    { name: 'a local URL next to the port (payload testCredentials)', code: "export const connection = {\n  name: 'payloadmemory',\n  port: 27018,\n  url: 'mongodb://127.0.0.1',\n};" },
    // Tests bind fixed ports on purpose.
    { filename: 'test/server.test.ts', code: 'app.listen(4000);' },
    { filename: 'src/__tests__/db.ts', code: "import { Pool } from 'pg';\nnew Pool({ host: 'db', port: 5432 });" },
    { name: 'connection ports in scripts (seeds, stress tests) are quiet', filename: 'scripts/seed.js', code: "const { Pool } = require('pg');\nnew Pool({ host: 'db', port: 5432, user: 'seed' });" },
    { name: 'IRC network defaults (thelounge)', code: "_.defaults(this, attr, { name: '', host: '', port: 6667, tls: false, password: '' });" },
    {
      name: 'false positive in growthbook: a blank connection form pre-filled with the engine\'s default port',
      filename: 'services/eventSchema.ts',
      code: "export const schemas = [\n  { type: 'redshift', default: { host: '', port: 5439, database: '', user: '', password: '' } },\n  { type: 'mssql', default: { server: '', port: 1433, database: '', user: '', password: '' } },\n];",
    },
    // Mongoose schema fields and Sequelize models named port are data, not options.
    "import mongoose from 'mongoose';\nconst s = new mongoose.Schema({ port: { type: Number, default: 80 } });",
  ],
  invalid: [
    {
      code: "const app = express();\napp.listen(3000);",
      errors: [{ messageId: 'listen', line: 2, column: 12, endLine: 2, endColumn: 16, message: listen(3000) }],
    },
    { code: 'server.listen(8080, () => console.log("up"));', errors: [{ messageId: 'listen', line: 1, column: 15 }] },
    { code: "http.createServer(app).listen(80, '0.0.0.0');", errors: [{ messageId: 'listen', line: 1, column: 31, message: listen(80) }] },
    { name: 'Nest', code: 'async function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}', errors: [{ messageId: 'listen', line: 3, column: 20 }] },
    { name: 'Fastify options', code: "await fastify.listen({ port: 3000, host: '0.0.0.0' });", errors: [{ messageId: 'listen', line: 1, column: 30 }] },
    { name: 'string port', code: "app.listen('3000');", errors: [{ messageId: 'listen', line: 1, column: 12, endColumn: 18, message: listen(3000) }] },
    {
      name: 'module constant: reported at the literal',
      code: 'const PORT = 3000;\nconst app = express();\napp.listen(PORT, () => {});',
      errors: [{ messageId: 'listen', line: 1, column: 14, endColumn: 18 }],
    },
    {
      name: 'var never reassigned',
      code: 'var port = 5000;\napp.listen(port);\nconsole.log(port);',
      errors: [{ messageId: 'listen', line: 1, column: 12 }],
    },
    {
      name: 'config object in the same file',
      code: 'const config = { server: { port: 4000 } };\napp.listen(config.server.port);',
      errors: [{ messageId: 'listen', line: 1, column: 34 }],
    },
    { name: 'Express app.set', code: "app.set('port', 3000);\napp.listen(app.get('port'));", errors: [{ messageId: 'listen', line: 1, column: 17 }] },
    { name: 'Hapi', code: "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000, host: 'localhost' });", errors: [{ messageId: 'listen', line: 2, column: 36 }] },
    { name: 'ws', code: "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });", errors: [{ messageId: 'listen', line: 2, column: 41 }] },
    { name: 'Bun.serve', code: 'Bun.serve({ port: 3000, fetch: handler });', errors: [{ messageId: 'listen', line: 1, column: 19 }] },
    { name: 'bin/ is application code', filename: 'bin/www', code: "var server = http.createServer(app);\nserver.listen(3000);", errors: [{ messageId: 'listen', line: 2, column: 15 }] },
    {
      name: 'a deploy-specific port next to a host from the environment',
      code: "import { Pool } from 'pg';\nconst pool = new Pool({ host: process.env.DB_HOST, port: 25060, user: 'app', database: 'app' });",
      errors: [{ messageId: 'connection', line: 2, column: 58, endColumn: 63, message: connection(25060) }],
    },
    {
      name: 'database options with a literal host: the whole attachment is hard-wired',
      code: "import { Pool } from 'pg';\nconst pool = new Pool({ host: 'db.internal', port: 5432, database: 'app' });",
      errors: [{ messageId: 'connection', line: 2, column: 52, message: connection(5432) }],
    },
    {
      name: 'config object with host and database keys',
      code: "module.exports = {\n  host: 'mysql.prod.acme.net',\n  port: 3306,\n  password: process.env.DB_PASSWORD,\n  database: 'shop',\n};",
      errors: [{ messageId: 'connection', line: 3, column: 9 }],
    },
    {
      name: 'knex connection',
      code: "import knex from 'knex';\nexport const db = knex({ client: 'pg', connection: { host: process.env.PGHOST, port: 5433 } });",
      errors: [{ messageId: 'connection', line: 2, column: 86 }],
    },
    {
      name: 'redis options and positional form',
      code: "import Redis from 'ioredis';\nconst a = new Redis({ host: process.env.REDIS_HOST, port: 6380 });\nconst b = new Redis(6379, 'cache.internal');",
      errors: [
        { messageId: 'connection', line: 2, column: 59 },
        { messageId: 'connection', line: 3, column: 21 },
      ],
    },
    {
      name: 'nodemailer SMTP',
      code: "import nodemailer from 'nodemailer';\nnodemailer.createTransport({ host: 'smtp.sendgrid.net', port: 465, secure: true, auth: { user, pass } });",
      errors: [{ messageId: 'connection', line: 2, column: 63 }],
    },
    {
      name: 'BullMQ queue connection',
      code: "import { Queue } from 'bullmq';\nconst q = new Queue('mail', { connection: { host: 'redis.internal', port: 6379 } });",
      errors: [{ messageId: 'connection', line: 2, column: 75 }],
    },
    {
      name: 'service key in a config module',
      code: "export default {\n  redis: { host: process.env.REDIS_HOST, port: 16379 },\n};",
      errors: [{ messageId: 'connection', line: 2, column: 48 }],
    },
    // Issue 3: "Move to environment variable NAME". Numbers stay numbers; the literal stays as the fallback.
    {
      name: 'issue 3: listen(3000) moves to PORT',
      code: 'const app = express();\napp.listen(3000);\n',
      errors: [{
        messageId: 'listen', line: 2, column: 12,
        fixes: [{ title: 'Move to environment variable PORT', output: 'const app = express();\napp.listen(Number(process.env.PORT || 3000));\n' }],
      }],
    },
    {
      name: 'issue 3: a module constant is rewritten where it is declared',
      code: 'const PORT = 3000;\napp.listen(PORT, () => {});\n',
      errors: [{
        messageId: 'listen', line: 1, column: 14,
        fixes: [{ title: 'Move to environment variable PORT', output: 'const PORT = Number(process.env.PORT || 3000);\napp.listen(PORT, () => {});\n' }],
      }],
    },
    {
      name: 'issue 3: a string port keeps its quotes',
      code: "app.listen('3000');\n",
      errors: [{ messageId: 'listen', line: 1, column: 12, fixes: [{ title: 'Move to environment variable PORT', output: "app.listen(process.env.PORT || '3000');\n" }] }],
    },
    {
      name: 'issue 3: JavaScript',
      filename: 'src/server.js',
      code: "const express = require('express');\nconst app = express();\napp.listen(8080);\n",
      errors: [{
        messageId: 'listen', line: 3, column: 12,
        fixes: [{ title: 'Move to environment variable PORT', output: "const express = require('express');\nconst app = express();\napp.listen(Number(process.env.PORT || 8080));\n" }],
      }],
    },
    {
      name: 'issue 3: a name the project already reads for something else is not reused',
      code: 'const app = express();\napp.listen(3000);\n',
      project: projectReading(['PORT']),
      errors: [{
        messageId: 'listen', line: 2, column: 12,
        fixes: [{ title: 'Move to environment variable PORT_2', output: 'const app = express();\napp.listen(Number(process.env.PORT_2 || 3000));\n' }],
      }],
    },
    {
      name: 'issue 3: a database port is named after its client, never PORT',
      code: "import { Pool } from 'pg';\nconst pool = new Pool({ host: 'db.internal', port: 5432, database: 'app' });\n",
      errors: [{
        messageId: 'connection', line: 2, column: 52,
        fixes: [{
          title: 'Move to environment variable PG_PORT',
          output: "import { Pool } from 'pg';\nconst pool = new Pool({ host: 'db.internal', port: Number(process.env.PG_PORT || 5432), database: 'app' });\n",
        }],
      }],
    },
    {
      name: 'issue 3: a bare config module port is DB_PORT',
      code: "module.exports = {\n  host: 'mysql.prod.acme.net',\n  port: 3306,\n  database: 'shop',\n};\n",
      errors: [{
        messageId: 'connection', line: 3, column: 9,
        fixes: [{
          title: 'Move to environment variable DB_PORT',
          output: "module.exports = {\n  host: 'mysql.prod.acme.net',\n  port: Number(process.env.DB_PORT || 3306),\n  database: 'shop',\n};\n",
        }],
      }],
    },
    {
      name: 'issue 3: positional redis port',
      code: "import Redis from 'ioredis';\nconst b = new Redis(6379, 'cache.internal');\n",
      errors: [{
        messageId: 'connection', line: 2, column: 21,
        fixes: [{ title: 'Move to environment variable REDIS_PORT', output: "import Redis from 'ioredis';\nconst b = new Redis(Number(process.env.REDIS_PORT || 6379), 'cache.internal');\n" }],
      }],
    },
    {
      name: 'issue 3: SMTP options',
      code: "import nodemailer from 'nodemailer';\nnodemailer.createTransport({ host: 'smtp.sendgrid.net', port: 465, secure: true, auth: { user, pass } });\n",
      errors: [{
        messageId: 'connection', line: 2, column: 63,
        fixes: [{
          title: 'Move to environment variable SMTP_PORT',
          output: "import nodemailer from 'nodemailer';\nnodemailer.createTransport({ host: 'smtp.sendgrid.net', port: Number(process.env.SMTP_PORT || 465), secure: true, auth: { user, pass } });\n",
        }],
      }],
    },
    {
      name: 'issue 3: no fix under a const assertion, which needs a literal',
      code: 'const PORT = 3000 as const;\napp.listen(PORT);\n',
      errors: [{ messageId: 'listen', line: 1, column: 14, fixes: [] }],
    },
  ],
});

function projectReading(envNames: string[]): ProjectIndex {
  const index = new ProjectIndex('/proj');
  index.setFile('/proj/src/other.ts', { ...emptyFacts(), envNames });
  return index;
}
