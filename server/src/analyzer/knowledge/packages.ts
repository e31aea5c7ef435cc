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
