// Factor XII, admin processes: "one-off admin processes should be run in an identical environment as the regular
// long-running processes of the app" — as processes of their own, not as an HTTP route of the web process.
// Docs: docs/rules/admin-processes/no-admin-route.md
import ts from 'typescript';
import { dottedName, normalizeModule, propertyNameText, skipOuterExpressions, textGate } from '../../ast';
import { processCallOf, promisifiedBindings } from '../../child-process';
import { enclosingRouteHandler, type RouteHandler } from '../../http';
import { defineRule, type RuleContext } from '../../rule';
import { collectStageFlags, runsOnlyOutsideProduction, type StageFlags } from '../../stage';

type MessageId = 'adminTask';
type Task = 'migration' | 'schema sync' | 'seed' | 'cache flush' | 'counter reset' | 'reindex';

// Every report needs one of these words in the file; most files have none of them.
const mayRunAdminTask = textGate(
  ['flushall', 'flushdb', 'flushAll', 'flushDb', 'migrat', 'Migrat', 'umzug', 'Umzug', 'seed', 'Seed', 'reindex', 'reIndex', 'redis', 'Redis', 'REDIS'],
  ['force', 'alter', 'prisma'],
);

export default defineRule<MessageId>({
  id: 'admin-processes/no-admin-route',
  factor: 'admin-processes',
  severity: 'warning',
  description:
    'Reports HTTP routes whose handler runs an admin task in the web process: migrations, schema syncs, seeds, cache flushes, counter resets, reindexing.',
  messages: {
    adminTask:
      'This route runs a {{task}} ({{call}}) inside the web process; run admin tasks as one-off processes of the release (`node scripts/…`, `kubectl run`, a release phase), not over HTTP (XII. Admin processes).',
  },
  // Test setup resets databases through routes on purpose; scripts are the one-off processes this rule asks for.
  skipIn: ['test', 'script'],
  create(ctx) {
    if (!mayRunAdminTask(ctx.text)) return { visit: {} };
    const finder = new TaskFinder(ctx);
    const seedHandlers = new Set<ts.SignatureDeclaration>();
    let flags: StageFlags | undefined;
    const adminRoute = (node: ts.Node): RouteHandler | undefined => adminRouteOf(node, (flags ??= collectStageFlags(ctx.sourceFile)));
    return {
      visit: {
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const found = finder.taskOf(call);
          if (!found) return;
          const handler = adminRoute(call);
          if (!handler) return;
          if (found.task === 'seed-write') {
            // A write counts as a seed only in a route or handler named for seeding, once per handler.
            if (!isSeedRoute(handler, ctx.relativePath) || seedHandlers.has(handler.fn)) return;
            seedHandlers.add(handler.fn);
            ctx.report(call, 'adminTask', { task: 'seed', call: found.label });
            return;
          }
          if (found.task === 'counter reset' && found.del && !isResetRoute(handler)) return;
          ctx.report(call, 'adminTask', { task: found.task, call: found.label });
        },
        TaggedTemplateExpression(node) {
          const found = finder.processTask(node as ts.TaggedTemplateExpression);
          if (found && adminRoute(node)) ctx.report(node, 'adminTask', { task: found.task, call: found.label });
        },
      },
    };
  },
});

interface FoundTask {
  task: Task | 'seed-write';
  label: string;
  /** A counter reset by deleting its key: only reported in a route named for resetting. */
  del?: boolean;
}

