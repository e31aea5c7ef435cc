// Factor IX, disposability: a long-running server stops gracefully when the platform sends SIGTERM.
// Docs: docs/rules/disposability/handle-sigterm.md
import ts from 'typescript';
import {
  dottedName,
  enclosingFunction,
  textGate,
  normalizeModule,
  propertyNameText,
  requiredModule,
  skipOuterExpressions,
  type ImportBinding,
  type ImportMap,
} from '../../ast';
import { gracefulShutdownFix } from '../../fixes/shutdown';
import { SERVER_FACTORY_FUNCTIONS } from '../../knowledge/packages';
import type { ProjectView } from '../../project';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'disposability/handle-sigterm',
  factor: 'disposability',
  severity: 'warning',
  description: 'A program that starts a server should handle SIGTERM somewhere in its project, to shut down gracefully.',
  messages: {
    noHandler:
      'This server starts listening, but no file of the project handles SIGTERM: stop accepting connections and close it gracefully (IX. Disposability).',
  },
  // bin/www and start scripts are where servers usually start, so scripts stay in; tests start throwaway servers.
  skipIn: ['test'],
  create(ctx) {
    // Only `x.listen(…)` and a hapi server's `start()` are reported.
    if (!mayStartServer(ctx.text)) return { visit: {} };
    const locals = new Map<string, ts.Expression[]>();
    const candidates: ts.CallExpression[] = [];
    const remember = (name: string | undefined, value: ts.Expression | undefined): void => {
      if (name === undefined || value === undefined) return;
      const list = locals.get(name);
      if (list) list.push(value);
      else locals.set(name, [value]);
    };
    return {
      visit: {
        VariableDeclaration(node) {
          const decl = node as ts.VariableDeclaration;
          if (ts.isIdentifier(decl.name)) remember(decl.name.text, decl.initializer);
        },
        PropertyDeclaration(node) {
          const decl = node as ts.PropertyDeclaration;
          if (ts.isIdentifier(decl.name)) remember(`this.${decl.name.text}`, decl.initializer);
        },
        BinaryExpression(node) {
          const binary = node as ts.BinaryExpression;
          if (binary.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
          remember(dottedName(binary.left), binary.right);
        },
        CallExpression(node) {
          const call = node as ts.CallExpression;
          const callee = skipOuterExpressions(call.expression);
          if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'listen' || callee.name.text === 'start')) {
            candidates.push(call);
          }
        },
      },
      end() {
        // Checked after the walk: the file's own handler may come after the listen call.
        if (ctx.facts.handlesShutdown || candidates.length === 0) return;
        const resolver = new ServerResolver(ctx.imports, locals, ctx.project);
        const shutdown = { sourceFile: ctx.sourceFile, imports: ctx.imports, locals, dependencies: ctx.project.dependencies };
        const fixFor = (call: ts.CallExpression) => {
          const fix = gracefulShutdownFix(call, shutdown);
          return fix ? [fix] : [];
        };
        for (const call of candidates) {
          const callee = skipOuterExpressions(call.expression) as ts.PropertyAccessExpression;
          if (callee.name.text === 'listen' && listensOnEphemeralPort(call)) continue;
          if (!resolver.startsServer(callee)) continue;
          // socket.io's `attach(port)`, engine.io's `listen(port)`: a library that starts a server for its caller,
          // on the caller's port. Shutting it down is the caller's business.
          if (ctx.project.isLibrary && portFromParameter(call, locals)) continue;
          const receiver = skipOuterExpressions(callee.expression);
          const short = ts.isIdentifier(receiver) || (dottedName(receiver) ?? '').startsWith('this.');
          ctx.report(callee, 'noHandler', undefined, {
            start: short ? receiver.getStart(ctx.sourceFile) : callee.name.getStart(ctx.sourceFile),
            end: callee.name.getEnd(),
            unless: 'handlesShutdown',
            fixes: () => fixFor(call),
          });
        }
      },
    };
  },
});

const mayStartServer = textGate(['hapi'], ['listen']);

