// Factor VI, processes: session state lives in a backing service, not in one process's memory.
// Docs: docs/rules/processes/no-in-memory-session.md
import ts from 'typescript';
import {
  dottedName,
  normalizeModule,
  propertyNameText,
  requiredModule,
  skipOuterExpressions,
  textGate,
  topLevelCallBindings,
} from '../../ast';
import { enclosingRouteHandler } from '../../http';
import { someNode } from '../../walk';
import { hasTrait } from '../../roles';
import { defineRule, type RuleContext, type RuleListener } from '../../rule';

type MessageId = 'defaultStore' | 'memoryStore' | 'moduleState';

export default defineRule<MessageId>({
  id: 'processes/no-in-memory-session',
  factor: 'processes',
  severity: 'warning',
  description:
    'Reports sessions kept in process memory: session middleware without a store, MemoryStore, module-level session or user maps filled by request handlers.',
  messages: {
    defaultStore:
      '{{library}} has no "store", so sessions live in this process\'s memory; use a shared store such as Redis (VI. Processes).',
    memoryStore:
      'MemoryStore keeps sessions in this process; they are lost on restart and not shared between instances (VI. Processes).',
    moduleState:
      'Module-level "{{name}}" keeps user state in this process; it is lost on restart and not shared between instances (VI. Processes).',
  },
  skipIn: ['test', 'script'],
  create(ctx) {
    // A web installer or setup wizard runs once, in one process, before there is a store to point at.
    if (hasTrait(ctx.fileKind, 'installer')) return { visit: {} };
    // The middleware and MemoryStore checks need a session module (express-session, koa-generic-session,
    // @fastify/session, fastify-session, memorystore) named in the file; module-level state needs none.
    const moduleState = moduleStateVisitors(ctx);
    if (!mayNameSessionModule(ctx.text)) return { visit: moduleState };
    const resolver = new Resolver(ctx);
    return {
      visit: {
        ...moduleState,
        CallExpression: (node) => {
          const call = node as ts.CallExpression;
          const express = resolver.sessionMiddleware(call.expression);
          if (express) {
            checkOptions(call.arguments[0], call.expression, express, ctx);
            return;
          }
          // fastify.register(require('@fastify/session'), { secret })
          const callee = skipOuterExpressions(call.expression);
          if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'register' && call.arguments.length > 0) {
            const plugin = call.arguments[0];
            const library = resolver.fastifySessionPlugin(plugin);
            if (library) checkOptions(call.arguments[1], plugin, library, ctx);
          }
        },
        NewExpression: (node) => {
          const expr = node as ts.NewExpression;
          if (resolver.isMemoryStoreClass(expr.expression)) ctx.report(expr, 'memoryStore');
        },
      },
    };
  },
});

const mayNameSessionModule = textGate(['session', 'memorystore']);

/** Session middleware whose default store is in process memory. */
const DEFAULT_MEMORY_SESSION_MODULES = new Map([
  ['express-session', 'express-session'],
  ['koa-generic-session', 'koa-generic-session'],
]);
const FASTIFY_SESSION_MODULES = new Map([
  ['@fastify/session', '@fastify/session'],
  ['fastify-session', 'fastify-session'],
]);

class Resolver {
  /** Local names bound to memorystore's class: `const MemoryStore = require('memorystore')(session)`. */
  private readonly memoryStoreNames = new Set<string>();

  constructor(private readonly ctx: RuleContext<MessageId>) {
    for (const { name, call } of topLevelCallBindings(ctx.sourceFile)) {
      if (this.moduleOf(call.expression)?.module === 'memorystore') this.memoryStoreNames.add(name);
    }
  }

  moduleOf(expr: ts.Expression): { module: string; imported: string } | undefined {
    const node = skipOuterExpressions(expr);
    if (ts.isIdentifier(node)) {
      const binding = this.ctx.imports.get(node.text);
      return binding && { module: normalizeModule(binding.module), imported: binding.imported };
    }
    let inner = node;
    // `(await import('@fastify/session')).default`, `require('express-session').default`
    if (ts.isPropertyAccessExpression(inner) && inner.name.text === 'default') inner = skipOuterExpressions(inner.expression);
    const module = requiredModule(inner);
    return module === undefined ? undefined : { module: normalizeModule(module), imported: '*' };
  }

  /** `session(…)` from express-session (default or namespace import, or an inline require). */
  sessionMiddleware(callee: ts.Expression): string | undefined {
    const binding = this.moduleOf(callee);
    if (!binding || (binding.imported !== '*' && binding.imported !== 'default')) return undefined;
    return DEFAULT_MEMORY_SESSION_MODULES.get(binding.module);
  }

  fastifySessionPlugin(plugin: ts.Expression): string | undefined {
    const binding = this.moduleOf(plugin);
    if (!binding || (binding.imported !== '*' && binding.imported !== 'default' && binding.imported !== 'fastifySession')) {
      return undefined;
    }
    return FASTIFY_SESSION_MODULES.get(binding.module);
  }

