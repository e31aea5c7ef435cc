// "Add graceful shutdown" for disposability/handle-sigterm: a SIGTERM/SIGINT handler after the statement that starts
// the server. Never safe: it changes how the process exits.
import ts from 'typescript';
import { dottedName, normalizeModule, requiredModule, skipOuterExpressions, type ImportMap } from '../ast';
import type { Fix, TextEdit } from '../rule';
import { afterStatement, freeName, lineIndent, namesInUse, sourceStyle, type SourceStyle } from './style';

/**
 * What `listen`/`start` is called on, as far as shutting it down goes:
 * - `node`: a node/restify server; `close(cb)` on the receiver, and `listen` returns the receiver;
 * - `app`: Express, Koa, Connect; `listen` returns the http.Server to `close(cb)`;
 * - `fastify`: `await app.listen()` returns an address; `app.close()` returns a promise;
 * - `hapi`: `server.stop()`; `nest`: `app.enableShutdownHooks()` before listening.
 */
type ServerKind = 'node' | 'app' | 'fastify' | 'hapi' | 'nest';

const NODE_SERVER_MODULES = new Set(['http', 'https', 'http2', 'net', 'tls']);
const APP_MODULES = new Set(['express', 'connect', 'koa']);
const HAPI_MODULES = new Set(['@hapi/hapi', 'hapi']);
/** Frameworks whose `listen` does not return an http.Server: an `app` of unknown origin may be one of these. */
const OTHER_FRAMEWORKS = ['fastify', '@hapi/hapi', 'hapi', '@nestjs/core', 'polka', 'restify', 'apollo-server'];

export interface ShutdownContext {
  sourceFile: ts.SourceFile;
  imports: ImportMap;
  /** Values assigned to local names (`app`, `this.server`), as the rule collected them. */
  locals: ReadonlyMap<string, readonly ts.Expression[]>;
  dependencies: ReadonlySet<string>;
}

/**
 * The fix for a `listen`/`start` call, or undefined where a statement cannot be inserted next to it (the call is
 * part of a larger expression, an arrow body, a default export…) or the server's kind is unknown.
 */
export function gracefulShutdownFix(call: ts.CallExpression, ctx: ShutdownContext): Fix | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const found = enclosingStatement(call);
  if (!found) return undefined;
  const { statement, chain, assignedTo } = found;
  const { sourceFile } = ctx;
  const text = sourceFile.text;
  const kind = kindOf(callee.expression, ctx, 0) ?? guessKind(callee.expression, ctx);
  if (kind === undefined || (callee.name.text === 'start') !== (kind === 'hapi')) return undefined;
  const style = sourceStyle(sourceFile);
  const indent = lineIndent(text, statement.getStart(sourceFile));
  const receiver = receiverName(callee.expression);
  const semi = style.semicolons ? ';' : '';

  if (kind === 'nest') {
    if (receiver === undefined || !startsLine(text, statement.getStart(sourceFile))) return undefined;
    const start = statement.getStart(sourceFile);
    return fix([{ start, end: start, newText: `${receiver}.enableShutdownHooks()${semi}${style.newline}${indent}` }]);
  }

  const edits: TextEdit[] = [];
  let close: string;
  // `app.listen(…).on('error', …)` is still the server; `.then(…)` after it is not.
  if (chain === 'other' && kind !== 'fastify' && kind !== 'hapi') return undefined;
  if (kind === 'fastify' || kind === 'hapi') {
    if (receiver === undefined) return undefined;
    const stop = kind === 'fastify' ? `${receiver}.close()` : `${receiver}.stop({ timeout: 10_000 })`;
    close = `${stop}.then(() => process.exit(0), () => process.exit(1))`;
  } else {
    let server = kind === 'node' ? receiver : undefined;
    if (server === undefined && ts.isVariableStatement(statement)) {
      const [declaration] = statement.declarationList.declarations;
      if (ts.isIdentifier(declaration.name)) server = declaration.name.text;
    }
    server ??= assignedTo;
    if (server === undefined) {
      // `app.listen(3000);` drops the server that `close` needs: keep it.
      if (!ts.isExpressionStatement(statement)) return undefined;
      server = freeName(namesInUse(sourceFile), 'server', ['httpServer']);
      const start = statement.getStart(sourceFile);
      edits.push({ start, end: start, newText: `const ${server} = ` });
    }
    close = `${server}.close((err) => process.exit(err ? 1 : 0))`;
  }
  const at = afterStatement(text, statement.getEnd());
  edits.push({ start: at, end: at, newText: handler(close, indent, style) });
  return fix(edits);
}

