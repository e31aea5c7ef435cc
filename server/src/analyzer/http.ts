// HTTP request handlers, recognised from syntax alone: Express and Router (`app.get('/x', fn)`, `router.route('/x').post(fn)`),
// Koa router, Fastify (`fastify.get('/x', opts, fn)`, `fastify.route({ url, handler })`), Hapi
// (`server.route({ path, handler })`), Hono, Nest route methods (`@Get()` in a `@Controller()` class), Next.js and
// SvelteKit route handlers (`export async function GET`), and functions shaped like handlers (`(req, res)`, `(ctx, next)`).
// Shared by the rules that care what runs while serving a request (session state, admin tasks).
import ts from 'typescript';
import { dottedName, propertyNameText, skipOuterExpressions } from './ast';

/** How the handler was recognised: a route registration names its path; a signature or an export does not. */
export type RouteSource = 'route-call' | 'route-object' | 'decorator' | 'export' | 'signature';

export interface RouteHandler {
  fn: ts.SignatureDeclaration;
  source: RouteSource;
  /** The HTTP method as written (`get`, `post`, `all`, `use` for middleware, `GET` for an export), when known. */
  method?: string;
  /** The route's path as written (`/seed`, `reset`), when it is a literal. */
  path?: string;
  /** The object the route is registered on (`seedRouter`, `app`), when it is a plain name. */
  router?: string;
  /** The name the handler goes by: a method, function or variable name (`seedProducts`), when it has one. */
  name?: string;
}

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'route']);
const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head']);
const HANDLER_EXPORTS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** `router.get('/x', asyncHandler(fn))`: calls that wrap a handler and return one. */
const MAX_WRAPPERS = 2;

/** The route handler `fn` is, or undefined when nothing says it serves requests. */
export function routeHandlerOf(fn: ts.SignatureDeclaration): RouteHandler | undefined {
  return (
    registeredRoute(fn) ??
    objectRoute(fn) ??
    decoratedRoute(fn) ??
    exportedRoute(fn) ??
    (hasHandlerSignature(fn) ? { fn, source: 'signature', method: isMiddleware(fn) ? 'use' : undefined, name: nameOf(fn) } : undefined)
  );
}

/** The nearest function around `node` that is a route handler (a callback nested inside one counts). */
export function enclosingRouteHandler(node: ts.Node): RouteHandler | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      const handler = routeHandlerOf(current);
      if (handler) return handler;
    }
  }
  return undefined;
}

/** `app.use((req, res, next) => …)`: middleware, run on every request rather than called as a route. */
function isMiddleware(fn: ts.SignatureDeclaration): boolean {
  const parent = fn.parent;
  if (!ts.isCallExpression(parent)) return false;
  const callee = skipOuterExpressions(parent.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'use';
}

/** `(req, res)`, `(request, reply)`, `(request, h)`, `(ctx, next)`. */
function hasHandlerSignature(fn: ts.SignatureDeclaration): boolean {
  const names = fn.parameters.map((param) => (ts.isIdentifier(param.name) ? param.name.text : ''));
  if (/^(req|request)$/.test(names[0] ?? '') && /^(res|response|reply|h)$/.test(names[1] ?? '')) return true;
  return names[0] === 'ctx' && names[1] === 'next';
}

/** `app.get('/x', fn)`, `router.post('/x', auth, wrap(fn))`, `router.route('/x').get(fn)`, `fastify.get('/x', opts, fn)`. */
function registeredRoute(fn: ts.SignatureDeclaration): RouteHandler | undefined {
  let arg: ts.Node = fn;
  for (let depth = 0; depth <= MAX_WRAPPERS; depth++) {
    let parent = arg.parent;
    while (parent && (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent))) {
      arg = parent;
      parent = parent.parent;
    }
    if (!parent || !ts.isCallExpression(parent) || !parent.arguments.some((a) => a === arg)) return undefined;
    const route = routeCall(parent, arg);
    if (route) return { fn, source: 'route-call', ...route, name: nameOf(fn) };
    arg = parent;
  }
  return undefined;
}

