// The "Move to environment variable" fix: naming from context, quoting, numbers, .env.example, and the
// positions where it is never offered.
import assert from 'node:assert/strict';
import ts from 'typescript';
import { parse } from '../../server/src/analyzer/analyze';
import { collectImports } from '../../server/src/analyzer/ast';
import { applyEdits, editsFor } from '../../server/src/analyzer/fixes/edits';
import { moveListToEnvFix, moveToEnvFix, toEnvName } from '../../server/src/analyzer/fixes/env';
import { ProjectIndex, emptyFacts } from '../../server/src/analyzer/project';

function literalAt(sourceFile: ts.SourceFile, marker: string): ts.StringLiteral | ts.NumericLiteral {
  const offset = sourceFile.text.indexOf(marker);
  assert.ok(offset >= 0, `marker ${marker} not found`);
  let found: ts.StringLiteral | ts.NumericLiteral | undefined;
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNumericLiteral(node)) && node.getStart(sourceFile) === offset) found = node;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  assert.ok(found, `no literal at ${marker}`);
  return found;
}

function project(envNames: string[] = [], envExample?: string): ProjectIndex {
  const index = new ProjectIndex('/proj');
  index.setFile('/proj/src/other.ts', { ...emptyFacts(), envNames });
  index.envExampleText = envExample;
  return index;
}

function fix(code: string, marker: string, secret: boolean, proj = project(), fallbackName?: string) {
  const sourceFile = parse('/proj/src/app.ts', code);
  const literal = literalAt(sourceFile, marker);
  const result = moveToEnvFix(literal, sourceFile, collectImports(sourceFile), proj, { secret, fallbackName });
  return result && { title: result.title, output: applyEdits(code, editsFor(result)), fix: result };
}

function listFix(code: string, proj = project()) {
  const sourceFile = parse('/proj/src/app.ts', code);
  let array: ts.ArrayLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (!array && ts.isArrayLiteralExpression(node)) array = node;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  assert.ok(array);
  const result = moveListToEnvFix(array, sourceFile, collectImports(sourceFile), proj, 'SERVICE_HOSTS');
  return result && { title: result.title, output: applyEdits(code, editsFor(result)), fix: result };
}

describe('fixes/env: Move a list to environment variable', () => {
  it('replaces the whole array with a split of one variable, keeping the list as its fallback', () => {
    const result = listFix("import { Kafka } from 'kafkajs';\nnew Kafka({ brokers: ['10.0.0.5:9092', \"10.0.0.6:9092\"] });\n");
    assert.equal(result?.title, 'Move to environment variable KAFKA_BROKERS');
    assert.equal(
      result?.output,
      "import { Kafka } from 'kafkajs';\nnew Kafka({ brokers: (process.env.KAFKA_BROKERS || '10.0.0.5:9092,10.0.0.6:9092').split(',') });\n",
    );
    assert.equal(listFix('const hosts = ["a:1"];\n', project(['SERVICE_HOSTS']))?.output, 'const hosts = (process.env.SERVICE_HOSTS_2 || "a:1").split(",");\n');
  });

  it('adds the name to .env.example with the list as its value', () => {
    const result = listFix("new Kafka({ brokers: ['k:9092', 'l:9092'] });\n", project([], ''));
    assert.deepEqual(result?.fix.edits[1], { file: '/proj/.env.example', start: 0, end: 0, newText: 'KAFKA_BROKERS=k:9092,l:9092\n' });
  });

  for (const [name, code] of [
    ['a list with a computed element', "new Kafka({ brokers: ['k:9092', process.env.B] });\n"],
    ['a list whose element holds a comma', "new Kafka({ brokers: ['a:1,b:2'] });\n"],
    ['a list with a spread', "new Kafka({ brokers: ['a:1', ...more] });\n"],
    ['an empty list', 'new Kafka({ brokers: [] });\n'],
  ] as const) {
    it(`is not offered for ${name}`, () => {
      assert.equal(listFix(code), undefined);
    });
  }
});

