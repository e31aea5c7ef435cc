// Behaviour safety: every kind of quick fix that changes code is applied to a small service written for this test,
// and the original and the fixed program are run side by side as child processes. Parsing is not enough (issue 6):
// the same values must reach the clients and listen(), with the variables unset and with the .env.example the fix
// wrote loaded as the environment (`node --env-file`, dotenv's reading: an empty `NAME=` is ''); the same information
// must reach the log (real pino, winston, bunyan and Fastify, their JSON parsed); a server must exit 0 on SIGTERM
// after finishing the request in flight. See test/fixes/behaviour/harness.ts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { applyAll, freePort, limited, makeService, removeService, run, sigtermWhileServing, type Run } from './behaviour/harness';

const MOVE = /^Move to environment variable |^Remove the hard-coded fallback$/;

/** Stand-in records without the harness's bookkeeping: what each client received, in order. */
const received = (result: Run): string => JSON.stringify(result.records);

describe('fix behaviour: Move to environment variable (URL, host, port, list)', function () {
  this.timeout(60000);
  let dir = '';
  let original: Run;
  let applied: string[] = [];
  const service = `const express = require('express');
const { Pool } = require('pg');
const Redis = require('ioredis');
const { createClient } = require('redis');
const { MongoClient } = require('mongodb');
const nodemailer = require('nodemailer');
const { Kafka } = require('kafkajs');
const axios = require('axios');

const pool = new Pool({ host: 'db.internal', port: 5433, database: 'shop' });
const cache = new Redis({ host: 'cache.internal', port: 6380 });
const sessions = createClient({ url: 'redis://sessions.internal:6379' });
const mongo = new MongoClient('mongodb://mongo.internal:27017/shop');
const mailer = nodemailer.createTransport({ host: 'smtp.internal', port: 2525, secure: false });
const kafka = new Kafka({ clientId: 'orders', brokers: ['10.0.0.5:9092', '10.0.0.6:9092'] });
const payments = axios.create({ baseURL: 'https://api.sandbox.paypal.com' });
const orders = axios.create({ baseURL: 'http://orders.internal:8080/v1#main' });
const app = express();
app.listen(8080, () => {});
module.exports = { pool, cache, sessions, mongo, mailer, kafka, payments, orders };
`;

  before(async () => {
    dir = makeService({ files: { 'src/server.js': service }, standIns: ['express', 'pg', 'ioredis', 'redis', 'mongodb', 'nodemailer', 'kafkajs', 'axios'] });
    original = await run(dir, 'src/server.js');
    assert.equal(original.code, 0, original.stderr);
    for (const ruleId of ['backing-services/no-hardcoded-service-url', 'backing-services/no-hardcoded-host', 'port-binding/no-hardcoded-port']) {
      applied = applied.concat(applyAll(dir, 'src/server.js', ruleId, MOVE).titles);
    }
  });
  after(() => removeService(dir));

  it('moves every literal the rules report (the harness exercises what it claims to)', () => {
    const fixed = fs.readFileSync(path.join(dir, 'src/server.js'), 'utf8');
    assert.ok(applied.length >= 10, `only ${applied.length} fixes: ${applied.join('; ')}`);
    for (const literal of ["'db.internal'", '5433', "'redis://sessions.internal:6379'", "'mongodb://mongo.internal:27017/shop'", '8080, ()', "'10.0.0.5:9092'"]) {
      assert.ok(!fixed.includes(`: ${literal}`) && !fixed.includes(`(${literal}`), `${literal} is still hard-coded:\n${fixed}`);
    }
    assert.ok(applied.includes('Move to environment variable PAYPAL_API_URL'), applied.join('; '));
  });

  it('passes the same values to every client and to listen() with the variables unset', async () => {
    const fixed = await run(dir, 'src/server.js');
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.equal(received(fixed), received(original));
  });

  it('passes the same values with the written .env.example loaded as the environment (node --env-file)', async () => {
    const example = fs.readFileSync(path.join(dir, '.env.example'), 'utf8');
    assert.match(example, /^PORT=8080$/m);
    assert.match(example, /^KAFKA_BROKERS=10\.0\.0\.5:9092,10\.0\.0\.6:9092$/m);
    assert.match(example, /^ORDERS_URL='http:\/\/orders\.internal:8080\/v1#main'$/m, 'a # is quoted for dotenv');
    const fixed = await run(dir, 'src/server.js', { nodeArgs: ['--env-file=.env.example'] });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.equal(received(fixed), received(original));
  });

  it('passes the same values with every variable of .env.example set but empty (a copy not filled in)', async () => {
    const names = fs.readFileSync(path.join(dir, '.env.example'), 'utf8').split('\n').filter(Boolean).map((line) => line.split('=')[0]);
    const fixed = await run(dir, 'src/server.js', { env: Object.fromEntries(names.map((name) => [name, ''])) });
    assert.equal(received(fixed), received(original));
  });

  it('reads each variable: a value set in the environment reaches its client', async () => {
    const names = fs.readFileSync(path.join(dir, '.env.example'), 'utf8').split('\n').filter(Boolean).map((line) => line.split('=')[0]);
    const env = Object.fromEntries(names.map((name, i) => [name, /PORT$/.test(name) ? String(4000 + i) : /BROKERS$/.test(name) ? `k${i}:1,k${i}:2` : `set-${name}`]));
    const fixed = await run(dir, 'src/server.js', { env });
    const text = received(fixed);
    for (const [name, value] of Object.entries(env)) {
      const shown = /PORT$/.test(name) ? `${value}` : /BROKERS$/.test(name) ? JSON.stringify(value.split(',')).slice(1, -1) : JSON.stringify(value);
      assert.ok(text.includes(shown), `${name}=${value} did not reach a client: ${text}`);
    }
  });
});