function routeCall(call: ts.CallExpression, handler: ts.Node): { method: string; path?: string; router?: string } | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ROUTE_METHODS.has(callee.name.text)) return undefined;
  const method = callee.name.text;
  const [first] = call.arguments;
  if (first && first !== handler && ts.isStringLiteralLike(first) && first.text.startsWith('/')) {
    return { method, path: first.text, router: dottedName(callee.expression) };
  }
  // router.route('/x').get(fn)
  const owner = skipOuterExpressions(callee.expression);
  if (ts.isCallExpression(owner)) {
    const inner = skipOuterExpressions(owner.expression);
    const [path] = owner.arguments;
    if (ts.isPropertyAccessExpression(inner) && inner.name.text === 'route' && path && ts.isStringLiteralLike(path) && path.text.startsWith('/')) {
      return { method, path: path.text, router: dottedName(inner.expression) };
    }
  }
  return undefined;
}

/** `server.route({ method, path, handler })` (Hapi), `fastify.route({ method, url, handler })`, also in an array. */
function objectRoute(fn: ts.SignatureDeclaration): RouteHandler | undefined {
  let object: ts.ObjectLiteralExpression | undefined;
  if (ts.isPropertyAssignment(fn.parent) && propertyNameText(fn.parent.name) === 'handler' && ts.isObjectLiteralExpression(fn.parent.parent)) {
    object = fn.parent.parent;
  } else if (ts.isMethodDeclaration(fn) && propertyNameText(fn.name) === 'handler' && ts.isObjectLiteralExpression(fn.parent)) {
    object = fn.parent;
  }
  if (!object) return undefined;
  let holder: ts.Node = object.parent;
  if (ts.isArrayLiteralExpression(holder)) holder = holder.parent;
  if (!ts.isCallExpression(holder)) return undefined;
  const callee = skipOuterExpressions(holder.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'route') return undefined;
  const path = stringProperty(object, 'path') ?? stringProperty(object, 'url');
  if (path === undefined) return undefined;
  return { fn, source: 'route-object', method: stringProperty(object, 'method'), path, name: nameOf(fn) };
}

function stringProperty(object: ts.ObjectLiteralExpression, key: string): string | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === key && ts.isStringLiteralLike(property.initializer)) {
      return property.initializer.text;
    }
  }
  return undefined;
}

/** A Nest (or routing-controllers) route method: `@Post('seed')` in a class decorated `@Controller()`. */
function decoratedRoute(fn: ts.SignatureDeclaration): RouteHandler | undefined {
  if (!ts.isMethodDeclaration(fn) || !ts.isClassLike(fn.parent)) return undefined;
  for (const decorator of ts.getDecorators(fn) ?? []) {
    const expr = decorator.expression;
    if (!ts.isCallExpression(expr)) continue;
    const name = dottedName(expr.expression);
    if (name === undefined || !ROUTE_DECORATORS.has(name)) continue;
    if (!isControllerClass(fn.parent)) return undefined;
    const [path] = expr.arguments;
    return { fn, source: 'decorator', method: name.toLowerCase(), path: path && ts.isStringLiteralLike(path) ? path.text : undefined, name: nameOf(fn) };
  }
  return undefined;
}

function isControllerClass(node: ts.ClassLikeDeclaration): boolean {
  return (ts.getDecorators(node) ?? []).some((decorator) => {
    const expr = decorator.expression;
    const name = dottedName(ts.isCallExpression(expr) ? expr.expression : expr);
    return name !== undefined && /(^|\.)(\w*Controller)$/.test(name);
  });
}

/** `export async function POST(request)`, `export const GET = async () => …` (Next.js, SvelteKit, Astro). */
function exportedRoute(fn: ts.SignatureDeclaration): RouteHandler | undefined {
  if (ts.isFunctionDeclaration(fn) && fn.name && HANDLER_EXPORTS.has(fn.name.text) && isExported(fn)) {
    return { fn, source: 'export', method: fn.name.text, name: fn.name.text };
  }
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) {
    const name = fn.parent.name.text;
    const statement = fn.parent.parent.parent;
    if (HANDLER_EXPORTS.has(name) && ts.isVariableStatement(statement) && isExported(statement)) {
      return { fn, source: 'export', method: name, name };
    }
  }
  return undefined;
}

function isExported(node: ts.FunctionDeclaration | ts.VariableStatement): boolean {
  return (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
}

/** The name a handler goes by: `function seed(req, res)`, `const seed = (req, res) =>`, `exports.seed = …`, a method. */
function nameOf(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) {
    const name = propertyNameText(fn.name);
    if (name !== undefined) return name;
  }
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent)) return propertyNameText(parent.name);
  if (ts.isBinaryExpression(parent) && parent.right === fn && ts.isPropertyAccessExpression(parent.left)) return parent.left.name.text;
  return undefined;
}