describe('fixes/env: Move to environment variable', () => {
  it('converts names to UPPER_SNAKE_CASE', () => {
    assert.equal(toEnvName('dbPassword'), 'DB_PASSWORD');
    assert.equal(toEnvName('baseURL'), 'BASE_URL');
    assert.equal(toEnvName('api-key'), 'API_KEY');
    assert.equal(toEnvName('stripeSecretKey'), 'STRIPE_SECRET_KEY');
  });

  it('names a secret after its variable, gives it no default and reads it through a check typed string (issue 7)', () => {
    const result = fix("const dbPassword = 'hunter2hunter2';\n", "'hunter2", true);
    assert.equal(result?.title, 'Move to environment variable DB_PASSWORD');
    assert.equal(
      result?.output,
      "const dbPassword = process.env.DB_PASSWORD || missingEnv('DB_PASSWORD');\n\n" +
        "function missingEnv(name: string): never {\n  throw new Error('Environment variable ' + name + ' is not set');\n}\n",
    );
  });

  it('reuses the check a file already has, and writes it untyped in JavaScript', () => {
    const code = "const a = process.env.A || missingEnv('A');\nconst apiToken = 'k3yV4lu3Zq8vL2pX';\nfunction missingEnv(name: string): never {\n  throw new Error(name);\n}\n";
    assert.equal(fix(code, "'k3y", true)?.output, code.replace("'k3yV4lu3Zq8vL2pX'", "process.env.API_TOKEN || missingEnv('API_TOKEN')"));
    const sourceFile = parse('/proj/src/app.js', "const apiToken = 'k3yV4lu3Zq8vL2pX'\n");
    const result = moveToEnvFix(literalAt(sourceFile, "'k3y"), sourceFile, collectImports(sourceFile), project(), { secret: true });
    assert.equal(
      result && applyEdits(sourceFile.text, editsFor(result)),
      "const apiToken = process.env.API_TOKEN || missingEnv('API_TOKEN')\n\nfunction missingEnv(name) {\n  throw new Error('Environment variable ' + name + ' is not set')\n}\n",
    );
  });

  it('picks a free name for the check when missingEnv means something else in the file', () => {
    const code = "import { missingEnv } from './env';\nconst apiToken = 'k3yV4lu3Zq8vL2pX';\n";
    assert.match(fix(code, "'k3y", true)?.output ?? '', /process\.env\.API_TOKEN \|\| missingEnv2\('API_TOKEN'\)[\s\S]*function missingEnv2\(/);
  });

  it('composes a nested config path and keeps a non-secret value as fallback with its quotes', () => {
    const result = fix('export default { redis: { url: "redis://cache:6379" } };\n', '"redis', false);
    assert.equal(result?.output, 'export default { redis: { url: process.env.REDIS_URL || "redis://cache:6379" } };\n');
  });

  it('keeps numbers numbers, and an empty PORT= means unset (issue 6: Number(process.env.PORT ?? 8080) was 0)', () => {
    const result = fix('app.listen(3000);\n', '3000', false, project([], ''), 'PORT');
    assert.equal(result?.output, 'app.listen(Number(process.env.PORT || 3000));\n');
    assert.equal(result?.fix.edits[1].newText, 'PORT=3000\n');
    assert.equal(fix('app.listen(0x1F90);\n', '0x1F90', false, project([], ''), 'PORT')?.fix.edits[1].newText, 'PORT=8080\n');
  });

  it('writes the non-secret default into .env.example, quoted so that dotenv and node --env-file read it back', () => {
    const write = (value: string) => fix(`const hostname = ${JSON.stringify(value)};\n`, JSON.stringify(value), false, project([], ''))?.fix.edits[1]?.newText;
    assert.equal(write('db.internal'), 'HOSTNAME=db.internal\n');
    assert.equal(write('a b#c'), "HOSTNAME='a b#c'\n");
    assert.equal(write("it's"), 'HOSTNAME="it\'s"\n');
    // A value no quoting carries for every reader stays empty: the `||` in the code supplies it.
    assert.equal(write('it\'s "x"'), 'HOSTNAME=\n');
  });

  it('leaves a line the author already wrote in .env.example as it is', () => {
    assert.equal(fix('app.listen(3000);\n', '3000', false, project([], 'PORT=\n'), 'PORT')?.fix.edits.length, 1);
  });

  it('moves String.raw as a whole and offers nothing on other tagged templates (issue 7: String.rawprocess.env.X)', () => {
    const templateIn = (code: string) => {
      const sourceFile = parse('/proj/src/app.ts', code);
      let template: ts.NoSubstitutionTemplateLiteral | undefined;
      const visit = (node: ts.Node): void => {
        if (ts.isNoSubstitutionTemplateLiteral(node)) template = node;
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
      assert.ok(template);
      return moveToEnvFix(template, sourceFile, collectImports(sourceFile), project([], ''), { secret: false });
    };
    const code = 'const url = String.raw`https://x.internal/a\\b`;\n';
    const result = templateIn(code);
    assert.equal(result && applyEdits(code, editsFor(result)), 'const url = process.env.X_URL || String.raw`https://x.internal/a\\b`;\n');
    assert.equal(result?.title, 'Move to environment variable X_URL');
    assert.equal(result?.edits[1].newText, "X_URL='https://x.internal/a\\b'\n");
    assert.equal(templateIn('const q = sql`https://x.internal`;\n'), undefined);
  });

  it('uses the URL scheme when the literal has no name of its own', () => {
    const result = fix("mongoose.connect('mongodb://db:27017/shop');\n", "'mongodb", false);
    assert.equal(result?.output, "mongoose.connect(process.env.MONGODB_URI || 'mongodb://db:27017/shop');\n");
  });

  it('uses the client module for generic option names, by the service it connects to', () => {
    const code = "import mysql from 'mysql2';\nmysql.createConnection({ host: '10.0.0.5' });\n";
    assert.equal(fix(code, "'10.0.0.5'", false)?.title, 'Move to environment variable MYSQL_HOST');
    const redis = "import Redis from 'ioredis';\nnew Redis({ host: 'cache.internal', port: 6380 });\n";
    assert.equal(fix(redis, "'cache", false)?.title, 'Move to environment variable REDIS_HOST');
    assert.equal(fix(redis, '6380', false)?.title, 'Move to environment variable REDIS_PORT');
    assert.equal(fix("new Kafka({ clientId: 'a', brokers: 'k:9092' });\n", "'k:", false)?.title, 'Move to environment variable KAFKA_BROKERS');
  });

  it('names a URL handed straight to a client by its scheme, not by the client module', () => {
    const code = "import mongoose from 'mongoose';\nmongoose.connect('mongodb://db:27017/shop');\n";
    assert.equal(fix(code, "'mongodb", false)?.title, 'Move to environment variable MONGODB_URI');
    const pg = "import { Pool } from 'pg';\nnew Pool({ connectionString: 'postgres://db/shop' });\n";
    assert.equal(fix(pg, "'postgres", false)?.title, 'Move to environment variable DATABASE_URL');
    assert.equal(fix("const url = 'mqtt://broker.internal';\n", "'mqtt", false)?.title, 'Move to environment variable MQTT_URL');
  });

  it('is not offered for one entry of several (cluster nodes): one name per entry would be a guess', () => {
    const code = "new Redis.Cluster([{ host: '10.0.0.1' }, { host: '10.0.0.2' }]);\n";
    assert.equal(fix(code, "'10.0.0.1'", false), undefined);
    assert.equal(fix("import Redis from 'ioredis';\nnew Redis.Cluster([{ host: '10.0.0.1' }]);\n", "'10.0.0.1'", false)?.title, 'Move to environment variable REDIS_HOST');
  });

  it('drops container words at the end of a name', () => {
    const socket = "import { createClient } from 'redis';\ncreateClient({ socket: { host: 'cache.internal' } });\n";
    assert.equal(fix(socket, "'cache", false)?.title, 'Move to environment variable REDIS_HOST');
    const code = "const dbConfig = { host: 'db.internal', database: 'shop' };\n";
    assert.equal(fix(code, "'db.internal'", false)?.title, 'Move to environment variable DB_HOST');
    const redis = "const redisOptions = { port: 6380 };\n";
    assert.equal(fix(redis, '6380', false)?.title, 'Move to environment variable REDIS_PORT');
  });

  it("prefers the rule's name over a bare generic one: a database's port is never PORT", () => {
    const code = "module.exports = { host: 'db.internal', port: 5432, database: 'shop' };\n";
    assert.equal(fix(code, '5432', false, project(), 'DB_PORT')?.title, 'Move to environment variable DB_PORT');
    assert.equal(fix('server.listen({ port: 3000 });\n', '3000', false, project(), 'PORT')?.title, 'Move to environment variable PORT');
    // A secret's own name stays: `{ password }` is PASSWORD, not the rule's APP_SECRET.
    assert.equal(fix("export default { password: 'x9!fQ2' };\n", "'x9", true, project(), 'APP_SECRET')?.title, 'Move to environment variable PASSWORD');
  });

  it('names an HTTP URL after the service it reaches, never a numbered API_BASE_URL (issue 11)', () => {
    const name = (url: string, envNames: string[] = []) => fix(`axios.create({ baseURL: '${url}' });\n`, `'${url}'`, false, project(envNames))?.title.replace('Move to environment variable ', '');
    assert.equal(name('https://api.sandbox.paypal.com'), 'PAYPAL_API_URL');
    assert.equal(name('https://api.paypal.com/v1'), 'PAYPAL_API_URL');
    assert.equal(name('https://hooks.slack.com/services/T0/B0/X'), 'SLACK_WEBHOOK_URL');
    assert.equal(name('http://orders.internal:8080'), 'ORDERS_URL');
    assert.equal(name('http://api.orders.internal'), 'ORDERS_API_URL');
    assert.equal(name('http://billing.prod.svc.cluster.local/api'), 'BILLING_API_URL');
    assert.equal(name('https://acme-staging.herokuapp.com'), 'ACME_URL');
    assert.equal(name('http://payments:9000'), 'PAYMENTS_URL');
    assert.equal(name('wss://stream.internal'), 'STREAM_WS_URL');
    assert.equal(name('https://shop.example.co.uk'), 'EXAMPLE_URL');
    // Nothing meaningful in an IP address: the generic name.
    assert.equal(name('http://10.0.0.5:8080'), 'API_BASE_URL');
    assert.equal(name('https://api.paypal.com', ['PAYPAL_API_URL']), 'PAYPAL_API_URL_2');
  });

  it('passes a taken database URL name over for its database or host before numbering it', () => {
    const name = (url: string, envNames: string[]) => fix(`connect('${url}');\n`, `'${url}'`, false, project(envNames))?.title.replace('Move to environment variable ', '');
    assert.equal(name('postgres://db.internal/analytics', ['DATABASE_URL']), 'ANALYTICS_DATABASE_URL');
    assert.equal(name('redis://cache.internal:6379', ['REDIS_URL']), 'CACHE_REDIS_URL');
    assert.equal(name('redis://10.0.0.5:6379', ['REDIS_URL']), 'REDIS_URL_2');
  });

  it('does not clash with a name the project already reads', () => {
    const result = fix("const dbPassword = 'hunter2hunter2';\n", "'hunter2", true, project(['DB_PASSWORD']));
    assert.equal(result?.title, 'Move to environment variable DB_PASSWORD_2');
  });

  it('parenthesizes the fallback where || would bind wrongly', () => {
    const result = fix("const url = 'https://api.example.com' + path;\n", "'https", false);
    assert.equal(result?.output, "const url = (process.env.EXAMPLE_API_URL || 'https://api.example.com') + path;\n");
  });

  it('adds NAME= to an existing .env.example, once', () => {
    const result = fix("const apiToken = 'abc';\n", "'abc'", true, project([], 'PORT=3000'));
    const edit = result?.fix.edits.find((e) => e.file === '/proj/.env.example');
    assert.deepEqual(edit, { file: '/proj/.env.example', start: 9, end: 9, newText: '\nAPI_TOKEN=\n' });
    assert.ok(!JSON.stringify(result?.fix.edits).includes("'abc'"), 'the secret is written nowhere but where it was');
    assert.equal(result?.fix.createFiles, undefined);
    const again = fix("const apiToken = 'abc';\n", "'abc'", true, project([], 'API_TOKEN=\n'));
    assert.equal(again?.fix.edits.filter((e) => e.file !== undefined).length, 0);
  });

  it('creates .env.example when it is missing, never writing the secret there', () => {
    const result = fix("const apiToken = 'abcdefgh';\n", "'abc", true);
    assert.deepEqual(result?.fix.createFiles, ['/proj/.env.example']);
    const edit = result?.fix.edits.find((e) => e.file === '/proj/.env.example');
    assert.equal(edit?.newText, 'API_TOKEN=\n');
  });

  it('names a value after the header or key passed just before it (review: .set(\'x-api-key\', …) was APP_SECRET)', () => {
    const result = fix("req.set('x-api-key', 'k3yV4lu3Zq8vL2pX');\n", "'k3y", true, project(), 'APP_SECRET');
    assert.match(result?.output ?? '', /^req\.set\('x-api-key', process\.env\.X_API_KEY \|\| missingEnv\('X_API_KEY'\)\);\n/);
    const sequelize = fix("new Sequelize('shop', 'admin', 'S3cure!Vault9');\n", "'S3cure", true, project(), 'APP_SECRET');
    assert.doesNotMatch(sequelize?.title ?? '', /variable (USER|ADMIN)\b/);
  });

  for (const [name, code, marker] of [
    ['a type position', "type Db = { url: 'postgres://db/x' };\n", "'postgres"],
    ['an enum member', "enum Urls { Db = 'postgres://db/x' }\n", "'postgres"],
    ['a decorator argument', "@Module({ url: 'postgres://db/x' })\nclass A {}\n", "'postgres"],
    ['a case label', "switch (x) { case 'postgres://db/x': break; }\n", "'postgres"],
    ['a const assertion', "const PORT = 3000 as const;\n", '3000'],
  ] as const) {
    it(`is not offered in ${name}`, () => {
      assert.equal(fix(code, marker, false), undefined);
    });
  }
});