/** Core modules whose `createServer` returns a server that listens on a socket. */
const NODE_SERVER_MODULES = new Set(['http', 'https', 'http2', 'net', 'tls']);
/** Modules whose default export, when called, returns an app with `.listen()`. */
const APP_FACTORY_MODULES = new Set(['express', 'fastify', 'polka', 'connect', '@feathersjs/express', 'micro']);
/** Modules whose default export is a class whose instances have `.listen()`. */
const APP_CLASS_MODULES = new Set(['koa']);
const HAPI_MODULES = new Set(['@hapi/hapi', 'hapi']);
/** Any of these imported, or declared in package.json, makes an `app.listen()` of local origin a server. */
const SERVER_MODULES = new Set([
  ...NODE_SERVER_MODULES,
  ...APP_FACTORY_MODULES,
  ...APP_CLASS_MODULES,
  ...HAPI_MODULES,
  '@nestjs/core',
  'restify',
  'apollo-server',
  ...Object.keys(SERVER_FACTORY_FUNCTIONS),
]);
const SERVER_DEPENDENCIES = new Set([...SERVER_MODULES].filter((module) => !NODE_SERVER_MODULES.has(module)));
/** Receiver names that say "server" when nothing else in the file says where the value comes from. */
const SERVER_NAME = /^(app|application|server|api)$|(Server|App)$/;

type Origin = 'server' | 'hapi' | 'foreign' | 'unknown';

class ServerResolver {
  private readonly fileImportsServerModule: boolean;

  constructor(
    private readonly imports: ImportMap,
    private readonly locals: ReadonlyMap<string, readonly ts.Expression[]>,
    private readonly project: ProjectView,
  ) {
    this.fileImportsServerModule = [...imports.values()].some((binding) =>
      SERVER_MODULES.has(normalizeModule(binding.module)),
    );
  }

  /** True when `callee` is `<server>.listen` or `<hapi server>.start`. */
  startsServer(callee: ts.PropertyAccessExpression): boolean {
    const origin = this.originOf(callee.expression, 0);
    if (callee.name.text === 'start') return origin === 'hapi';
    if (origin === 'server') return true;
    if (origin !== 'unknown') return false;
    // An `app` or `server` exported by another file of the project (`import app from './app'`): only in a file or
    // project that uses a server framework, so an unrelated `thing.listen()` stays quiet.
    const name = dottedName(callee.expression);
    const last = name?.split('.').pop();
    if (!name || !last || !SERVER_NAME.test(last) || (name.includes('.') && !name.startsWith('this.'))) return false;
    return this.fileImportsServerModule || [...this.project.dependencies].some((dep) => SERVER_DEPENDENCIES.has(dep));
  }

  private originOf(node: ts.Expression, depth: number): Origin {
    if (depth > 4) return 'unknown';
    let expr = skipOuterExpressions(node);
    if (ts.isAwaitExpression(expr)) expr = skipOuterExpressions(expr.expression);
    if (ts.isCallExpression(expr)) return this.callOrigin(expr);
    if (ts.isNewExpression(expr)) return this.newOrigin(expr);
    const name = dottedName(expr);
    if (name === undefined) return 'unknown';
    const values = this.locals.get(name);
    if (values) {
      let result: Origin = 'unknown';
      for (const value of values) {
        const origin = this.originOf(value, depth + 1);
        if (origin === 'server' || origin === 'hapi') return origin;
        if (origin === 'foreign') result = 'foreign';
      }
      return result;
    }
    if (ts.isIdentifier(expr)) {
      const binding = this.imports.get(expr.text);
      if (binding && !isRelative(binding.module)) return 'foreign';
    }
    return 'unknown';
  }

  private callOrigin(call: ts.CallExpression): Origin {
    const callee = skipOuterExpressions(call.expression);
    // require('express')(), require('fastify')({ logger: true })
    const required = requiredModule(callee);
    if (required !== undefined) {
      return APP_FACTORY_MODULES.has(normalizeModule(required)) ? 'server' : 'foreign';
    }
    if (ts.isIdentifier(callee)) {
      const binding = this.imports.get(callee.text);
      if (!binding) return 'unknown';
      return this.importedFactoryOrigin(binding) ?? (isRelative(binding.module) ? 'unknown' : 'foreign');
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const object = skipOuterExpressions(callee.expression);
      const module = this.moduleOf(object);
      if (module === undefined) return 'unknown';
      const { name, binding } = module;
      if (isServerFactory(name, method)) return 'server';
      if (HAPI_MODULES.has(name) && method === 'server') return 'hapi';
      if (name === '@nestjs/core' && binding?.imported === 'NestFactory') {
        return method === 'create' || method === 'createMicroservice' ? 'server' : 'foreign';
      }
      return isRelative(name) ? 'unknown' : 'foreign';
    }
    return 'unknown';
  }