const KNEX_MIGRATE = new Set(['latest', 'up', 'down', 'rollback']);
const TYPEORM_MIGRATIONS = new Set(['runMigrations', 'undoLastMigration']);
const REDIS_MODULES = new Set(['redis', 'ioredis', '@redis/client', '@upstash/redis', 'redis-om']);
/** In-memory cache libraries also have `flushAll()`: clearing the process's own cache is not an admin task. */
const MEMORY_CACHE_MODULES = new Set(['node-cache', 'lru-cache', 'memory-cache', 'cache-manager', 'keyv', 'quick-lru']);
const SEED_WRITES = new Set(['insertMany', 'bulkCreate', 'createMany', 'bulkWrite', 'bulkInsert', 'insert', 'create', 'deleteMany', 'truncate', 'destroy', 'remove', 'save']);
/** Every method `taskOf` reads as an admin task (besides reindex*): the others go straight to the child-process test. */
const TASK_METHODS = new Set([
  ...KNEX_MIGRATE,
  ...TYPEORM_MIGRATIONS,
  ...SEED_WRITES,
  'run',
  'up',
  'down',
  'sync',
  'flushall',
  'flushdb',
  'flushAll',
  'flushDb',
  'set',
  'del',
]);
/** Commands that run migrations or seeds when a route shells out to them. */
const ADMIN_COMMAND = /\b(migrate|migration:run|migration:revert|db:migrate|db:seed|db:push|db push|seed:run|seed)\b/;
const ADMIN_PROGRAMS = new Set(['prisma', 'knex', 'sequelize', 'sequelize-cli', 'typeorm', 'drizzle-kit', 'npx', 'npm', 'yarn', 'pnpm', 'bunx', 'node-pg-migrate', 'db-migrate', 'migrate-mongo']);

class TaskFinder {
  private promisified: ReturnType<typeof promisifiedBindings> | undefined;
  private readonly usesRedis: boolean;
  private readonly usesMemoryCache: boolean;
  private readonly umzugNames = new Set<string>();
  private readonly umzugInstances = new Set<string>();

  constructor(private readonly ctx: RuleContext<MessageId>) {
    const modules = [...ctx.imports.values()].map((binding) => normalizeModule(binding.module));
    this.usesRedis = modules.some((module) => REDIS_MODULES.has(module));
    this.usesMemoryCache = modules.some((module) => MEMORY_CACHE_MODULES.has(module));
    for (const [name, binding] of ctx.imports) if (binding.module === 'umzug' && binding.imported === 'Umzug') this.umzugNames.add(name);
    if (this.umzugNames.size > 0) this.collectUmzugInstances(ctx.sourceFile);
  }