describe('fix behaviour: Move to environment variable (secret)', function () {
  this.timeout(60000);
  const secret = 'Xk9#mPq2vL7wRt4z';
  const urlSecret = 'S3cr3tPw9x';
  let dir = '';
  let original: Run;
  before(async () => {
    const service = `const { Pool } = require('pg');
const nodemailer = require('nodemailer');
const secret = process.env.JWT_SECRET || 'q8Zr4LmW2xTt9VbN6cYe3Kp';
const pool = new Pool({ connectionString: 'postgres://app:${urlSecret}@db.internal:5432/shop' });
const mailer = nodemailer.createTransport({ host: process.env.SMTP_HOST, auth: { user: 'orders', password: '${secret}' } });
module.exports = { pool, mailer, secret };
require('tfl-record')('app', 'jwt', [secret]);
`;
    dir = makeService({ files: { 'src/db.js': service }, standIns: ['pg', 'nodemailer'] });
    original = await run(dir, 'src/db.js');
    assert.equal(original.code, 0, original.stderr);
    const { titles } = applyAll(dir, 'src/db.js', 'config/no-hardcoded-secret', MOVE);
    assert.equal(titles.length, 3, titles.join('; '));
  });
  after(() => removeService(dir));

  it('writes the secret nowhere: not in .env.example, not in any file the fix touched', () => {
    const names = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => !name.startsWith('node_modules'));
    for (const name of names) {
      const file = path.join(dir, name);
      if (!fs.statSync(file).isFile()) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const value of [secret, urlSecret, 'q8Zr4LmW2xTt9VbN6cYe3Kp']) assert.ok(!text.includes(value), `${name} holds a secret`);
    }
    const source = fs.readFileSync(path.join(dir, 'src/db.js'), 'utf8');
    for (const value of [secret, urlSecret, 'q8Zr4LmW2xTt9VbN6cYe3Kp']) assert.ok(!source.includes(value), 'the secret left the source');
    assert.match(fs.readFileSync(path.join(dir, '.env.example'), 'utf8'), /^DATABASE_URL=$/m);
  });

  it('fails at start, naming the variable and never its value, when the secret is unset or empty', async () => {
    for (const options of [{}, { nodeArgs: ['--env-file=.env.example'] }]) {
      const fixed = await run(dir, 'src/db.js', options);
      assert.notEqual(fixed.code, 0);
      assert.match(fixed.stderr, /Environment variable (JWT_SECRET|DATABASE_URL|PASSWORD|SMTP_PASSWORD) is not set/);
      assert.ok(![secret, urlSecret].some((value) => fixed.stderr.includes(value)));
    }
  });

  it('passes the same values to the clients when the environment holds the secrets', async () => {
    const example = fs.readFileSync(path.join(dir, '.env.example'), 'utf8');
    const names = example.split('\n').filter(Boolean).map((line) => line.split('=')[0]);
    const env: Record<string, string> = { JWT_SECRET: 'q8Zr4LmW2xTt9VbN6cYe3Kp' };
    for (const name of names) env[name] = name === 'DATABASE_URL' ? `postgres://app:${urlSecret}@db.internal:5432/shop` : secret;
    const fixed = await run(dir, 'src/db.js', { env });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.equal(received(fixed), received(original));
  });

  it('types the read as string under strict TypeScript (issue 7)', () => {
    const code = "export const config: { password: string } = { password: 'Xk9#mPq2vL7wRt4z' };\nconst secret = process.env.JWT_SECRET || 'q8Zr4LmW2xTt9VbN6cYe3Kp';\nexport const key: string = secret;\n";
    const tsDir = makeService({ files: { 'src/config.ts': code } });
    try {
      applyAll(tsDir, 'src/config.ts', 'config/no-hardcoded-secret', MOVE);
      const fixed = fs.readFileSync(path.join(tsDir, 'src/config.ts'), 'utf8');
      assert.ok(!fixed.includes('Xk9#') && !fixed.includes('q8Zr'), fixed);
      // process.env as @types/node types it (`string | undefined` per key), without loading all of @types/node.
      fs.writeFileSync(path.join(tsDir, 'src/env.d.ts'), 'declare const process: { env: { [key: string]: string | undefined } };\n');
      const program = ts.createProgram([path.join(tsDir, 'src/config.ts'), path.join(tsDir, 'src/env.d.ts')], {
        strict: true,
        noEmit: true,
        types: [],
        lib: ['lib.es2022.d.ts'],
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
      });
      const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      assert.deepEqual(errors, [], fixed);
    } finally {
      removeService(tsDir);
    }
  });
});