function fix(edits: TextEdit[]): Fix {
  return { title: 'Add graceful shutdown', safe: false, edits };
}

function handler(close: string, indent: string, style: SourceStyle): string {
  const q = style.quote;
  const semi = style.semicolons ? ';' : '';
  const one = indent + style.indentUnit;
  const two = one + style.indentUnit;
  return [
    '',
    '',
    `${indent}// Stop accepting connections, let requests in flight finish, then exit; give up after 10 s.`,
    `${indent}for (const signal of [${q}SIGTERM${q}, ${q}SIGINT${q}]) {`,
    `${one}process.once(signal, () => {`,
    `${two}setTimeout(() => process.exit(1), 10_000).unref()${semi}`,
    `${two}${close}${semi}`,
    `${one}})${semi}`,
    `${indent}}`,
  ].join(style.newline);
}

/** Methods of a server that return the server itself, so that `app.listen(…).on('error', …)` is still the server. */
const SERVER_CHAIN = new Set(['on', 'once', 'addListener', 'prependListener', 'setTimeout', 'ref', 'unref']);
/** Methods of the promise Fastify's, Hapi's and Nest's `listen`/`start` return. */
const PROMISE_CHAIN = new Set(['then', 'catch', 'finally']);

interface StartStatement {
  statement: ts.ExpressionStatement | ts.VariableStatement;
  /** What follows the call: nothing, server methods that return the server, or something else (a promise's `then`). */
  chain: 'none' | 'server' | 'other';
  /** `server = app.listen(…)`: the name the server is assigned to. */
  assignedTo?: string;
}

/**
 * The statement that is the call (`app.listen(…);`, `await app.listen(…);`, `app.listen(…).on('error', …);`) or
 * declares or assigns its value (`const server = app.listen(…).on(…);`, `server = http.createServer(app).listen(…);`),
 * when it stands directly in a block or the file (a function body such as `main()`'s), where a statement can follow.
 */
function enclosingStatement(call: ts.CallExpression): StartStatement | undefined {
  let node: ts.Node = call;
  let chain: StartStatement['chain'] = 'none';
  for (let depth = 0; depth < 8; depth++) {
    const parent = node.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isAwaitExpression(parent)) {
      node = parent;
      continue;
    }
    const outer = parent.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node && outer && ts.isCallExpression(outer) && outer.expression === parent) {
      const method = parent.name.text;
      if (SERVER_CHAIN.has(method)) chain = chain === 'other' ? 'other' : 'server';
      else if (PROMISE_CHAIN.has(method)) chain = 'other';
      else return undefined;
      node = outer;
      continue;
    }
    break;
  }
  const parent = node.parent;
  let statement: ts.Node | undefined;
  let assignedTo: string | undefined;
  if (ts.isExpressionStatement(parent)) statement = parent;
  else if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
    const list = parent.parent;
    if (ts.isVariableDeclarationList(list) && list.declarations.length === 1 && ts.isVariableStatement(list.parent)) {
      statement = list.parent;
    }
  } else if (
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    parent.right === node &&
    ts.isIdentifier(parent.left) &&
    ts.isExpressionStatement(parent.parent)
  ) {
    statement = parent.parent;
    assignedTo = parent.left.text;
  }
  if (!statement || !(ts.isBlock(statement.parent) || ts.isSourceFile(statement.parent))) return undefined;
  // In a loop, one handler per server would exit the process as soon as the first one closed.
  for (let current: ts.Node = statement.parent; !ts.isSourceFile(current) && !ts.isFunctionLike(current); current = current.parent) {
    if (ts.isIterationStatement(current, false)) return undefined;
  }
  return { statement: statement as StartStatement['statement'], chain, ...(assignedTo ? { assignedTo } : {}) };
}

function startsLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, offset));
}

/** `app`, `this.server`: a receiver that can be named again after the statement. */
function receiverName(receiver: ts.Expression): string | undefined {
  const name = dottedName(receiver);
  if (name === undefined) return undefined;
  const parts = name.split('.');
  return parts.length === 1 || (parts.length === 2 && parts[0] === 'this') ? name : undefined;
}

