// npm packages the rules recognise, by what they are: server frameworks, front-end frameworks, bundlers, and the
// client modules of each kind of backing service. Data only; rules and the package-kind helpers read it.

/** Frameworks that start an HTTP server for the app, with the factory that creates it. */
export const SERVER_FRAMEWORKS: Readonly<Record<string, { factory: string }>> = {
  express: { factory: 'express()' },
  fastify: { factory: 'fastify()' },
  koa: { factory: 'new Koa()' },
  '@hapi/hapi': { factory: 'Hapi.server()' },
  hapi: { factory: 'Hapi.server()' },
  restify: { factory: 'restify.createServer()' },
  polka: { factory: 'polka()' },
  connect: { factory: 'connect()' },
  '@nestjs/core': { factory: 'NestFactory.create()' },
  '@nestjs/platform-express': { factory: 'NestFactory.create()' },
  'apollo-server': { factory: 'new ApolloServer()' },
  'apollo-server-express': { factory: 'new ApolloServer()' },
  '@apollo/server': { factory: 'new ApolloServer()' },
  hono: { factory: 'new Hono()' },
  '@hono/node-server': { factory: 'serve()' },
  '@adonisjs/core': { factory: 'new Ignitor()' },
  '@feathersjs/feathers': { factory: 'feathers()' },
  '@loopback/core': { factory: 'new Application()' },
  sails: { factory: 'sails.lift()' },
  micro: { factory: 'micro()' },
  h3: { factory: 'createApp()' },
};

/**
 * Named functions that build and return a server (or an app with `.listen()`) when called, by module: the
 * frameworks' factories beside a default-exported `express()`. routing-controllers' `createExpressServer(options)`
 * returns an Express app; `useExpressServer(app, options)` returns the app it was given.
 */
export const SERVER_FACTORY_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  'routing-controllers': ['createExpressServer', 'createKoaServer', 'useExpressServer', 'useKoaServer'],
  restify: ['createServer'],
  http: ['createServer'],
  https: ['createServer'],
  http2: ['createServer', 'createSecureServer'],
  net: ['createServer'],
  tls: ['createServer'],
  '@hono/node-server': ['createAdaptorServer'],
};

/** Packages that make a package a front end (code that runs in the browser or a device, shipped built). */
export const FRONT_END_FRAMEWORKS: ReadonlySet<string> = new Set([
  'react-dom',
  'react-native',
  'vue',
  'svelte',
  '@angular/core',
  'preact',
  'solid-js',
  'lit',
  'next',
  'nuxt',
  '@sveltejs/kit',
  'astro',
  'gatsby',
  'expo',
  '@remix-run/react',
  'react-scripts',
  '@vue/cli-service',
  'ember-source',
  '@ionic/core',
]);

/**
 * Tools that bundle a package's code with its dependencies (or compile it into one artifact), so what a dev
 * dependency provides is inside the build and needs no install at run time.
 */
export const BUNDLERS: ReadonlySet<string> = new Set([
  'webpack',
  'esbuild',
  'rollup',
  'vite',
  'parcel',
  'tsup',
  'tsdown',
  'rolldown',
  '@vercel/ncc',
  '@rspack/core',
  '@rspack/cli',
  'microbundle',
  'unbuild',
  'pkgroll',
  'bunchee',
  'pkg',
  '@yao-pkg/pkg',
  'next',
  'nuxt',
  '@sveltejs/kit',
  'astro',
  'gatsby',
  'react-scripts',
  '@angular-devkit/build-angular',
  '@angular/build',
  '@vue/cli-service',
  'ember-cli',
  'electron-vite',
  '@electron-forge/plugin-webpack',
  '@electron-forge/plugin-vite',
  'serverless-esbuild',
  'serverless-webpack',
  'serverless-bundle',
  '@nx/webpack',
  '@nx/esbuild',
  '@nx/vite',
  '@nx/rollup',
  'vite-plugin-node',
  'wrangler',
  '@remix-run/dev',
  'expo',
]);

export type ServiceKind = 'database' | 'cache' | 'queue' | 'email' | 'storage' | 'search' | 'directory' | 'metrics';