interface LogCall {
  code: string;
  /** What console prints for it: the marker and the values (an Error's message stands for its stack). */
  tokens: string[];
}

/** One service per logger: the same console calls, a logger set up as its users do, levels down to debug. */
const LOG_CALLS: LogCall[] = [
  { code: "console.log('M1 started')", tokens: ['M1 started'] },
  { code: "console.error('M2 job failed', job.id, err)", tokens: ['M2 job failed', 'J-4711', 'boom-E1', 'jobs.'] },
  { code: "console.info('M3 user', user)", tokens: ['M3 user', 'ada-U1', 'admin-R1'] },
  { code: "console.warn('M4 %s is slow: %d ms', job.id, 1234)", tokens: ['M4', 'J-4711', '1234'] },
  { code: "console.debug('M5', { jobId: job.id, attempt: 3 })", tokens: ['M5', 'J-4711', 'attempt'] },
  { code: "console.log('M6 a', 'b-T6', 42)", tokens: ['M6 a', 'b-T6', '42'] },
  { code: "console.error('M7 failed', err)", tokens: ['M7 failed', 'boom-E1', 'jobs.'] },
  { code: "console.log(user, 'M8 logged in')", tokens: ['M8 logged in', 'ada-U1'] },
  { code: "console.error('M9 failed twice', err, new Error('second-E9'))", tokens: ['M9 failed twice', 'boom-E1', 'second-E9'] },
  { code: "console.log('M10 status', res.statusCode, req.url)", tokens: ['M10 status', '503', '/orders/9'] },
  // builderbook: an Error inside an object argument (JSON would make it {}).
  { code: "console.error('M11 sync failed', { path: req.url, error: err })", tokens: ['M11 sync failed', '/orders/9', 'boom-E1', 'jobs.'] },
  { code: "console.log({ marker: 'M12', path: req.url, err })", tokens: ['M12', '/orders/9', 'boom-E1', 'jobs.'] },
];