function kindOf(node: ts.Expression, ctx: ShutdownContext, depth: number): ServerKind | undefined {
  if (depth > 4) return undefined;
  let expr = skipOuterExpressions(node);
  if (ts.isAwaitExpression(expr)) expr = skipOuterExpressions(expr.expression);
  if (ts.isCallExpression(expr)) return callKind(expr, ctx, depth);
  if (ts.isNewExpression(expr)) return newKind(expr, ctx);
  const name = dottedName(expr);
  if (name === undefined) return undefined;
  for (const value of ctx.locals.get(name) ?? []) {
    const kind = kindOf(value, ctx, depth + 1);
    if (kind) return kind;
  }
  return undefined;
}

function callKind(call: ts.CallExpression, ctx: ShutdownContext, depth: number): ServerKind | undefined {
  const callee = skipOuterExpressions(call.expression);
  const required = requiredModule(callee);
  if (required !== undefined) return factoryKind(normalizeModule(required), 'default');
  if (ts.isIdentifier(callee)) {
    const binding = ctx.imports.get(callee.text);
    return binding ? factoryKind(normalizeModule(binding.module), binding.imported) : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  // http.createServer(h).listen(…) returns the server it was called on.
  if (method === 'listen') return kindOf(callee.expression, ctx, depth + 1) === 'node' ? 'node' : undefined;
  const module = moduleOf(skipOuterExpressions(callee.expression), ctx.imports);
  if (module === undefined) return undefined;
  if (NODE_SERVER_MODULES.has(module.name) && (method === 'createServer' || method === 'createSecureServer')) return 'node';
  if (module.name === 'restify' && method === 'createServer') return 'node';
  if (HAPI_MODULES.has(module.name) && method === 'server') return 'hapi';
  if (module.name === '@nestjs/core' && module.imported === 'NestFactory' && method === 'create') return 'nest';
  return undefined;
}

function factoryKind(module: string, imported: string): ServerKind | undefined {
  const whole = imported === 'default' || imported === '*';
  if ((module === 'express' || module === 'connect') && (whole || imported === module)) return 'app';
  if (module === 'fastify' && (whole || imported === 'fastify')) return 'fastify';
  if (NODE_SERVER_MODULES.has(module) && (imported === 'createServer' || imported === 'createSecureServer')) return 'node';
  if (module === 'restify' && imported === 'createServer') return 'node';
  if (HAPI_MODULES.has(module) && imported === 'server') return 'hapi';
  return undefined;
}

function newKind(expr: ts.NewExpression, ctx: ShutdownContext): ServerKind | undefined {
  const callee = skipOuterExpressions(expr.expression);
  let module: { name: string; imported: string } | undefined;
  let className: string;
  if (ts.isIdentifier(callee)) {
    const binding = ctx.imports.get(callee.text);
    if (!binding) return undefined;
    module = { name: normalizeModule(binding.module), imported: binding.imported };
    className = binding.imported;
  } else if (ts.isPropertyAccessExpression(callee)) {
    module = moduleOf(skipOuterExpressions(callee.expression), ctx.imports);
    className = callee.name.text;
  } else {
    return undefined;
  }
  if (!module) return undefined;
  const whole = module.imported === 'default' || module.imported === '*';
  if (module.name === 'koa' && ts.isIdentifier(callee) && whole) return 'app';
  if (NODE_SERVER_MODULES.has(module.name) && className === 'Server') return 'node';
  if (HAPI_MODULES.has(module.name) && className === 'Server') return 'hapi';
  return undefined;
}

function moduleOf(object: ts.Expression, imports: ImportMap): { name: string; imported: string } | undefined {
  const required = requiredModule(object);
  if (required !== undefined) return { name: normalizeModule(required), imported: '*' };
  if (!ts.isIdentifier(object)) return undefined;
  const binding = imports.get(object.text);
  return binding ? { name: normalizeModule(binding.module), imported: binding.imported } : undefined;
}

/**
 * An `app` imported from another file: an Express or Koa app when the project declares one of them and no framework
 * whose `listen` returns something else.
 */
function guessKind(receiver: ts.Expression, ctx: ShutdownContext): ServerKind | undefined {
  if (!ts.isIdentifier(skipOuterExpressions(receiver))) return undefined;
  const modules = new Set([...ctx.dependencies, ...[...ctx.imports.values()].map((b) => normalizeModule(b.module))]);
  if (OTHER_FRAMEWORKS.some((module) => modules.has(module))) return undefined;
  return [...APP_MODULES].some((module) => modules.has(module)) ? 'app' : undefined;
}