/** Client modules of backing services (IV), by kind of service. */
export const SERVICE_CLIENTS: Readonly<Record<ServiceKind, readonly string[]>> = {
  database: [
    'pg', 'pg-pool', 'pg-promise', 'postgres', '@neondatabase/serverless', 'mysql', 'mysql2', 'mariadb', 'mssql',
    'tedious', 'oracledb', 'mongodb', 'mongoose', 'sequelize', 'sequelize-typescript', 'typeorm', 'knex',
    '@prisma/client', 'drizzle-orm', '@mikro-orm/core', 'objection', 'cassandra-driver', 'neo4j-driver', 'couchbase',
    'nano', 'rethinkdb', '@google-cloud/firestore', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', 'dynamoose',
  ],
  cache: ['redis', 'ioredis', '@redis/client', 'memcached', 'memjs', '@upstash/redis'],
  queue: [
    'amqplib', 'amqp-connection-manager', 'kafkajs', 'node-rdkafka', 'bull', 'bullmq', 'bee-queue', 'nats', 'mqtt',
    '@aws-sdk/client-sqs', '@aws-sdk/client-sns', '@google-cloud/pubsub', '@azure/service-bus', 'rhea', 'stompit',
  ],
  email: ['nodemailer', '@sendgrid/mail', 'mailgun.js', 'mailgun-js', 'postmark', '@aws-sdk/client-ses', 'resend'],
  storage: ['@aws-sdk/client-s3', 'minio', '@google-cloud/storage', '@azure/storage-blob', 'cloudinary'],
  search: ['@elastic/elasticsearch', 'elasticsearch', '@opensearch-project/opensearch', 'meilisearch', 'algoliasearch', 'typesense'],
  directory: ['ldapjs', 'consul'],
  metrics: ['hot-shots', 'node-statsd', 'statsd-client'],
};

const SERVICE_BY_MODULE = new Map<string, ServiceKind>();
for (const [kind, modules] of Object.entries(SERVICE_CLIENTS) as Array<[ServiceKind, readonly string[]]>) {
  for (const module of modules) SERVICE_BY_MODULE.set(module, kind);
}

/** The kind of backing service a client module talks to (`ioredis` → cache), or undefined. */
export function serviceKindOf(packageName: string): ServiceKind | undefined {
  return SERVICE_BY_MODULE.get(packageName);
}

/** True when any declared package is one of `table`'s. */
export function declaresAny(names: Iterable<string>, table: ReadonlySet<string> | Readonly<Record<string, unknown>>): boolean {
  const has = table instanceof Set ? (name: string) => table.has(name) : (name: string) => Object.prototype.hasOwnProperty.call(table, name);
  for (const name of names) if (has(name)) return true;
  return false;
}

/** Script names that run a developer's one-off tasks: `seed`, `db:seed`, `mock`, `fixtures`, `demo`. */
const SEED_SCRIPT = /^(seed|mocks?|fixtures?|demo)([:_-].*)?$|[:_-](seed|seeds|mocks?|fixtures?)$/i;
/** `dev`, `start:dev`: these usually run the application itself in watch mode. */
const DEV_SCRIPT = /^(dev|develop|development)([:_-].*)?$|[:_-](dev|local)$/i;

/**
 * True when `relativePath` (below the package's folder) is named by one of the package's scripts, and every
 * script naming it is a developer's: a seeder (`"seed": "ts-node src/db/seed.ts"`), or a dev script starting a
 * file that says it is one (`"dev": "nodemon dev-server.ts"`). `"dev": "nodemon src/index.ts"` runs the app
 * itself, so a file a plain dev script starts counts only when its own name starts with `dev`.
 */