function logService(setup: string, extra = ''): string {
  return `${setup}
function run(job, err, user, req, res) {
${LOG_CALLS.map((c) => `  ${c.code};`).join('\n')}
}
run({ id: 'J-4711' }, new Error('boom-E1'), { name: 'ada-U1', roles: ['admin-R1'] }, { url: '/orders/9' }, { statusCode: 503 });
${extra}`;
}

interface LoggerCase {
  name: string;
  /** The service's file (default src/jobs.js, CommonJS). */
  file?: string;
  setup: string;
  real: string[];
  /** Fix titles to apply (Replace with …, Add a pino logger …). */
  pick: RegExp;
  /** Rewritten calls expected at least (the rest keep console: no rewrite that can lose a value). */
  atLeast: number;
  env?: Record<string, string>;
}

const LOGGERS: LoggerCase[] = [
  { name: 'pino (a logger in the file)', setup: "const pino = require('pino');\nconst logger = pino({ level: 'debug' });", real: ['pino'], pick: /^Replace with logger\./, atLeast: 11 },
  {
    name: 'pino (Add a pino logger: the project module it creates)',
    setup: "'use strict';",
    real: ['pino'],
    pick: /^Add a pino logger|^Import logger|^Replace with logger\./,
    atLeast: 11,
    env: { LOG_LEVEL: 'debug' },
  },
  {
    name: 'pino (Add a pino logger in an ES module: logger.mjs, imported with its extension)',
    file: 'src/jobs.mjs',
    setup: "import { EventEmitter } from 'node:events';\nexport const events = new EventEmitter();",
    real: ['pino'],
    pick: /^Add a pino logger|^Import logger|^Replace with logger\./,
    atLeast: 11,
    env: { LOG_LEVEL: 'debug' },
  },
  {
    name: 'Fastify app.log (pino)',
    setup: "const fastify = require('fastify');\nconst app = fastify({ logger: { level: 'debug' } });",
    real: ['fastify'],
    pick: /^Replace with app\.log\./,
    atLeast: 11,
  },
  {
    name: 'bunyan',
    setup: "const bunyan = require('bunyan');\nconst log = bunyan.createLogger({ name: 'svc', level: 'debug' });",
    real: ['bunyan'],
    pick: /^Replace with log\./,
    atLeast: 11,
  },
  {
    name: 'winston (json format, no splat)',
    setup: "const winston = require('winston');\nconst logger = winston.createLogger({ level: 'debug', format: winston.format.json(), transports: [new winston.transports.Console()] });",
    real: ['winston'],
    pick: /^Replace with logger\./,
    atLeast: 6,
  },
];

/** JSON records of a run's output, and the lines that are not JSON (console left in place). */
function records(result: Run): { json: string[]; text: string } {
  const json: string[] = [];
  let text = '';
  for (const line of `${result.stdout}\n${result.stderr}`.split('\n')) {
    try {
      const value: unknown = JSON.parse(line);
      if (value && typeof value === 'object') {
        json.push(JSON.stringify(value));
        continue;
      }
    } catch {
      // not a record
    }
    text += `${line}\n`;
  }
  return { json, text };
}

