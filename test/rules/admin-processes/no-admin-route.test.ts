import rule from '../../../server/src/analyzer/rules/admin-processes/no-admin-route';
import { runRuleTests } from '../../support/rule-tester';

const MESSAGE =
  'This route runs a counter reset (redis.set(\'visits\', 0)) inside the web process; run admin tasks as one-off processes of the release (`node scripts/…`, `kubectl run`, a release phase), not over HTTP (XII. Admin processes).';

runRuleTests(rule, {
  valid: [
    // Migrations and syncs at startup, not in a route, are another matter (and another factor's trade-off).
    `const knex = require('./db');\nknex.migrate.latest().then(() => app.listen(process.env.PORT));`,
    `sequelize.sync({ force: true }).then(() => { app.listen(PORT); });`,
    `async function start() { await dataSource.runMigrations(); server.listen(3000); }\nstart();`,
    // The visitor counter of the seed: incremented by a route, reset at startup — the reset is not in a route.
    `import Redis from 'ioredis';\nconst redis = new Redis(process.env.REDIS_URL);\nredis.set('visits', 0);\napp.get('/', async (req, res) => { res.json({ visits: await redis.incr('visits') }); });`,
    // Hard negatives: ordinary writes in routes.
    `import { createClient } from 'redis';\nconst redis = createClient();\napp.get('/visit', async (req, res) => { await redis.set('visits', Number(await redis.get('visits')) + 1); res.end(); });`,
    `import { createClient } from 'redis';\nconst redis = createClient();\napp.post('/logout', async (req, res) => { await redis.del(\`session:\${req.sessionID}\`); await redis.set(\`unread:\${req.user.id}\`, 0); res.end(); });`,
    // Cache invalidation after a write is the app's job, not an admin task.
    `import Redis from 'ioredis';\nconst redis = new Redis();\nrouter.post('/products', async (req, res) => { await Product.create(req.body); await redis.del('products'); res.status(201).end(); });`,
    // An in-memory cache's flushAll clears this process's own cache.
    `import NodeCache from 'node-cache';\nconst cache = new NodeCache();\napp.post('/cache/clear', (req, res) => { cache.flushAll(); res.end(); });`,
    // Indexing one document after an edit is the app's everyday job; a switch set to 0 is not a counter.
    `router.put('/posts/:id', async (req, res) => { const post = await Post.update(req.body); await search.reindex(post); res.json(post); });`,
    `import Redis from 'ioredis';\nconst redis = new Redis();\napp.post('/admin/maintenance/off', async (req, res) => { await redis.set('maintenance', 0); res.end(); });`,
    // sync() without force/alter creates missing tables only; force: false is explicit.
    `app.get('/', async (req, res) => { await Model.sync(); await sequelize.sync({ force: false }); res.end(); });`,
    // Writes in a route that is not named for seeding.
    `router.post('/products', asyncHandler(async (req, res) => { const created = await Product.insertMany(req.body.items); res.send(created); }));`,
    // Middleware that migrates lazily on the first request is start-up work, not a route.
    `app.use(async (req, res, next) => { await knex.migrate.latest(); next(); });`,
    // Test-only reset endpoints, and routes mounted only outside production.
    `router.post('/api/testing/reset', async (req, res) => { await sequelize.sync({ force: true }); res.status(204).end(); });`,
    `if (process.env.NODE_ENV !== 'production') {\n  app.get('/flushdb', (req, res) => { store.flushdb(); res.redirect('/admin'); });\n}`,
    `if (app.settings.env === 'development') app.get('/seed', async (req, res) => { await User.insertMany(users); res.end(); });`,
    // The same with a flag, the else arm of a production test, and a guard that returns in production.
    `const isDev = process.env.NODE_ENV === 'development';\nif (isDev) {\n  app.post('/dev/reset', async (req, res) => { await sequelize.sync({ force: true }); res.end(); });\n}`,
    `if (process.env.NODE_ENV === 'production') {\n  app.use(helmet());\n} else {\n  app.get('/flush', async (req, res) => { await redis.flushall(); res.end(); });\n}`,
    `export function devRoutes(router) {\n  if (process.env.NODE_ENV === 'production') return;\n  router.post('/migrate', async (req, res) => { await knex.migrate.latest(); res.end(); });\n}`,
    // A self-hosted product's installer creates its schema before anything else exists.
    `router.post('/api/setup', async (req, res) => { await sequelize.sync({ alter: true }); res.json({ ok: true }); });`,
    // Not a route at all: a CLI command, a class method, a Nest method outside a controller.
    `program.command('migrate').action(async () => { await knex.migrate.latest(); });`,
    `class Db { async reset() { await this.redis.flushall(); } }`,
    `class Jobs { @Get('x') async run() { await this.dataSource.runMigrations(); } }`,
    // A child process running something else.
    `import { execSync } from 'child_process';\napp.post('/build', (req, res) => { execSync('npm run build'); res.end(); });`,
    // `up()` on something that is not an Umzug instance (a knex migrator is read elsewhere; a slider is not one).
    `import { Umzug } from 'umzug';\nconst slider = createSlider();\napp.post('/slide', (req, res) => { slider.up(); res.end(); });`,
    // Scripts and tests are where admin tasks belong.
    { code: `app.get('/seed', async (req, res) => { await knex.seed.run(); res.end(); });`, filename: 'scripts/dev-server.ts' },
    { code: `app.get('/reset', async (req, res) => { await redis.flushall(); res.end(); });`, filename: 'test/helpers/server.ts' },
  ],
  invalid: [
    {
      name: 'stage tests that leave production in: production itself, staging, an || with anything',
      code: `if (process.env.NODE_ENV === 'production') {\n  app.post('/admin/migrate', async (req, res) => { await knex.migrate.latest(); res.end(); });\n}\nif (process.env.NODE_ENV === 'staging' || force) app.get('/flush', async (req, res) => { await redis.flushall(); res.end(); });\nfunction mount(router) {\n  if (!user) return;\n  router.post('/reset', async (req, res) => { await sequelize.sync({ force: true }); res.end(); });\n}`,
      errors: [
        { messageId: 'adminTask', line: 2, column: 58 },
        { messageId: 'adminTask', line: 4, column: 96 },
        { messageId: 'adminTask', line: 7, column: 53 },
      ],
    },
    {
      name: 'the seed: a route that resets the Redis visitor counter',
      code: `import Redis from 'ioredis';\nconst redis = new Redis(process.env.REDIS_URL);\napp.get('/reset', async (c) => {\n  await redis.set('visits', 0);\n  return c.text('reset');\n});`,
      errors: [{ messageId: 'adminTask', line: 4, column: 9, endColumn: 31, message: MESSAGE }],
    },
    {
      name: 'counter reset by deleting the key, in a route named for resetting',
      code: `const redis = require('redis').createClient();\nrouter.post('/stats/reset', (req, res) => { redis.del('visits'); res.end(); });`,
      filename: 'src/routes.js',
      errors: [{ messageId: 'adminTask', line: 2, column: 45 }],
    },
    {
      name: 'knex migrations and seeds behind routes',
      code: `router.post('/admin/migrate', async (req, res) => {\n  await knex.migrate.latest();\n  await knex.seed.run();\n  res.json({ ok: true });\n});`,
      errors: [
        { messageId: 'adminTask', line: 2, column: 9, endColumn: 30 },
        { messageId: 'adminTask', line: 3, column: 9, endColumn: 24 },
      ],
    },
    {
      name: 'sequelize sync with force or alter, in a controller function',
      code: `exports.resetDb = async (req, res) => {\n  await db.sequelize.sync({ force: true });\n  res.send('Database reset');\n};\nexports.alter = async (req, res) => { await User.sync({ alter: true }); res.end(); };`,
      filename: 'src/controllers/db.controller.js',
      errors: [
        { messageId: 'adminTask', line: 2, column: 9 },
        { messageId: 'adminTask', line: 5, column: 45 },
      ],
    },
    {
      name: 'cache flushes (ioredis, node-redis v4)',
      code: `import { createClient } from 'redis';\nconst client = createClient();\napp.get('/flush', (req, res) => { client.flushAll(); res.send('flushed'); });\napp.delete('/cache', async (req, res) => { await global.redisClient.flushdb(); res.end(); });`,
      errors: [
        { messageId: 'adminTask', line: 3, column: 35 },
        { messageId: 'adminTask', line: 4, column: 50 },
      ],
    },
    {
      name: 'the classic tutorial seed route (Mongoose insertMany through express-async-handler)',
      code: `const userRouter = express.Router();\nuserRouter.get('/seed', expressAsyncHandler(async (req, res) => {\n  await User.deleteMany({});\n  const createdUsers = await User.insertMany(data.users);\n  res.send({ createdUsers });\n}));`,
      filename: 'backend/routers/userRouter.js',
      errors: [{ messageId: 'adminTask', line: 3, column: 9, endColumn: 28 }],
    },
    {
      name: 'a router named for seeding, mounted at /api/seed (basir/mern-amazona)',
      code: `const seedRouter = express.Router();\nseedRouter.get('/', async (req, res) => {\n  await Product.remove({});\n  const createdProducts = await Product.insertMany(data.products);\n  res.send({ createdProducts });\n});`,
      filename: 'backend/routes/seedRoutes.js',
      errors: [{ messageId: 'adminTask', line: 3, column: 9, endColumn: 27 }],
    },
    {
      name: 'a whole reindex through the Elasticsearch API, in a Next.js route handler',
      code: `export async function POST() {\n  await es.reindex({ source: { index: 'products-v1' }, dest: { index: 'products-v2' } });\n  return Response.json({ ok: true });\n}`,
      filename: 'app/api/search/rebuild/route.ts',
      errors: [{ messageId: 'adminTask', line: 2, column: 9 }],
    },
    {
      name: 'a seed controller named for seeding',
      code: `export const seedProducts = async (req, res) => { await Product.insertMany(products); res.json({ ok: true }); };`,
      filename: 'src/controllers/product.ts',
      errors: [{ messageId: 'adminTask', line: 1, column: 57 }],
    },
    {
      name: 'Nest controller running TypeORM migrations; Fastify and Hapi route objects',
      code: `import { Umzug } from 'umzug';\n@Controller('admin')\nexport class AdminController {\n  @Post('migrate')\n  async migrate() { await this.dataSource.runMigrations(); }\n}\nfastify.route({ method: 'POST', url: '/reindex', handler: async () => { await search.reindex(); } });\nserver.route({ method: 'POST', path: '/umzug', handler: async (request, h) => { await new Umzug(opts).up(); return h.response(); } });`,
      errors: [
        { messageId: 'adminTask', line: 5, column: 27 },
        { messageId: 'adminTask', line: 7, column: 79 },
        { messageId: 'adminTask', line: 8, column: 87 },
      ],
    },
    {
      name: 'Prisma migrations through a child process, in a Next.js route handler',
      code: `import { execSync } from 'node:child_process';\nexport async function POST() {\n  execSync('npx prisma migrate deploy');\n  return Response.json({ ok: true });\n}`,
      filename: 'app/api/migrate/route.ts',
      errors: [{ messageId: 'adminTask', line: 3, column: 3, endColumn: 40 }],
    },
    {
      name: 'drizzle migrator and umzug in Koa routes',
      code: `import { migrate } from 'drizzle-orm/node-postgres/migrator';\nimport { Umzug } from 'umzug';\nconst umzug = new Umzug({ migrations: { glob: 'migrations/*.js' } });\nrouter.post('/migrate', async (ctx) => { await migrate(db, { migrationsFolder: './drizzle' }); await umzug.up(); ctx.body = 'ok'; });`,
      errors: [
        { messageId: 'adminTask', line: 4, column: 48 },
        { messageId: 'adminTask', line: 4, column: 102 },
      ],
    },
    {
      name: 'an Umzug instance by any name (export const migrator = new Umzug(…))',
      code: `import { Umzug, SequelizeStorage } from 'umzug';\nexport const migrator = new Umzug({ migrations: { glob: 'migrations/*.js' }, storage: new SequelizeStorage({ sequelize }) });\napp.post('/db/down', async (req, res) => { await migrator.down(); res.end(); });`,
      errors: [{ messageId: 'adminTask', line: 3, column: 50 }],
    },
  ],
});