export function startedOnlyByDevScripts(scripts: ReadonlyMap<string, { value: string }>, relativePath: string): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  const stem = entryStem(path);
  if (stem.length === 0) return false;
  const devNamed = /^dev([-_.A-Z]|$)/.test(path.split('/').pop() ?? '');
  let named = false;
  for (const [name, script] of scripts) {
    const names = script.value.split(/[\s;&|'"=]+/).some((word) => word.length > 0 && entryStem(word) === stem);
    if (!names) continue;
    if (!SEED_SCRIPT.test(name) && !(devNamed && DEV_SCRIPT.test(name))) return false;
    named = true;
  }
  return named;
}

/**
 * Script names of the build and its tooling: `build`, `prebuild`, `copy-assets`, `codegen`, `generate:api`,
 * `release`, `prepare`, `docs`. What they run builds, copies or checks the package; it never serves.
 */
const TOOL_SCRIPT =
  /^(pre|post)?(build|compile|bundle|codegen|gen|generate|copy|([\w-]+[-:_])?assets|release|prepare|prepack|prepublish|prepublishonly|docs?|lint|format|typecheck|type-check|clean|bench|benchmark)([:_-][\w:-]*)?$/i;

/**
 * True when one of the package's build tooling scripts (TOOL_SCRIPT) runs `relativePath` (below the package's
 * folder) as a program (`"copy-assets": "ts-node ./build.ts"`, `"build": "node -r ts-node/register build.ts"`:
 * vendure), and no other script names it at all. A file a build script only hands to a compiler or bundler
 * (`esbuild src/index.ts`) is the app itself, not tooling; `runners` finds the programs a script runs
 * (SCRIPT_RUNNERS of knowledge/roles.ts, passed in to keep this module free of imports).
 */
export function startedOnlyByToolScripts(scripts: ReadonlyMap<string, { value: string }>, relativePath: string, runners: RegExp): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  const stem = entryStem(path);
  if (stem.length === 0) return false;
  let run = false;
  for (const [name, script] of scripts) {
    const names = script.value.split(/[\s;&|'"=]+/).some((word) => word.length > 0 && entryStem(word) === stem);
    if (!names) continue;
    if (!TOOL_SCRIPT.test(name)) return false;
    for (const match of script.value.matchAll(runners)) if (entryStem(match[1]) === stem) run = true;
  }
  return run;
}

/** `./src/seed.ts`, `dist/seed.js`, `src/seed` → `seed`: a source file and its build output name the same entry. */
function entryStem(path: string): string {
  return path.replace(/^\.\//, '').replace(/^(src|dist|build|lib|out)\//, '').replace(/\.[cm]?[jt]sx?$/, '');
}

/** The product a driver module talks to, for the drivers of one product (ORMs and generic clients are not here). */
export const SERVICE_PRODUCTS: Readonly<Record<string, string>> = {
  pg: 'PostgreSQL', 'pg-pool': 'PostgreSQL', 'pg-promise': 'PostgreSQL', postgres: 'PostgreSQL',
  '@neondatabase/serverless': 'PostgreSQL', mysql: 'MySQL', mysql2: 'MySQL', mariadb: 'MySQL', mssql: 'SQL Server',
  tedious: 'SQL Server', oracledb: 'Oracle', mongodb: 'MongoDB', mongoose: 'MongoDB', 'cassandra-driver': 'Cassandra',
  'neo4j-driver': 'Neo4j', redis: 'Redis', ioredis: 'Redis', '@redis/client': 'Redis', '@upstash/redis': 'Redis',
  memcached: 'Memcached', memjs: 'Memcached', amqplib: 'RabbitMQ', 'amqp-connection-manager': 'RabbitMQ',
  kafkajs: 'Kafka', 'node-rdkafka': 'Kafka', bull: 'Redis', bullmq: 'Redis', 'bee-queue': 'Redis', nats: 'NATS',
  '@aws-sdk/client-sqs': 'SQS', '@google-cloud/pubsub': 'Pub/Sub', '@azure/service-bus': 'Service Bus',
  '@sendgrid/mail': 'SendGrid', 'mailgun.js': 'Mailgun', 'mailgun-js': 'Mailgun', postmark: 'Postmark',
  '@aws-sdk/client-ses': 'SES', resend: 'Resend', 'connect-redis': 'Redis', 'connect-mongo': 'MongoDB',
  'connect-pg-simple': 'PostgreSQL', 'connect-mongodb-session': 'MongoDB',
};

/**
 * Modules that stand in for a backing service inside the process or on the local disk: what development and tests
 * use in place of the real one (X. Dev/prod parity).
 */
export const LOCAL_STAND_INS: Readonly<Record<string, { kind: ServiceKind; product: string }>> = {
  sqlite3: { kind: 'database', product: 'SQLite' },
  'better-sqlite3': { kind: 'database', product: 'SQLite' },
  sqlite: { kind: 'database', product: 'SQLite' },
  'sql.js': { kind: 'database', product: 'SQLite' },
  'node:sqlite': { kind: 'database', product: 'SQLite' },
  'mongodb-memory-server': { kind: 'database', product: 'an in-memory MongoDB' },
  'pg-mem': { kind: 'database', product: 'an in-memory PostgreSQL emulation' },
  nedb: { kind: 'database', product: 'NeDB files' },
  '@seald-io/nedb': { kind: 'database', product: 'NeDB files' },
  lowdb: { kind: 'database', product: 'a JSON file' },
  'ioredis-mock': { kind: 'cache', product: 'a Redis mock' },
  'redis-mock': { kind: 'cache', product: 'a Redis mock' },
  'node-cache': { kind: 'cache', product: 'an in-process cache' },
  'lru-cache': { kind: 'cache', product: 'an in-process cache' },
  'memory-cache': { kind: 'cache', product: 'an in-process cache' },
};

/** Database names as ORMs and query builders spell them (`client`, `dialect`, `type`) and URL schemes do. */
export const DATABASE_DIALECTS: Readonly<Record<string, string>> = {
  pg: 'PostgreSQL', postgres: 'PostgreSQL', postgresql: 'PostgreSQL', 'pg-native': 'PostgreSQL', cockroachdb: 'CockroachDB',
  mysql: 'MySQL', mysql2: 'MySQL', mariadb: 'MySQL', mssql: 'SQL Server', oracle: 'Oracle', oracledb: 'Oracle',
  mongodb: 'MongoDB', 'mongodb+srv': 'MongoDB',
  sqlite: 'SQLite', sqlite3: 'SQLite', 'better-sqlite3': 'SQLite', sqljs: 'SQLite', 'sql.js': 'SQLite',
};
