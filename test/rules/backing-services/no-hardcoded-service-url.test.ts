import rule from '../../../server/src/analyzer/rules/backing-services/no-hardcoded-service-url';
import { ProjectIndex, emptyFacts } from '../../../server/src/analyzer/project';
import { runRuleTests } from '../../support/rule-tester';

const service = (scheme: string, host: string): string =>
  `The ${scheme} URL of ${host} is hard-coded; read it from the environment (IV. Backing services).`;
const api = (origin: string): string =>
  `The service URL ${origin} is hard-coded; read it from the environment (IV. Backing services).`;
const broker = (host: string): string =>
  `Broker address ${host} is hard-coded; read it from the environment (IV. Backing services).`;

runRuleTests(rule, {
  valid: [
    // The fix, with a local fallback.
    "mongoose.connect(process.env.MONGODB_URI ?? 'mongodb://localhost:27017/app');",
    "const url = process.env.REDIS_URL || 'redis://cache.internal:6379';",
    "const { DATABASE_URL = 'postgres://localhost/app' } = process.env;",
    "const db = env('DATABASE_URL', 'postgres://db.internal/app');",
    "export function connect(url?: string) {\n  return new Redis(url ?? 'redis://cache:6379');\n}",
    "const url = process.env.NODE_ENV === 'production' ? process.env.DATABASE_URL : 'postgres://localhost/dev';",
    // Option schemas: their defaults sit behind an env var or a flag.
    "convict({ db: { doc: 'Database URL', format: String, default: 'postgres://db.internal/app', env: 'DATABASE_URL' } });",
    "const env = cleanEnv(process.env, { REDIS_URL: url({ default: 'redis://cache:6379' }) });",
    "program.option('-d, --database <url>', 'database URL', 'postgres://db.internal/app');",
    "const schema = z.object({ DATABASE_URL: z.string().default('postgres://db.internal/app') });",
    // Local URLs that are not handed to a client: dev config maps, documentation, comparisons.
    "const config = { development: { db: 'mongodb://localhost/dev' } };",
    "const DEV_DB = 'mongodb://localhost/dev';\nexport default DEV_DB;",
    { name: 'a parameter with the same name is another variable', code: "const url = 'redis://localhost:6379';\nexport function get(url: string) {\n  return fetch(url);\n}" },
    // Prefixes, comparisons, string operations, messages and logs.
    "if (url.startsWith('redis://')) useRedis();",
    "const isSrv = uri.startsWith('mongodb+srv://');",
    "if (url === 'redis://cache:6379') warn();",
    "switch (url) {\n  case 'amqp://rabbit': break;\n}",
    "throw new Error('Expected a URL like postgres://user:pass@host:5432/db');",
    "throw new Error('postgres://db.internal/app is not reachable');",
    "logger.info('connecting to redis://cache:6379');",
    "console.log('amqp://rabbit.internal');",
    "const help = 'Set DATABASE_URL, e.g. postgres://user:password@db.internal:5432/app';",
    "const example = { description: 'Connection string', example: 'postgres://db.internal/app' };",
    "const u = new URL(input, 'postgres://base');",
    "process.env.DATABASE_URL = 'postgres://db.internal/app';",
    "type Url = `postgres://${string}`;",
    "const x: 'redis://cache' = y;",
    // Placeholders.
    "const tpl = 'postgres://user:password@host:5432/database';",
    "const tpl = 'mongodb+srv://<user>:<password>@<cluster>/db';",
    "const tpl = 'redis://your-redis-host:6379';",
    "const tpl = 'mysql://root@db.example.com/app';",
    "const hints = { connectionString: 'postgres://user:secret@db.host.com:5432/app' };",
    "const hints = { mongo: 'mongodb+srv://cluster0.mydomain.com/app' };",
    "const tpl = `postgres://${user}:${pass}@${host}:${port}/${db}`;",
    "const url = 'redis://' + host + ':6379';",
    "const url = 'postgres://' + user + ':' + pass + '@' + host + '/app';",
    // Test mail catchers.
    "nodemailer.createTransport('smtp://user:pass@smtp.ethereal.email:587');",
    // Namespaces, schema ids, docs and other links.
    "const svg = { xmlns: 'http://www.w3.org/2000/svg' };",
    "export const schema = { $schema: 'http://json-schema.org/draft-07/schema#', $id: 'https://acme.com/order.json' };",
    "const pkg = { homepage: 'https://github.com/acme/app', bugs: { url: 'https://github.com/acme/app/issues' } };",
    "res.redirect('https://accounts.google.com/o/oauth2/auth');",
    "res.send('<a href=\"https://docs.acme.com\">docs</a>');",
    "const cdn = '<script src=\"https://cdn.jsdelivr.net/npm/x\"></script>';",
    // Routes and paths.
    "app.get('/api/users', handler);",
    "const baseURL = '/api';",
    "axios.get('/api/users');",
    // Public APIs are constants of their provider; what varies per deploy is the key (config/no-hardcoded-secret).
    "const api = axios.create({ baseURL: 'https://api.stripe.com' });",
    "const SLACK_API_URL = 'https://slack.com/api';",
    "const res = await fetch('https://api.github.com/repos/' + repo);",
    "const res = await fetch(`https://api.github.com/repos/${owner}/${repo}`);",
    "axios.get('https://api.openweathermap.org/data/2.5/weather', { params });",
    "const octokit = new Octokit({ baseUrl: 'https://api.github.com' });",
    { name: 'public OAuth endpoints (outline)', code: "class FigmaUtils {\n  private static authBaseUrl = 'https://www.figma.com/oauth';\n}" },
    "const strategy = { authorizationURL: 'https://auth.internal/authorize', tokenURL: 'https://auth.internal/token' };",
    { name: 'dev.to is a site, not a stage', code: "const apiUrl = 'https://dev.to/api';" },
    { name: 'dev.azure.com is a product', code: "const baseUrl = 'https://dev.azure.com/acme';" },
    { name: 'a vendor\'s prod endpoint is its only one', code: "const SERVICE_URL = 'https://prod.liveshare.vsengsaas.visualstudio.com';" },
    { name: 'a unix socket URL', code: "const res = await got('http://unix:/var/run/docker.sock:/containers/json');" },
    // Local HTTP: the service itself, a sidecar (Dapr), a dev server.
    "const res = await fetch('http://localhost:3500/v1.0/invoke/orders/method/new');",
    "const API_URL = 'http://localhost:5000/api';",
    "axios.create({ baseURL: 'http://127.0.0.1:8080' });",
    // Internal hosts that are not handed to a client nor named as a base URL.
    "const docsLink = 'http://wiki.corp/runbooks/orders';",
    "const links = ['http://grafana.internal/d/abc'];",
    // Cloud metadata servers are the same on every deploy (nodejs-docs-samples).
    "const metadataServerURL = 'http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/identity?audience=';",
    "const res = await fetch(`http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/${sa}/token`);",
    "const imds = await fetch('http://169.254.169.254/latest/meta-data/iam/security-credentials/');",
    // UI text in JSX.
    { filename: 'src/Form.tsx', code: 'const f = <input placeholder="postgres://db.acme.internal/app" />;' },
    { filename: 'src/Form.tsx', code: "const f = <Field hint={'redis://cache.internal:6379'} />;" },
    "const gateway = { target: 'http://users-service:4000' };",
    {
      name: 'create-react-app dev proxy (awesome-compose)',
      filename: 'frontend/src/setupProxy.js',
      code: "const { createProxyMiddleware } = require('http-proxy-middleware');\nmodule.exports = function (app) {\n  app.use('/api', createProxyMiddleware({ target: 'http://backend:8080', changeOrigin: true }));\n};",
    },
    "app.use(cors({ origin: ['http://10.0.0.7:8080'] }));",
    "res.redirect('http://10.0.0.5:8080/login');",
    "const spec = swaggerJsdoc({ definition: { servers: [{ url: 'http://10.0.0.5:3000' }] } });",
    // Broker-looking strings outside broker slots.
    "const time = '10:30';",
    "const pair = { key: 'kafka:9092' };",
    // Tests and scripts.
    { filename: 'test/db.test.ts', code: "mongoose.connect('mongodb://db.internal/test');" },
    { filename: 'scripts/seed.ts', code: "await mongoose.connect('mongodb://localhost/dev');" },
    // Tagged templates belong to their tag.
    "const q = sql`SELECT 'postgres://db.internal/app'`;",
  ],
  invalid: [
    {
      code: "import mongoose from 'mongoose';\nmongoose.connect('mongodb://db.prod.internal:27017/app');",
      errors: [{ messageId: 'serviceUrl', line: 2, column: 18, endLine: 2, endColumn: 56, message: service('mongodb', 'db.prod.internal:27017') }],
    },
    {
      name: 'the password is never echoed',
      code: "const pool = new Pool({ connectionString: 'postgres://app:s3cr3tP4ss@db.internal:5432/app' });",
      errors: [{ messageId: 'serviceUrl', line: 1, column: 43, message: service('postgres', 'db.internal:5432') }],
    },
    {
      name: 'a remote URL is reported wherever it is stored',
      code: "export const config = {\n  redisUrl: 'redis://cache.prod.acme.net:6379',\n};",
      errors: [{ messageId: 'serviceUrl', line: 2, column: 13, message: service('redis', 'cache.prod.acme.net:6379') }],
    },
    {
      name: 'a local URL handed straight to a client',
      code: "import mongoose from 'mongoose';\nmongoose.connect('mongodb://localhost:27017/myapp');",
      errors: [{ messageId: 'serviceUrl', line: 2, column: 18, message: service('mongodb', 'localhost:27017') }],
    },
    {
      name: 'a local URL in a client option',
      code: "import { createClient } from 'redis';\nconst client = createClient({ url: 'redis://localhost:6379' });",
      errors: [{ messageId: 'serviceUrl', line: 2, column: 36 }],
    },
    {
      name: 'a local URL constant that a client receives',
      code: "const MONGO_URI = 'mongodb://127.0.0.1:27017/shop';\nmongoose.connect(MONGO_URI, { autoIndex: false });",
      errors: [{ messageId: 'serviceUrl', line: 1, column: 19 }],
    },
    { name: 'amqp', code: "const conn = await amqp.connect('amqp://localhost');", errors: [{ messageId: 'serviceUrl', line: 1, column: 33, message: service('amqp', 'localhost') }] },
    { name: 'voting app', code: "var pool = new Pool({\n  connectionString: 'postgres://postgres:postgres@db/postgres'\n});", errors: [{ messageId: 'serviceUrl', line: 2, column: 21, message: service('postgres', 'db') }] },
    { name: 'mongodb+srv', code: "const uri = 'mongodb+srv://app:pw@cluster0.ab1cd.mongodb.net/shop?retryWrites=true';", errors: [{ messageId: 'serviceUrl', line: 1, column: 13, message: service('mongodb+srv', 'cluster0.ab1cd.mongodb.net') }] },
    { name: 'smtp', code: "const transport = nodemailer.createTransport('smtps://user:pw@smtp.gmail.com:465');", errors: [{ messageId: 'serviceUrl', line: 1, column: 46 }] },
    { name: 'nats', code: "const nc = await connect({ servers: 'nats://nats.internal:4222' });", errors: [{ messageId: 'serviceUrl', line: 1, column: 37 }] },
    {
      name: 'a template whose host is literal',
      code: "const url = `postgres://${user}:${pass}@db.internal:5432/${name}`;",
      errors: [{ messageId: 'serviceUrl', line: 1, column: 13, message: service('postgres', 'db.internal:5432') }],
    },
    {
      name: 'a concatenation whose host is literal',
      code: "mongoose.connect('mongodb://db.internal:27017/' + dbName);",
      errors: [{ messageId: 'serviceUrl', line: 1, column: 18, message: service('mongodb', 'db.internal:27017') }],
    },
    {
      name: 'Kafka brokers',
      code: "const kafka = new Kafka({ clientId: 'orders', brokers: ['10.0.0.5:9092', 'kafka:9092'] });",
      errors: [
        { messageId: 'broker', line: 1, column: 57, message: broker('10.0.0.5:9092') },
        { messageId: 'broker', line: 1, column: 74, message: broker('kafka:9092') },
      ],
    },
    { name: 'local brokers handed to a client', code: "const kafka = new Kafka({ brokers: ['localhost:9092'] });", errors: [{ messageId: 'broker', line: 1, column: 37 }] },
    { name: 'rdkafka', code: "const p = new Kafka.Producer({ 'metadata.broker.list': 'k1.internal:9092,k2.internal:9092' });", errors: [{ messageId: 'broker', line: 1, column: 56, message: broker('k1.internal:9092') }] },
    { name: 'memcached', code: "import Memcached from 'memcached';\nconst mc = new Memcached('10.0.0.8:11211');", errors: [{ messageId: 'broker', line: 2, column: 26 }] },
    {
      name: 'Elasticsearch node',
      code: "import { Client } from '@elastic/elasticsearch';\nconst es = new Client({ node: 'http://es:9200' });",
      errors: [{ messageId: 'apiUrl', line: 2, column: 31, message: api('http://es:9200') }],
    },
    {
      name: 'an internal service called with fetch',
      code: "const res = await fetch('http://user-service:8080/users');",
      errors: [{ messageId: 'apiUrl', line: 1, column: 25, message: api('http://user-service:8080') }],
    },
    { name: 'template URL to axios', code: "await axios.get(`http://10.1.2.3/users/${id}`);", errors: [{ messageId: 'apiUrl', line: 1, column: 17, message: api('http://10.1.2.3') }] },
    { name: 'got', code: "await got.post('http://billing.svc.cluster.local/charge', { json });", errors: [{ messageId: 'apiUrl', line: 1, column: 16 }] },
    { name: 'fetch(new URL(path, base))', code: "await fetch(new URL('/v1/users', 'http://users.internal'));", errors: [{ messageId: 'apiUrl', line: 1, column: 34 }] },
    { name: 'axios config url', code: "await axios({ method: 'post', url: 'http://10.0.0.12:8000/jobs' });", errors: [{ messageId: 'apiUrl', line: 1, column: 36 }] },
    { name: 'base URL of an internal service', code: "const api = axios.create({ baseURL: 'https://orders.internal' });", errors: [{ messageId: 'apiUrl', line: 1, column: 37 }] },
    { name: 'base URL constant', code: "const USER_SERVICE_URL = 'http://users:3000';", errors: [{ messageId: 'apiUrl', line: 1, column: 26, message: api('http://users:3000') }] },
    {
      name: 'a sandbox endpoint ships to production (hackathon-starter)',
      code: "const AccountingBaseUrl = 'https://sandbox-quickbooks.api.intuit.com';",
      errors: [{ messageId: 'apiUrl', line: 1, column: 27, message: api('https://sandbox-quickbooks.api.intuit.com') }],
    },
    { name: 'sandbox fetch', code: "await fetch('https://api.sandbox.paypal.com/v2/checkout/orders', { method: 'POST' });", errors: [{ messageId: 'apiUrl', line: 1, column: 13 }] },
    { name: 'a dev stage of an API', code: "const apiBaseUrl = 'https://api.dev.acme.io/v2';", errors: [{ messageId: 'apiUrl', line: 1, column: 20 }] },
    { name: 'a staging host', code: "const api = axios.create({ baseURL: 'https://staging.acme.io' });", errors: [{ messageId: 'apiUrl', line: 1, column: 37 }] },
    { name: 'public host with an explicit port', code: "const apiUrl = 'https://api.acme.com:8443';", errors: [{ messageId: 'apiUrl', line: 1, column: 16 }] },
    { name: 'bin/ and other scripts are quiet, but src is not', filename: 'src/db.js', code: "module.exports = 'postgres://db.internal/app';", errors: [{ messageId: 'serviceUrl', line: 1, column: 18 }] },
    // Issue 3: "Move to environment variable NAME".
    {
      name: 'issue 3: named from its config path, the URL kept as fallback',
      code: "export default { redis: { url: 'redis://cache.internal:6379' } };\n",
      errors: [{
        messageId: 'serviceUrl', line: 1, column: 32,
        fixes: [{ title: 'Move to environment variable REDIS_URL', output: "export default { redis: { url: process.env.REDIS_URL || 'redis://cache.internal:6379' } };\n" }],
      }],
    },
    {
      name: 'issue 3: a local constant handed to a client keeps its name',
      code: "import { createClient } from 'redis';\nconst REDIS_URL = 'redis://localhost:6379';\nconst client = createClient({ url: REDIS_URL });\n",
      errors: [{
        messageId: 'serviceUrl', line: 2, column: 19,
        fixes: [{
          title: 'Move to environment variable REDIS_URL',
          output: "import { createClient } from 'redis';\nconst REDIS_URL = process.env.REDIS_URL || 'redis://localhost:6379';\nconst client = createClient({ url: REDIS_URL });\n",
        }],
      }],
    },
    {
      name: 'issue 3: a URL with a password leaves the source: no fallback',
      code: "import { Pool } from 'pg';\nconst pool = new Pool({ connectionString: 'postgres://app:Zq8vL2pX9w@db.internal:5432/shop' });\n",
      errors: [{
        messageId: 'serviceUrl', line: 2, column: 43,
        fixes: [{ title: 'Move to environment variable DATABASE_URL', output: "import { Pool } from 'pg';\nconst pool = new Pool({ connectionString: process.env.DATABASE_URL || missingEnv('DATABASE_URL') });\n\nfunction missingEnv(name: string): never {\n  throw new Error('Environment variable ' + name + ' is not set');\n}\n" }],
      }],
    },
    {
      name: 'issue 3: a user without a password is no secret',
      code: "import { Pool } from 'pg';\nconst pool = new Pool({ connectionString: 'postgres://app@db.internal:5432/shop' });\n",
      errors: [{
        messageId: 'serviceUrl', line: 2, column: 43,
        fixes: [{
          title: 'Move to environment variable DATABASE_URL',
          output: "import { Pool } from 'pg';\nconst pool = new Pool({ connectionString: process.env.DATABASE_URL || 'postgres://app@db.internal:5432/shop' });\n",
        }],
      }],
    },
    {
      name: 'issue 3: JavaScript, double quotes kept',
      filename: 'src/db.js',
      code: "const mongoose = require('mongoose');\nmongoose.connect(\"mongodb://db.internal:27017/shop\");\n",
      errors: [{
        messageId: 'serviceUrl', line: 2, column: 18,
        fixes: [{
          title: 'Move to environment variable MONGODB_URI',
          output: "const mongoose = require('mongoose');\nmongoose.connect(process.env.MONGODB_URI || \"mongodb://db.internal:27017/shop\");\n",
        }],
      }],
    },
    {
      name: 'issue 11: a name the project already reads is passed over for the next meaningful one (the host), not suffixed',
      code: "import { createClient } from 'redis';\nconst client = createClient({ url: 'redis://cache.internal:6379' });\n",
      project: projectReading(['REDIS_URL']),
      errors: [{
        messageId: 'serviceUrl', line: 2, column: 36,
        fixes: [{
          title: 'Move to environment variable CACHE_REDIS_URL',
          output: "import { createClient } from 'redis';\nconst client = createClient({ url: process.env.CACHE_REDIS_URL || 'redis://cache.internal:6379' });\n",
        }],
      }],
    },
    {
      name: 'issue 3: a broker list moves whole, split from one variable',
      code: "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ clientId: 'orders', brokers: ['10.0.0.5:9092', '10.0.0.6:9092'] });\n",
      errors: [57, 74].map((column) => ({
        messageId: 'broker', line: 2, column,
        fixes: [{
          title: 'Move to environment variable KAFKA_BROKERS',
          output: "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ clientId: 'orders', brokers: (process.env.KAFKA_BROKERS || '10.0.0.5:9092,10.0.0.6:9092').split(',') });\n",
        }],
      })),
    },
    {
      name: 'issue 3: no fix for a list that mixes literals and reads',
      code: "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ clientId: 'orders', brokers: ['10.0.0.5:9092', process.env.B] });\n",
      errors: [{ messageId: 'broker', line: 2, column: 57, fixes: [] }],
    },
    {
      name: 'issue 3: a memcached server string',
      code: "import Memcached from 'memcached';\nconst mc = new Memcached('mc.internal:11211');\n",
      errors: [{
        messageId: 'broker', line: 2, column: 26,
        fixes: [{ title: 'Move to environment variable MEMCACHED_SERVERS', output: "import Memcached from 'memcached';\nconst mc = new Memcached(process.env.MEMCACHED_SERVERS || 'mc.internal:11211');\n" }],
      }],
    },
    {
      name: 'issue 3: a base URL of an internal API',
      code: "const ORDERS_API_URL = 'http://orders.internal:8080';\n",
      errors: [{
        messageId: 'apiUrl', line: 1, column: 24,
        fixes: [{ title: 'Move to environment variable ORDERS_API_URL', output: "const ORDERS_API_URL = process.env.ORDERS_API_URL || 'http://orders.internal:8080';\n" }],
      }],
    },
    {
      name: 'issue 3: no fix for a template URL',
      code: "import { Pool } from 'pg';\nconst db = `postgres://db.internal:5432/${name}`;\nnew Pool({ connectionString: db });\n",
      errors: [{ messageId: 'serviceUrl', line: 2, column: 12, fixes: [] }],
    },
  ],
});

function projectReading(envNames: string[]): ProjectIndex {
  const index = new ProjectIndex('/proj');
  index.setFile('/proj/src/other.ts', { ...emptyFacts(), envNames });
  return index;
}