  /** Top-level `const migrator = new Umzug(…)` (exported or not): the instance is an Umzug whatever its name. */
  private collectUmzugInstances(sourceFile: ts.SourceFile): void {
    for (const statement of sourceFile.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const decl of statement.declarationList.declarations) {
        const init = decl.initializer && skipOuterExpressions(decl.initializer);
        if (ts.isIdentifier(decl.name) && init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && this.umzugNames.has(init.expression.text)) {
          this.umzugInstances.add(decl.name.text);
        }
      }
    }
  }

  taskOf(call: ts.CallExpression): FoundTask | undefined {
    const callee = skipOuterExpressions(call.expression);
    if (ts.isIdentifier(callee)) return this.drizzleMigrate(call, callee) ?? this.processTask(call);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    // Only these methods are admin tasks by themselves: any other call is at most a child process (most calls,
    // and building the receiver's name and the label for each of them cost more than the rest of this rule).
    if (!TASK_METHODS.has(method) && !/^re-?index/i.test(method)) return this.processTask(call);
    const receiver = skipOuterExpressions(callee.expression);
    const receiverName = dottedName(receiver) ?? (ts.isNewExpression(receiver) ? `new ${dottedName(receiver.expression) ?? '…'}(…)` : '');
    const label = `${shortName(receiverName)}.${method}()`;
    const last = receiverName.split('.').pop() ?? '';
    // knex.migrate.latest(), db.migrate.rollback(); knex.seed.run()
    if (last === 'migrate' && KNEX_MIGRATE.has(method)) return { task: 'migration', label };
    if (last === 'seed' && method === 'run') return { task: 'seed', label };
    if (TYPEORM_MIGRATIONS.has(method)) return { task: 'migration', label };
    // orm.getMigrator().up() (MikroORM), umzug.up() / migrator.down()
    if ((method === 'up' || method === 'down') && (isGetMigratorCall(receiver) || this.isUmzug(receiver))) return { task: 'migration', label };
    if (method === 'sync' && forcesSchema(call.arguments[0])) return { task: 'schema sync', label: `${shortName(receiverName)}.sync(${optionText(call.arguments[0])})` };
    if (method === 'flushall' || method === 'flushdb') return { task: 'cache flush', label };
    if ((method === 'flushAll' || method === 'flushDb') && !this.usesMemoryCache && (this.usesRedis || /redis/i.test(receiverName))) {
      return { task: 'cache flush', label };
    }
    if (/^re-?index$/i.test(method) ? isWholeReindex(call) : /^re-?index(all|everything)$/i.test(method)) return { task: 'reindex', label };
    if ((method === 'set' || method === 'del') && this.isRedisReceiver(receiverName)) return counterReset(call, method, receiverName);
    if (SEED_WRITES.has(method) && call.arguments.length <= 2) return { task: 'seed-write', label };
    return this.processTask(call);
  }

  /** A child process running a migration or seed command: `execSync('npx prisma migrate deploy')`. */
  processTask(node: ts.CallExpression | ts.TaggedTemplateExpression): FoundTask | undefined {
    this.promisified ??= promisifiedBindings(this.ctx.sourceFile, this.ctx.imports);
    const call = processCallOf(node, this.ctx.imports, this.promisified);
    if (!call) return undefined;
    for (const program of call.programs) {
      if (!ADMIN_PROGRAMS.has(program.name)) continue;
      const line = [program.name, ...program.args].join(' ');
      const match = ADMIN_COMMAND.exec(program.args.join(' '));
      if (!match) continue;
      const task: Task = /seed/.test(match[1]) ? 'seed' : 'migration';
      return { task, label: line.length > 60 ? `${line.slice(0, 57)}…` : line };
    }
    return undefined;
  }

  /** `migrate(db, { migrationsFolder })` imported from a drizzle-orm migrator. */
  private drizzleMigrate(call: ts.CallExpression, callee: ts.Identifier): FoundTask | undefined {
    const binding = this.ctx.imports.get(callee.text);
    if (!binding || binding.imported !== 'migrate' || !/^drizzle-orm\/.+\/migrator$/.test(binding.module)) return undefined;
    return call.arguments.length > 0 ? { task: 'migration', label: 'migrate()' } : undefined;
  }

  private isUmzug(receiver: ts.Expression): boolean {
    if (ts.isNewExpression(receiver)) return ts.isIdentifier(receiver.expression) && this.umzugNames.has(receiver.expression.text);
    if (ts.isIdentifier(receiver) && this.umzugInstances.has(receiver.text)) return true;
    const name = dottedName(receiver);
    return name !== undefined && /(^|\.)umzug$/i.test(name) && this.umzugNames.size > 0;
  }

  private isRedisReceiver(name: string): boolean {
    return /redis/i.test(name) || (this.usesRedis && /(^|\.)(client|cache|store)$/i.test(name));
  }
}

const COUNTER_KEY = /(visit|view|hit|count|counter|click|total|tally|download|pageview)s?\b|(visit|view|hit|count|click|download)s?[A-Z_:-]/i;

/** `redis.set('visits', 0)` or `redis.del('visits')`: a fixed key, set back to zero or removed. */
function counterReset(call: ts.CallExpression, method: string, receiverName: string): FoundTask | undefined {
  const [key, value] = call.arguments;
  if (!key || !ts.isStringLiteralLike(key)) return undefined;
  const label = `${shortName(receiverName)}.${method}('${key.text}'${method === 'set' ? ', 0' : ''})`;
  if (method === 'del') return call.arguments.length === 1 && COUNTER_KEY.test(key.text) ? { task: 'counter reset', label, del: true } : undefined;
  // Only a key that names a counter: `set('maintenance', 0)` is a switch, and doubtful.
  if (!COUNTER_KEY.test(key.text) || !value || call.arguments.length !== 2) return undefined;
  const zero = ts.isNumericLiteral(value) ? value.text === '0' : ts.isStringLiteralLike(value) && value.text === '0';
  return zero ? { task: 'counter reset', label } : undefined;
}

