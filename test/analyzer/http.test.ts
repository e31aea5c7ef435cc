// The shared route recogniser: what each framework's route looks like, and what only looks like one.
import assert from 'node:assert/strict';
import ts from 'typescript';
import { enclosingRouteHandler, type RouteHandler } from '../../server/src/analyzer/http';

/** The route handler around the `MARK` call of `code`, as the rules see it. */
function handlerAt(code: string): Omit<RouteHandler, 'fn'> | undefined {
  const sourceFile = ts.createSourceFile('src/app.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let mark: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'MARK') mark = node;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  assert.ok(mark, 'the case has a MARK() call');
  const handler = enclosingRouteHandler(mark);
  if (!handler) return undefined;
  const { fn: _fn, ...rest } = handler;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Omit<RouteHandler, 'fn'>;
}

describe('http: route handlers', () => {
  const routes: Array<[string, string, Omit<RouteHandler, 'fn'>]> = [
    ['Express', "app.post('/seed', (req, res) => { MARK(); });", { source: 'route-call', method: 'post', path: '/seed', router: 'app' }],
    ['a router, through a wrapper and a middleware', "router.get('/x', auth, asyncHandler(async (req, res) => { MARK(); }));", { source: 'route-call', method: 'get', path: '/x', router: 'router' }],
    ['router.route().post()', "router.route('/reset').post(function reset(req, res) { MARK(); });", { source: 'route-call', method: 'post', path: '/reset', router: 'router', name: 'reset' }],
    ['Koa router', "router.get('/users', async (ctx) => { MARK(); });", { source: 'route-call', method: 'get', path: '/users', router: 'router' }],
    ['Fastify shorthand with options', "fastify.get('/a', { schema }, async (request, reply) => { MARK(); });", { source: 'route-call', method: 'get', path: '/a', router: 'fastify' }],
    ['Fastify route object', "fastify.route({ method: 'POST', url: '/b', handler: async () => { MARK(); } });", { source: 'route-object', method: 'POST', path: '/b', name: 'handler' }],
    ['Hapi route objects, in an array, with a method handler', "server.route([{ method: 'GET', path: '/c', handler(request, h) { MARK(); } }]);", { source: 'route-object', method: 'GET', path: '/c', name: 'handler' }],
    ['a Nest controller method', "@Controller('admin')\nclass AdminController {\n  @Post('migrate')\n  async migrate() { MARK(); }\n}", { source: 'decorator', method: 'post', path: 'migrate', name: 'migrate' }],
    ['a Next.js route handler', 'export async function POST(request: Request) { MARK(); }', { source: 'export', method: 'POST', name: 'POST' }],
    ['a route handler exported as a const', 'export const GET = async () => { MARK(); };', { source: 'export', method: 'GET', name: 'GET' }],
    ['a controller function', 'exports.seedProducts = async (req, res) => { MARK(); };', { source: 'signature', name: 'seedProducts' }],
    ['middleware', 'app.use((req, res, next) => { MARK(); next(); });', { source: 'signature', method: 'use' }],
    ['a callback inside a handler', "app.get('/d', (req, res) => { db.query(sql, () => { MARK(); }); });", { source: 'route-call', method: 'get', path: '/d', router: 'app' }],
  ];
  for (const [name, code, expected] of routes) {
    it(name, () => assert.deepEqual(handlerAt(code), expected));
  }

  const notRoutes: Array<[string, string]> = [
    ['a map lookup with a callback', "const value = cache.get('key', () => { MARK(); });"],
    ['a CLI command', "program.command('migrate').action(async () => { MARK(); });"],
    ['a Nest method outside a controller', "class Jobs {\n  @Get('x')\n  run() { MARK(); }\n}"],
    ['an unexported function named GET', 'async function GET() { MARK(); }'],
    ['a route object handed to something else', "queue.add({ path: '/x', handler: () => { MARK(); } });"],
    ['module level', 'MARK();'],
  ];
  for (const [name, code] of notRoutes) {
    it(`not: ${name}`, () => assert.equal(handlerAt(code), undefined));
  }
});