  /** `session.MemoryStore`, `{ MemoryStore }` from express-session, or memorystore's class. */
  isMemoryStoreClass(expr: ts.Expression): boolean {
    const node = skipOuterExpressions(expr);
    if (ts.isIdentifier(node)) {
      if (this.memoryStoreNames.has(node.text)) return true;
      const binding = this.moduleOf(node);
      return binding !== undefined && DEFAULT_MEMORY_SESSION_MODULES.has(binding.module) && binding.imported === 'MemoryStore';
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'MemoryStore') {
      const owner = this.moduleOf(node.expression);
      return owner !== undefined && DEFAULT_MEMORY_SESSION_MODULES.has(owner.module);
    }
    return false;
  }
}

/**
 * Reports options without a `store`. Only what the file shows: an object literal, or a `const` initialised with one
 * and never handed elsewhere; a spread, a parameter or an import may carry a store this file cannot see.
 */
function checkOptions(
  options: ts.Expression | undefined,
  reportAt: ts.Node,
  library: string,
  ctx: RuleContext<MessageId>,
): void {
  if (options === undefined) {
    ctx.report(reportAt, 'defaultStore', { library });
    return;
  }
  const literal = visibleObjectLiteral(options, ctx);
  if (!literal) return;
  for (const property of literal.properties) {
    if (ts.isSpreadAssignment(property)) return;
    const name = ts.isShorthandPropertyAssignment(property)
      ? property.name.text
      : ts.isPropertyAssignment(property) || ts.isMethodDeclaration(property) || ts.isAccessor(property)
        ? propertyNameText(property.name)
        : undefined;
    if (name === undefined) return; // a computed key might be `store`
    if (name === 'store' || name === 'ContextStore') return; // a MemoryStore passed here is reported where it is created
  }
  ctx.report(reportAt, 'defaultStore', { library });
}

function visibleObjectLiteral(options: ts.Expression, ctx: RuleContext<MessageId>): ts.ObjectLiteralExpression | undefined {
  const node = skipOuterExpressions(options);
  if (ts.isObjectLiteralExpression(node)) return node;
  if (!ts.isIdentifier(node)) return undefined;
  const decl = soleConstDeclaration(node.text, ctx.sourceFile);
  if (!decl?.initializer) return undefined;
  const init = skipOuterExpressions(decl.initializer);
  if (!ts.isObjectLiteralExpression(init)) return undefined;
  // Every other use must be a read or write of a property other than `store` (`sess.cookie.secure = true`).
  const unsafe = someNode(ctx.sourceFile, (child) => {
    if (!ts.isIdentifier(child) || child.text !== node.text || child === node || child === decl.name) return false;
    const parent = child.parent;
    const usedAsObject = ts.isPropertyAccessExpression(parent) && parent.expression === child && parent.name.text !== 'store';
    const isPropertyName =
      (ts.isPropertyAccessExpression(parent) && parent.name === child) ||
      (ts.isPropertyAssignment(parent) && parent.name === child);
    return !usedAsObject && !isPropertyName;
  });
  return unsafe ? undefined : init;
}

function soleConstDeclaration(name: string, sourceFile: ts.SourceFile): ts.VariableDeclaration | undefined {
  let found: ts.VariableDeclaration | undefined;
  let count = 0;
  someNode(sourceFile, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) {
      count++;
      found = node;
    }
    return count > 1;
  });
  if (count !== 1 || !found) return undefined;
  const list = found.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0 ? found : undefined;
}

// ---- Module-level collections used as session or user stores ----

/** Words that make a collection user state: `sessions`, `loggedInUsers`, `refreshTokens`, `carts`. */
const STATE_WORDS = new Set([
  'session',
  'sessions',
  'user',
  'users',
  'cart',
  'carts',
  'basket',
  'baskets',
  'token',
  'tokens',
  'login',
  'logins',
]);
const STATE_STEM = /session|user|cart|basket|token|login/i;
/**
 * Words that make it something else: a cache is disposable by design, sockets and connections are bound to the
 * process anyway, counters for rate limiting are a deliberate trade-off.
 */
const OTHER_WORDS = new Set([
  'cache',
  'cached',
  'caches',
  'memo',
  'lru',
  'socket',
  'sockets',
  'connection',
  'connections',
  'client',
  'clients',
  'stream',
  'streams',
  'listener',
  'listeners',
  'subscriber',
  'subscribers',
  'timer',
  'timers',
  'timeout',
  'timeouts',
  'attempt',
  'attempts',
  'limit',
  'limiter',
  'limits',
  'rate',
  'throttle',
  'schema',
  'schemas',
  'type',
  'types',
  'route',
  'routes',
  'mock',
  'mocks',
  'fake',
  'default',
  'defaults',
  'test',
  'seed',
]);
const MUTATING_METHODS = new Set(['set', 'push', 'add', 'unshift', 'splice']);

/**
 * Modules whose objects are bound to this process (terminals, sockets, browsers, chat clients): a map of them is
 * a registry of live handles that no shared store could hold.
 */
