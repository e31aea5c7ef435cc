import rule from '../../../server/src/analyzer/rules/backing-services/no-hardcoded-host';
import { ProjectIndex, emptyFacts } from '../../../server/src/analyzer/project';
import { runRuleTests } from '../../support/rule-tester';

const message = (host: string): string =>
  `Host '${host}' is hard-coded in connection options; read it from the environment (IV. Backing services).`;

runRuleTests(rule, {
  valid: [
    // The fix: the environment decides.
    "import { Pool } from 'pg';\nnew Pool({ host: process.env.PGHOST, user: process.env.PGUSER });",
    "import { Pool } from 'pg';\nnew Pool({ host: process.env.PGHOST ?? 'db.internal', database: 'app' });",
    "import Redis from 'ioredis';\nnew Redis({ host: process.env.REDIS_HOST || 'cache', port: 6379 });",
    "import Redis from 'ioredis';\nconst { REDIS_HOST = 'cache' } = process.env;\nnew Redis({ host: REDIS_HOST });",
    "import mysql from 'mysql2';\nexport function connect(opts) {\n  return mysql.createConnection({ host: opts.host || 'db.internal', user: opts.user });\n}",
    // Local hosts: binding addresses, sidecars (Cloud SQL proxy, PgBouncer) and dev defaults.
    "import mysql from 'mysql2';\nmysql.createConnection({ host: 'localhost', user: 'root', database: 'dev' });",
    "import { Pool } from 'pg';\nnew Pool({ host: '127.0.0.1', port: 5432 });",
    "import Redis from 'ioredis';\nnew Redis({ host: '::1' });",
    "const db = { host: '0.0.0.0', user: 'x', password: process.env.P };",
    "const db = { host: 'host.docker.internal', user: 'x', database: 'y' };",
    "import { Pool } from 'pg';\nnew Pool({ host: '/var/run/postgresql', database: 'app' });",
    // Test mail catchers and placeholders in templates.
    "import nodemailer from 'nodemailer';\nnodemailer.createTransport({ host: 'smtp.ethereal.email', port: 587, auth: { user, pass } });",
    "import nodemailer from 'nodemailer';\nnodemailer.createTransport({ host: 'mailhog', port: 1025 });",
    "const db = { host: 'your-db-host', user: 'USER', database: 'DB' };",
    "const db = { host: 'db.example.com', user: 'app', database: 'app' };",
    "const db = { host: 'HOST', user: 'app', database: 'app' };",
    "const db = { host: '<host>', user: 'app', database: 'app' };",
    // Host keys in objects that are not connection options.
    "fetch(url, { headers: { host: 'api.internal' } });",
    "const headers = { host: 'example.org', 'user-agent': 'x' };",
    "import { Client } from '@elastic/elasticsearch';\nnew Client({ node: process.env.ES_URL, headers: { host: 'es.internal' } });",
    "if (req.hostname === 'admin.acme.com') next();",
    "res.cookie('sid', id, { domain: 'acme.com', httpOnly: true });",
    "app.use(cors({ origin: 'https://app.acme.com' }));",
    "https.request({ hostname: 'api.github.com', path: '/user', method: 'GET' });",
    { name: 'public API host (parse-server auth adapters)', code: "import https from 'https';\nhttps.get({ host: 'api.spotify.com', path: '/v1/me', headers });" },
    "server.listen(3000, '10.0.0.5');",
    "const link = { host: 'github.com', path: '/acme/app' };",
    { name: 'a git remote is not a database', code: "const remote = { host: 'github.com', user: 'git', repo: 'acme/app' };" },
    "const db = { host: 'default', database: 'app' };",
    { name: 'an IRC network the user can edit (thelounge)', code: "export const defaults = {\n  name: 'Libera.Chat',\n  host: 'irc.libera.chat',\n  port: 6697,\n  password: '',\n  tls: true,\n  nick: 'thelounge%%',\n};" },
    "const s = new mongoose.Schema({ host: { type: String, required: true } });",
    "const version = { host: '1.2.3.4' };",
    { name: 'version strings outside host slots (PEERS C.14)', code: "const release = { version: '1.2.3.4', user: 'ci', database: 'x' };" },
    "import { Pool } from 'pg';\nnew Pool({ host: '1.2.3', database: 'x' });",
    // A URL in a host slot is no-hardcoded-service-url's business.
    "const api = { host: 'https://api.internal', user: 'x', database: 'y' };",
    // Tests and scripts (seeds, stress tests) point at throwaway databases.
    { filename: 'test/db.test.ts', code: "import { Pool } from 'pg';\nnew Pool({ host: 'db.internal', database: 'app' });" },
    { filename: 'scripts/seed.js', code: "const { Pool } = require('pg');\nnew Pool({ host: 'db.internal', database: 'app' });" },
    {
      name: 'false positive in growthbook: a map that labels each connection field, not connection options',
      code: "const POSTGRES_FAMILY = {\n  user: 'public',\n  host: 'public',\n  database: 'public',\n  password: 'secret',\n  port: 'public',\n};\nconst MSSQL = { user: 'public', server: 'public', database: 'public', password: 'secret', port: 'public' };",
    },
    // Parameters shadow module constants.
    "import { Pool } from 'pg';\nconst host = 'db.internal';\nexport function make(host) {\n  return new Pool({ host, database: 'x' });\n}",
  ],
  invalid: [
    {
      name: 'missed in egg-cnode: options assigned to a config property named after the service',
      code: "module.exports = (appInfo) => {\n  const config = {};\n  config.mail_opts = { host: 'smtp.126.com', port: 25, auth: { user: 'club@126.com', pass: process.env.MAIL_PASS } };\n  return config;\n};",
      errors: [{ messageId: 'hardcoded', line: 3, column: 30, endColumn: 44, message: message('smtp.126.com') }],
    },
    {
      code: "import { Pool } from 'pg';\nconst pool = new Pool({ host: '10.0.0.5', database: 'app' });",
      errors: [{ messageId: 'hardcoded', line: 2, column: 31, endLine: 2, endColumn: 41, message: message('10.0.0.5') }],
    },
    {
      name: 'mysql',
      code: "const mysql = require('mysql');\nconst conn = mysql.createConnection({ host: 'db.internal', user: process.env.DB_USER });",
      errors: [{ messageId: 'hardcoded', line: 2, column: 45, message: message('db.internal') }],
    },
    {
      name: 'a compose service name is still an attachment',
      code: "import Redis from 'ioredis';\nexport const redis = new Redis({ host: 'redis', port: Number(process.env.REDIS_PORT) });",
      errors: [{ messageId: 'hardcoded', line: 2, column: 40, message: message('redis') }],
    },
    {
      name: 'nodemailer',
      code: "import nodemailer from 'nodemailer';\nexport const mailer = nodemailer.createTransport({ host: 'smtp.gmail.com', port: 465, secure: true, auth: { user, pass } });",
      errors: [{ messageId: 'hardcoded', line: 2, column: 58, message: message('smtp.gmail.com') }],
    },
    {
      name: 'Sequelize options',
      code: "import { Sequelize } from 'sequelize';\nconst s = new Sequelize('app', 'u', process.env.DB_PASS, { host: 'mysql.prod.acme.net', dialect: 'mysql' });",
      errors: [{ messageId: 'hardcoded', line: 2, column: 66 }],
    },
    {
      name: 'knex connection',
      code: "import knex from 'knex';\nexport default knex({ client: 'pg', connection: { host: '192.168.1.20', user: 'app' } });",
      errors: [{ messageId: 'hardcoded', line: 2, column: 57 }],
    },
    {
      name: 'TypeORM DataSource',
      code: "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', host: 'pg.internal', port: 5432 });",
      errors: [{ messageId: 'hardcoded', line: 2, column: 60 }],
    },
    {
      name: 'object with database keys, not passed anywhere yet',
      code: "export const dbOptions = {\n  host: 'db1.prod.acme.net',\n  user: process.env.DB_USER,\n  database: 'orders',\n};",
      errors: [{ messageId: 'hardcoded', line: 2, column: 9 }],
    },
    {
      name: 'service key in a config module',
      code: "module.exports = {\n  redis: { host: '10.0.3.7', port: process.env.REDIS_PORT },\n};",
      errors: [{ messageId: 'hardcoded', line: 2, column: 18 }],
    },
    {
      name: 'mssql server key',
      code: "import sql from 'mssql';\nawait sql.connect({ server: 'sql01.corp', user: 'app', password: process.env.SQL_PASSWORD });",
      errors: [{ messageId: 'hardcoded', line: 2, column: 29, message: message('sql01.corp') }],
    },
    {
      name: 'node-redis socket',
      code: "import { createClient } from 'redis';\nconst c = createClient({ socket: { host: 'cache.internal', port: 6379 } });",
      errors: [{ messageId: 'hardcoded', line: 2, column: 42 }],
    },
    {
      name: 'ioredis cluster nodes',
      code: "import Redis from 'ioredis';\nconst c = new Redis.Cluster([{ host: '10.0.0.1', port: 6379 }, { host: '10.0.0.2', port: 6379 }]);",
      errors: [
        { messageId: 'hardcoded', line: 2, column: 38 },
        { messageId: 'hardcoded', line: 2, column: 72 },
      ],
    },
    {
      name: 'positional (port, host)',
      code: "import net from 'node:net';\nconst socket = net.connect(6379, 'cache.internal');",
      errors: [{ messageId: 'hardcoded', line: 2, column: 34 }],
    },
    {
      name: 'host list',
      code: "import cassandra from 'cassandra-driver';\nconst c = new cassandra.Client({ contactPoints: ['10.1.0.1', '10.1.0.2'], localDataCenter: 'dc1' });",
      errors: [
        { messageId: 'hardcoded', line: 2, column: 50 },
        { messageId: 'hardcoded', line: 2, column: 62 },
      ],
    },
    {
      name: 'a module constant handed to a client is reported at its literal',
      code: "import { Pool } from 'pg';\nconst DB_HOST = 'pg.prod.internal';\nexport const pool = new Pool({ host: DB_HOST, database: 'app' });",
      errors: [{ messageId: 'hardcoded', line: 2, column: 17, message: message('pg.prod.internal') }],
    },
    {
      name: 'shorthand',
      code: "import { Pool } from 'pg';\nconst host = '10.0.0.9';\nexport const pool = new Pool({ host, database: 'app' });",
      errors: [{ messageId: 'hardcoded', line: 2, column: 14 }],
    },
    {
      name: 'http.request to an internal host',
      code: "import http from 'node:http';\nconst req = http.request({ host: '10.0.0.5', port: 8080, path: '/jobs' });",
      errors: [{ messageId: 'hardcoded', line: 2, column: 34 }],
    },
    {
      name: 'StatsD agent',
      code: "import StatsD from 'hot-shots';\nexport const stats = new StatsD({ host: 'statsd.internal', port: 8125 });",
      errors: [{ messageId: 'hardcoded', line: 2, column: 41 }],
    },
    {
      name: 'host with a port suffix',
      code: "const dbConfig = { host: 'db.internal:5432' };",
      errors: [{ messageId: 'hardcoded', line: 1, column: 26, message: message('db.internal') }],
    },
    // Issue 3: "Move to environment variable NAME", the literal kept as the fallback.
    {
      name: 'issue 3: a constant is named after itself and keeps its quotes',
      code: "import { Pool } from 'pg';\nconst dbHost = \"pg.prod.internal\";\nexport const pool = new Pool({ host: dbHost, database: 'app' });\n",
      errors: [{
        messageId: 'hardcoded', line: 2, column: 16,
        fixes: [{
          title: 'Move to environment variable DB_HOST',
          output: "import { Pool } from 'pg';\nconst dbHost = process.env.DB_HOST || \"pg.prod.internal\";\nexport const pool = new Pool({ host: dbHost, database: 'app' });\n",
        }],
      }],
    },
    {
      name: 'issue 3: a generic option is named after the client it configures',
      code: "import { createClient } from 'redis';\nconst c = createClient({ socket: { host: 'cache.internal', port: 6379 } });\n",
      errors: [{
        messageId: 'hardcoded', line: 2, column: 42,
        fixes: [{
          title: 'Move to environment variable REDIS_HOST',
          output: "import { createClient } from 'redis';\nconst c = createClient({ socket: { host: process.env.REDIS_HOST || 'cache.internal', port: 6379 } });\n",
        }],
      }],
    },
    {
      name: 'issue 3: JavaScript, a CommonJS client',
      filename: 'src/db.js',
      code: "const mysql = require('mysql');\nconst connection = mysql.createConnection({ host: '10.0.0.5', user: 'app', database: 'shop' });\n",
      errors: [{
        messageId: 'hardcoded', line: 2, column: 51,
        fixes: [{
          title: 'Move to environment variable MYSQL_HOST',
          output: "const mysql = require('mysql');\nconst connection = mysql.createConnection({ host: process.env.MYSQL_HOST || '10.0.0.5', user: 'app', database: 'shop' });\n",
        }],
      }],
    },
    {
      name: 'issue 3: a name the project already reads gets a suffix',
      code: "export const config = { db: { host: '10.0.0.5', database: 'shop' } };\n",
      project: projectReading(['DB_HOST']),
      errors: [{
        messageId: 'hardcoded', line: 1, column: 37,
        fixes: [{
          title: 'Move to environment variable DB_HOST_2',
          output: "export const config = { db: { host: process.env.DB_HOST_2 || '10.0.0.5', database: 'shop' } };\n",
        }],
      }],
    },
    {
      name: 'issue 3: a bare host in a config module is DB_HOST, not HOST',
      code: "module.exports = {\n  host: 'mysql.prod.acme.net',\n  database: 'shop',\n};\n",
      errors: [{
        messageId: 'hardcoded', line: 2, column: 9,
        fixes: [{ title: 'Move to environment variable DB_HOST', output: "module.exports = {\n  host: process.env.DB_HOST || 'mysql.prod.acme.net',\n  database: 'shop',\n};\n" }],
      }],
    },
    {
      name: 'issue 3: positional host of a redis client',
      code: "import Redis from 'ioredis';\nconst r = new Redis(6379, 'cache.internal');\n",
      errors: [{
        messageId: 'hardcoded', line: 2, column: 27,
        fixes: [{ title: 'Move to environment variable REDIS_HOST', output: "import Redis from 'ioredis';\nconst r = new Redis(6379, process.env.REDIS_HOST || 'cache.internal');\n" }],
      }],
    },
    {
      name: 'issue 3: a host list moves whole, split from one variable',
      code: "import cassandra from 'cassandra-driver';\nconst c = new cassandra.Client({ contactPoints: ['10.1.0.1', '10.1.0.2'], localDataCenter: 'dc1' });\n",
      errors: [1, 2].map((n) => ({
        messageId: 'hardcoded', line: 2, column: n === 1 ? 50 : 62,
        fixes: [{
          title: 'Move to environment variable CASSANDRA_CONTACT_POINTS',
          output: "import cassandra from 'cassandra-driver';\nconst c = new cassandra.Client({ contactPoints: (process.env.CASSANDRA_CONTACT_POINTS || '10.1.0.1,10.1.0.2').split(','), localDataCenter: 'dc1' });\n",
        }],
      })),
    },
    {
      name: 'issue 3: no fix for one node of several: one variable per node would be a guess',
      code: "import Redis from 'ioredis';\nconst c = new Redis.Cluster([{ host: '10.0.0.1', port: 6379 }, { host: '10.0.0.2', port: 6379 }]);\n",
      errors: [
        { messageId: 'hardcoded', line: 2, column: 38, fixes: [] },
        { messageId: 'hardcoded', line: 2, column: 72, fixes: [] },
      ],
    },
  ],
});

function projectReading(envNames: string[]): ProjectIndex {
  const index = new ProjectIndex('/proj');
  index.setFile('/proj/src/other.ts', { ...emptyFacts(), envNames });
  return index;
}