/**
 * Whether a JSON record is the one a call wrote: one of its top-level strings (the message, or a `marker` field) is
 * the call's marker or starts with it. A search of the whole record would also find the marker inside a stack trace's
 * temporary path (mkdtemp's random suffix held "M5" once, and CI failed on it).
 */
/** A record without the fields the logger adds on its own (pino, bunyan, winston): what the call put in it. */
function withoutLoggerFields(record: string): string {
  const value = JSON.parse(record) as Record<string, unknown>;
  for (const field of ['time', 'timestamp', 'pid', 'hostname', 'v', 'level']) delete value[field];
  return JSON.stringify(value);
}

function isRecordOf(record: string, marker: string): boolean {
  const value: unknown = JSON.parse(record);
  if (!value || typeof value !== 'object') return false;
  return Object.values(value).some((v) => typeof v === 'string' && (v === marker || v.startsWith(`${marker} `)));
}

describe('fix behaviour: Replace with logger, for each supported logger', function () {
  this.timeout(90000);
  const results = new Map<string, { original: Run; fixed: Run; titles: string[]; source: string }>();
  before(async () => {
    const prepared = LOGGERS.map((logger) => {
      const dir = makeService({ files: { [logger.file ?? 'src/jobs.js']: logService(logger.setup) }, real: logger.real });
      return { logger, dir };
    });
    await limited(2, prepared.map(({ logger, dir }) => async () => {
      try {
        const file = logger.file ?? 'src/jobs.js';
        const original = await run(dir, file, { env: logger.env });
        const { titles } = applyAll(dir, file, 'logs/no-console', logger.pick);
        const fixed = await run(dir, file, { env: logger.env });
        const created = path.join(dir, 'src', `logger${path.extname(file)}`);
        const source = [file, ...(fs.existsSync(created) ? [path.relative(dir, created)] : [])].map((f) => `// ${f}\n${fs.readFileSync(path.join(dir, f), 'utf8')}`).join('\n');
        results.set(logger.name, { original, fixed, titles, source });
      } finally {
        removeService(dir);
      }
    }));
  });

  for (const logger of LOGGERS) {
    it(`${logger.name}: every value console printed is in the record`, () => {
      const result = results.get(logger.name);
      assert.ok(result, 'the scenario ran');
      const { original, fixed, titles, source } = result;
      assert.equal(original.code, 0, original.stderr);
      assert.equal(fixed.code, 0, `${fixed.stderr}\n${source}`);
      const out = records(fixed);
      let rewritten = 0;
      for (const call of LOG_CALLS) {
        const before = `${original.stdout}${original.stderr}`;
        for (const token of call.tokens) assert.ok(before.includes(token), `the harness expects console to print ${token}`);
        const record = out.json.find((r) => isRecordOf(r, call.tokens[0].split(' ')[0]));
        if (record) {
          rewritten++;
          // The logger's own fields (time, pid, hostname) are left out: '42' would be found in a timestamp.
          const values = withoutLoggerFields(record);
          for (const token of call.tokens) assert.ok(values.includes(token), `${call.code} → ${token} is missing from ${record}\n${source}`);
        } else {
          // Not rewritten: console still prints every value.
          for (const token of call.tokens) assert.ok(out.text.includes(token), `${call.code} lost ${token}:\n${out.text}\n${source}`);
        }
      }
      assert.ok(rewritten >= logger.atLeast, `${rewritten} calls rewritten (${titles.length} fixes):\n${source}`);
    });
  }
});

interface ServerCase {
  name: string;
  real: string[];
  files: Record<string, string>;
  script: string;
}

/**
 * The slow handler's body: it says on stdout that the request arrived (the harness sends SIGTERM only then), and
 * answers a second later (SIGTERM lands well before, even on a loaded machine).
 */
const SLOW = (reply: string): string => `process.stdout.write('in-flight\\n'); setTimeout(() => ${reply}, 1000)`;
const SLOW_ASYNC = "process.stdout.write('in-flight\\n'); await new Promise((resolve) => setTimeout(resolve, 1000));";