/**
 * `search.reindex()` or Elasticsearch's `client.reindex({ source, dest })` rebuild a whole index;
 * `search.reindex(post)` after an edit is the app indexing one document, its everyday job.
 */
function isWholeReindex(call: ts.CallExpression): boolean {
  const [first] = call.arguments;
  if (first === undefined) return true;
  const object = skipOuterExpressions(first);
  return (
    call.arguments.length === 1 &&
    ts.isObjectLiteralExpression(object) &&
    object.properties.some((property) => ['source', 'dest', 'body'].includes(propertyNameText(property.name) ?? ''))
  );
}

/** `{ force: true }`, `{ alter: true }`, `{ alter: { drop: false } }`: anything but a literal false. */
function forcesSchema(options: ts.Expression | undefined): boolean {
  if (!options) return false;
  const object = skipOuterExpressions(options);
  if (!ts.isObjectLiteralExpression(object)) return false;
  return object.properties.some((property) => {
    if (!ts.isPropertyAssignment(property)) return false;
    const name = propertyNameText(property.name);
    return (name === 'force' || name === 'alter') && property.initializer.kind !== ts.SyntaxKind.FalseKeyword;
  });
}

function optionText(options: ts.Expression | undefined): string {
  const object = options && skipOuterExpressions(options);
  if (!object || !ts.isObjectLiteralExpression(object)) return '';
  for (const property of object.properties) {
    const name = ts.isPropertyAssignment(property) ? propertyNameText(property.name) : undefined;
    if (name === 'force' || name === 'alter') return `{ ${name} }`;
  }
  return '';
}

function isGetMigratorCall(receiver: ts.Expression): boolean {
  if (!ts.isCallExpression(receiver)) return false;
  const callee = skipOuterExpressions(receiver.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'getMigrator';
}

function shortName(name: string): string {
  if (name === '') return '…';
  const parts = name.split('.');
  return parts.length > 3 ? `…${parts.slice(-2).join('.')}` : name;
}

const TEST_ROUTE = /(^|[/_-])(test|tests|testing|e2e|cypress|playwright)([/_-]|$)/i;
const INSTALL_ROUTE = /(^|[/_-])(install|installer|setup|onboarding)([/_-]|$)/i;

/**
 * The route handler `node` runs in, when it is a route an admin task should not be: not middleware (`app.use`
 * runs on every request: a lazy start-up, not a route someone calls), not a test-only reset endpoint, not the
 * installer of a self-hosted product, and not registered only outside production.
 */
function adminRouteOf(node: ts.Node, flags: StageFlags): RouteHandler | undefined {
  const handler = enclosingRouteHandler(node);
  if (!handler || handler.method === 'use') return undefined;
  const path = handler.path ?? '';
  if (TEST_ROUTE.test(path) || INSTALL_ROUTE.test(path)) return undefined;
  if (handler.name && (/^(test|e2e)/i.test(handler.name) || /install|setup/i.test(handler.name))) return undefined;
  if (runsOnlyOutsideProduction(handler.fn, flags)) return undefined;
  return handler;
}

/** `router.get('/seed', …)`, `seedRouter.get('/', …)`, `exports.seedProducts = (req, res) => …`, a `seedRoutes.js` file. */
function isSeedRoute(handler: RouteHandler, relativePath: string): boolean {
  const named = (name: string | undefined): boolean => name !== undefined && (/^seed/i.test(name) || /Seed/.test(name));
  const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  return /(^|[/_-])seed(s|ers?|ing)?([/_-]|$)/i.test(handler.path ?? '') || named(handler.name) || named(handler.router) || /^seed/i.test(base);
}

function isResetRoute(handler: RouteHandler): boolean {
  return /(^|[/_-])(reset|clear|flush)/i.test(handler.path ?? '') || /^(reset|clear|flush)/i.test(handler.name ?? '');
}