  private newOrigin(expr: ts.NewExpression): Origin {
    const callee = skipOuterExpressions(expr.expression);
    if (ts.isIdentifier(callee)) {
      const binding = this.imports.get(callee.text);
      if (!binding) return 'unknown';
      const module = normalizeModule(binding.module);
      if (APP_CLASS_MODULES.has(module) && (binding.imported === 'default' || binding.imported === '*')) return 'server';
      if (NODE_SERVER_MODULES.has(module) && binding.imported === 'Server') return 'server';
      if (HAPI_MODULES.has(module) && binding.imported === 'Server') return 'hapi';
      if (module === 'apollo-server' && binding.imported === 'ApolloServer') return 'server';
      return isRelative(module) ? 'unknown' : 'foreign';
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const module = this.moduleOf(skipOuterExpressions(callee.expression));
      if (module === undefined) return 'unknown';
      if (NODE_SERVER_MODULES.has(module.name) && callee.name.text === 'Server') return 'server';
      if (HAPI_MODULES.has(module.name) && callee.name.text === 'Server') return 'hapi';
      return isRelative(module.name) ? 'unknown' : 'foreign';
    }
    return 'unknown';
  }

  /** What an imported callee creates when called: `express()`, `createServer()`, `Hapi.server()`. */
  private importedFactoryOrigin(binding: ImportBinding): Origin | undefined {
    const module = normalizeModule(binding.module);
    const whole = binding.imported === 'default' || binding.imported === '*';
    if (APP_FACTORY_MODULES.has(module) && (whole || binding.imported === module)) return 'server';
    if (isServerFactory(module, binding.imported)) return 'server';
    if (HAPI_MODULES.has(module) && binding.imported === 'server') return 'hapi';
    return undefined;
  }

  /** The module an object expression stands for: an imported name, or `require('http')` inline. */
  private moduleOf(object: ts.Expression): { name: string; binding?: ImportBinding } | undefined {
    const required = requiredModule(object);
    if (required !== undefined) return { name: normalizeModule(required) };
    if (!ts.isIdentifier(object)) return undefined;
    const binding = this.imports.get(object.text);
    return binding ? { name: normalizeModule(binding.module), binding } : undefined;
  }
}

/** `listen()`, `listen(0)`, `listen(() => …)`, `listen({ port: 0 })`: a throwaway server on a random port (tests, tools). */
function listensOnEphemeralPort(call: ts.CallExpression): boolean {
  if (call.arguments.length === 0) return true;
  const port = portArgument(call);
  if (port === undefined) return ts.isFunctionLike(skipOuterExpressions(call.arguments[0]));
  return ts.isNumericLiteral(port) && Number(port.text) === 0;
}

/** The port a `listen` call binds: its first argument, or the `port` property of an options object. */
function portArgument(call: ts.CallExpression): ts.Expression | undefined {
  const first = call.arguments[0];
  if (first === undefined) return undefined;
  const arg = skipOuterExpressions(first);
  if (ts.isFunctionLike(arg)) return undefined;
  if (!ts.isObjectLiteralExpression(arg)) return arg;
  for (const property of arg.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === 'port') {
      return skipOuterExpressions(property.initializer);
    }
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === 'port') return property.name;
  }
  return undefined;
}

/** The port is a parameter of an enclosing function, directly or through one local alias (`const port = srv`). */
function portFromParameter(call: ts.CallExpression, locals: ReadonlyMap<string, readonly ts.Expression[]>): boolean {
  const port = portArgument(call);
  if (port === undefined || !ts.isIdentifier(port)) return false;
  const names = [port.text];
  for (const value of locals.get(port.text) ?? []) {
    const alias = skipOuterExpressions(value);
    if (ts.isIdentifier(alias)) names.push(alias.text);
  }
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
    for (const parameter of fn.parameters) {
      if (ts.isIdentifier(parameter.name) && names.includes(parameter.name.text)) return true;
    }
  }
  return false;
}

/** `http.createServer`, routing-controllers' `createExpressServer`, …: see SERVER_FACTORY_FUNCTIONS. */
function isServerFactory(module: string, name: string): boolean {
  return SERVER_FACTORY_FUNCTIONS[module]?.includes(name) ?? false;
}

function isRelative(module: string): boolean {
  return module.startsWith('.') || module.startsWith('/') || module.startsWith('~/') || module.startsWith('@/');
}