const SERVERS: ServerCase[] = [
  {
    name: 'node http',
    real: [],
    script: 'server.js',
    files: {
      'server.js': `const http = require('http');
const server = http.createServer((req, res) => { ${SLOW("res.end('slow-done')")}; });
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
`,
    },
  },
  {
    name: 'Express, chained app.listen(port, cb).on(\'error\', …)',
    real: ['express'],
    script: 'src/index.js',
    files: {
      'src/index.js': `const express = require('express');
const app = express();
app.get('/slow', (req, res) => { ${SLOW("res.send('slow-done')")}; });
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening')).on('error', (err) => { throw err; });
`,
    },
  },
  {
    name: 'Express through http.createServer(app).listen() in an async main()',
    real: ['express'],
    script: 'src/main.js',
    files: {
      'src/main.js': `const express = require('express');
const http = require('http');
const app = express();
app.get('/slow', (req, res) => { ${SLOW("res.send('slow-done')")}; });
async function main() {
  await Promise.resolve();
  const server = http.createServer(app).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
}
main();
`,
    },
  },
  {
    name: 'Koa',
    real: ['koa'],
    script: 'app.js',
    files: {
      'app.js': `const Koa = require('koa');
const app = new Koa();
app.use(async (ctx) => { ${SLOW_ASYNC} ctx.body = 'slow-done'; });
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
`,
    },
  },
  {
    name: 'Fastify, await app.listen({ port })',
    real: ['fastify'],
    script: 'server.js',
    files: {
      'server.js': `const fastify = require('fastify');
const app = fastify();
app.get('/slow', async () => { ${SLOW_ASYNC} return 'slow-done'; });
async function main() {
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  console.log('listening');
}
main();
`,
    },
  },
  {
    name: 'Hapi, await server.start()',
    real: ['@hapi/hapi'],
    script: 'server.js',
    files: {
      'server.js': `const Hapi = require('@hapi/hapi');
async function main() {
  const server = Hapi.server({ port: Number(process.env.PORT), host: '127.0.0.1' });
  server.route({ method: 'GET', path: '/slow', handler: async () => { ${SLOW_ASYNC} return 'slow-done'; } });
  await server.start();
  console.log('listening');
}
main();
`,
    },
  },
];

describe('fix behaviour: Add graceful shutdown, for each supported server', function () {
  this.timeout(120000);
  const results = new Map<string, { original: Awaited<ReturnType<typeof sigtermWhileServing>>; fixed: Awaited<ReturnType<typeof sigtermWhileServing>>; titles: string[] }>();
  before(async () => {
    await limited(2, SERVERS.map((server) => async () => {
      const dir = makeService({ files: server.files, real: server.real });
      try {
        const original = await sigtermWhileServing(dir, server.script, await freePort());
        const { titles } = applyAll(dir, server.script, 'disposability/handle-sigterm', /^Add graceful shutdown$/);
        const fixed = await sigtermWhileServing(dir, server.script, await freePort());
        results.set(server.name, { original, fixed, titles });
      } finally {
        removeService(dir);
      }
    }));
  });

  for (const server of SERVERS) {
    it(`${server.name}: exits 0 on SIGTERM after answering the request in flight`, () => {
      const result = results.get(server.name);
      assert.ok(result, 'the scenario ran');
      assert.deepEqual(result.titles, ['Add graceful shutdown']);
      // Before the fix SIGTERM kills the process, request and all.
      assert.equal(result.original.signal, 'SIGTERM');
      assert.notEqual(result.original.inFlight, 'slow-done');
      assert.equal(result.fixed.code, 0, result.fixed.output);
      assert.equal(result.fixed.inFlight, 'slow-done');
      // Well before the 10 s forced-exit timer: the unref'd timer does not hold a clean exit.
      assert.ok(result.fixed.exitAfterMs < 5000, `exit took ${result.fixed.exitAfterMs} ms`);
    });
  }
});