const PROCESS_BOUND_MODULES = [
  'node-pty',
  'child_process',
  'ws',
  'socket.io',
  'puppeteer',
  'puppeteer-core',
  'playwright',
  'playwright-core',
  'whatsapp-web.js',
  '@whiskeysockets/baileys',
  'telegraf',
  'discord.js',
  'ssh2',
  'serialport',
];

/**
 * Module-level collections named for user state (`sessions`, `userCache`), reported when a request handler mutates
 * one. The candidates are the file's top-level declarations, known before the walk; their mutations are a property
 * access (`x.set(…)`), an element access (`x[k] = …`) or an assignment (`x = …`) with the name on the left, which
 * the walk meets anyway: no second walk over the file's identifiers.
 */
function moduleStateVisitors(ctx: RuleContext<MessageId>): RuleListener['visit'] {
  for (const binding of ctx.imports.values()) {
    if (PROCESS_BOUND_MODULES.includes(normalizeModule(binding.module))) return {};
  }
  const candidates = new Map<string, ts.VariableDeclaration>();
  for (const statement of ctx.sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !decl.initializer || !isCollectionInit(decl.initializer)) continue;
      // Every state word holds one of these stems: most module-level collections are ruled out without splitting.
      if (!STATE_STEM.test(decl.name.text)) continue;
      const words = splitWords(decl.name.text);
      if (!words.some((word) => STATE_WORDS.has(word)) || words.some((word) => OTHER_WORDS.has(word))) continue;
      candidates.set(decl.name.text, decl);
    }
  }
  if (candidates.size === 0) return {};
  const reported = new Set<string>();
  const onName = (node: ts.Expression): void => {
    if (!ts.isIdentifier(node) || reported.has(node.text)) return;
    const decl = candidates.get(node.text);
    if (decl && node !== decl.name && isMutation(node) && !isShadowed(node) && enclosingRouteHandler(node) !== undefined) {
      reported.add(node.text);
      ctx.report(decl.name, 'moduleState', { name: node.text });
    }
  };
  return {
    PropertyAccessExpression: (node) => onName((node as ts.PropertyAccessExpression).expression),
    ElementAccessExpression: (node) => onName((node as ts.ElementAccessExpression).expression),
    BinaryExpression: (node) => onName((node as ts.BinaryExpression).left),
  };
}

/** `new Map()`, `new Set()`, `{}`, `[]`, `Object.create(null)`; not WeakMaps (per-object metadata, freed with the object). */
function isCollectionInit(init: ts.Expression): boolean {
  const node = skipOuterExpressions(init);
  if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) return true;
  if (ts.isNewExpression(node)) {
    const name = dottedName(node.expression);
    return name === 'Map' || name === 'Set';
  }
  if (ts.isCallExpression(node)) return dottedName(node.expression) === 'Object.create';
  return false;
}

/** `x.set(k, v)`, `x.push(v)`, `x[k] = v`, `x = [...x, v]`; a key that names a socket is process-bound anyway. */
function isMutation(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === id && MUTATING_METHODS.has(parent.name.text)) {
    const call = parent.parent;
    return (
      ts.isCallExpression(call) &&
      call.expression === parent &&
      !call.arguments.some((arg) => mentionsSocket(arg) || isLiveObject(arg))
    );
  }
  if (ts.isElementAccessExpression(parent) && parent.expression === id) {
    const assign = parent.parent;
    return (
      ts.isBinaryExpression(assign) &&
      assign.left === parent &&
      assign.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      !mentionsSocket(parent.argumentExpression) &&
      !isLiveObject(assign.right)
    );
  }
  if (ts.isBinaryExpression(parent) && parent.left === id && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return true;
  }
  return false;
}

/** `sessions.set(id, new Terminal(…))`: an instance of a class is a live object, not serialisable session data. */
function isLiveObject(node: ts.Expression): boolean {
  const expr = skipOuterExpressions(node);
  if (!ts.isNewExpression(expr)) return false;
  const name = dottedName(expr.expression);
  return name !== 'Date' && name !== 'Map' && name !== 'Set';
}

function mentionsSocket(node: ts.Node): boolean {
  return someNode(node, (child) => ts.isIdentifier(child) && /socket|^ws$|conn/i.test(child.text));
}

function isShadowed(id: ts.Identifier): boolean {
  for (let current: ts.Node | undefined = id.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (ts.isFunctionLike(current) && current.parameters.some((param) => bindsName(param.name, id.text))) return true;
    if (ts.isBlock(current) || ts.isCaseClause(current) || ts.isModuleBlock(current)) {
      for (const statement of current.statements) {
        if (ts.isVariableStatement(statement) && statement.declarationList.declarations.some((d) => bindsName(d.name, id.text))) {
          return true;
        }
        if (ts.isFunctionDeclaration(statement) && statement.name?.text === id.text) return true;
      }
    }
  }
  return false;
}

function bindsName(name: ts.BindingName, text: string): boolean {
  if (ts.isIdentifier(name)) return name.text === text;
  return name.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, text));
}

function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}
