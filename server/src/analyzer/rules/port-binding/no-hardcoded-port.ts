// Factor VII, port binding: a service binds to the port the environment gives it (and factor IV: reaches its
// backing services at ports the environment gives it).
// Docs: docs/rules/port-binding/no-hardcoded-port.md
import ts from 'typescript';
import { outerParent, propertyNameText, skipOuterExpressions, textGate } from '../../ast';
import {
  calleeLastName,
  calleeModule,
  isClientCall,
  isConnectionOptions,
  isDevOnlyHost,
  isLocalHost,
  resolveLiteral,
} from '../../connection';
import { moveToEnvFix, serviceQualifier } from '../../fixes/env';
import { defineRule, type Fix } from '../../rule';

// Clients whose positional form is `(port, host)`: `net.connect(6379, 'cache')`, `new Redis(6379, 'cache')`.
const POSITIONAL_PORT_MODULES = new Set(['net', 'tls', 'redis', 'ioredis']);

const mayNamePort = textGate(['redis'], ['listen', 'port', 'net', 'tls']);

export default defineRule({
  id: 'port-binding/no-hardcoded-port',
  factor: 'port-binding',
  severity: 'warning',
  description: 'Ports given to listen() and to backing-service clients come from the environment, not from literals.',
  messages: {
    listen: 'Port {{port}} is hard-coded; read it from process.env.PORT (VII. Port binding).',
    connection: 'Port {{port}} of a backing service is hard-coded; read it from the environment (IV. Backing services).',
  },
  // listen() ports in bin/ and scripts are application code (bin/www binds the server), so only tests are
  // skipped; connection ports stay quiet in scripts like backing-services/no-hardcoded-host.
  skipIn: ['test'],
  create(ctx) {
    // Every report needs a `listen` call, a `port` key or name, or a positional client of net, tls or (io)redis.
    if (!mayNamePort(ctx.text)) return { visit: {} };
    const reported = new Set<ts.Node>();
    /**
     * `fallbackName` names the variable when the literal has no name of its own: PORT for a binding, and never
     * PORT for a backing service's port (that is the app's own).
     */
    const report = (literal: ts.Expression, messageId: 'listen' | 'connection', fallbackName = 'PORT'): void => {
      if (reported.has(literal)) return;
      const port = portOf(literal);
      if (port === undefined) return;
      reported.add(literal);
      const fixes = (): Fix[] => {
        if (!ts.isNumericLiteral(literal) && !ts.isStringLiteral(literal) && !ts.isNoSubstitutionTemplateLiteral(literal)) return [];
        const fix = moveToEnvFix(literal, ctx.sourceFile, ctx.imports, ctx.project, { secret: false, fallbackName });
        return fix ? [fix] : [];
      };
      ctx.report(literal, messageId, { port }, { fixes });
    };

    /** A literal, or a same-file constant initialised with one (`const PORT = 3000`). */
    const portLiteral = (value: ts.Expression): ts.Expression | undefined => {
      const expr = skipOuterExpressions(value);
      if (ts.isNumericLiteral(expr) || ts.isStringLiteralLike(expr)) return expr;
      if (ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr)) {
        const resolved = resolveLiteral(expr);
        if (resolved && (ts.isNumericLiteral(resolved) || ts.isStringLiteralLike(resolved))) return resolved;
      }
      return undefined;
    };

    /** `{ port: 3000 }` handed to listen() or a server factory. */
    const checkBindOptions = (options: ts.Expression): void => {
      const object = skipOuterExpressions(options);
      if (!ts.isObjectLiteralExpression(object)) return;
      const value = propertyValue(object, 'port');
      const literal = value && portLiteral(value);
      if (literal) report(literal, 'listen');
    };

    const onCall = (node: ts.Node): void => {
      const call = node as ts.CallExpression | ts.NewExpression;
      const args = call.arguments ?? ts.factory.createNodeArray<ts.Expression>();
      const last = calleeLastName(call.expression);
      if (last === undefined) return;

      // server.listen(3000), app.listen(PORT), fastify.listen({ port: 3000 })
      if (last === 'listen' && ts.isPropertyAccessExpression(skipOuterExpressions(call.expression)) && args.length > 0) {
        const [first] = args;
        const literal = portLiteral(first);
        if (literal) report(literal, 'listen');
        else checkBindOptions(first);
        return;
      }

      // Express: app.set('port', 3000)
      if (last === 'set' && args.length === 2 && ts.isPropertyAccessExpression(skipOuterExpressions(call.expression))) {
        const [key, value] = args;
        if (ts.isStringLiteralLike(key) && key.text === 'port') {
          const literal = portLiteral(value);
          if (literal) report(literal, 'listen');
        }
        return;
      }

      if (args.length === 0) return;
      // Server factories that take the port in their options: Hapi.server({ port }), Bun.serve, Deno.serve,
      // new WebSocketServer({ port }).
      const module = calleeModule(call.expression, ctx.imports);
      const callee = skipOuterExpressions(call.expression);
      const owner = ts.isPropertyAccessExpression(callee) ? skipOuterExpressions(callee.expression) : undefined;
      const ownerName = owner && ts.isIdentifier(owner) ? owner.text : undefined;
      if (
        ((module === '@hapi/hapi' || module === 'hapi') && /^[Ss]erver$/.test(last)) ||
        (module === 'ws' && /Server$/.test(last)) ||
        (last === 'serve' && (ownerName === 'Bun' || ownerName === 'Deno'))
      ) {
        checkBindOptions(args[0]);
        return;
      }

      // new Redis(6379, 'cache'), net.connect(5432, host)
      if (module !== undefined && POSITIONAL_PORT_MODULES.has(module) && isClientCall(call, ctx.imports)) {
        const first = skipOuterExpressions(args[0]);
        if (!ts.isNumericLiteral(first) || ctx.fileKind.script) return;
        const host = skipOuterExpressions(args[1]);
        const remoteHost = ts.isStringLiteralLike(host) && !isLocalHost(host.text) && !isDevOnlyHost(host.text);
        if (remoteHost || !isWellKnownPort(first)) report(first, 'connection', `${serviceQualifier(module) ?? 'SERVICE'}_PORT`);
      }
    };

    return {
      visit: {
        CallExpression: onCall,
        NewExpression: onCall,
        // { host, port: 5432, user, database } and objects handed to database, cache, queue and mail clients.
        PropertyAssignment: (node) => {
          const property = node as ts.PropertyAssignment;
          if (propertyNameText(property.name) !== 'port' || !ts.isObjectLiteralExpression(property.parent)) return;
          const value = skipOuterExpressions(property.initializer);
          if (!ts.isNumericLiteral(value) && !ts.isStringLiteralLike(value)) return;
          const object = property.parent;
          if (isBindOptions(object)) return; // the listen() handler reports these
          if (hasLocalHost(object)) return; // a dev, test or sidecar server: see no-hardcoded-host
          if (hasBlankHost(object)) return; // a form's blank defaults: the port is the engine's, the host is the user's
          if (ctx.fileKind.script || !isConnectionOptions(object, ctx.imports)) return;
          if (!hasRemoteHostLiteral(object) && isWellKnownPort(value)) return;
          report(value, 'connection', isMailOptions(object) ? 'SMTP_PORT' : 'DB_PORT');
        },
      },
    };
  },
});

/** The port a literal names, or undefined for 0 (an ephemeral port), non-integers and non-ports. */
function portOf(literal: ts.Expression): string | undefined {
  const text = ts.isNumericLiteral(literal) || ts.isStringLiteralLike(literal) ? literal.text : undefined;
  if (text === undefined || !/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? String(port) : undefined;
}

function propertyValue(object: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === key) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === key) return property.name;
  }
  return undefined;
}

function hasLocalHost(object: ts.ObjectLiteralExpression): boolean {
  for (const key of ['host', 'hostname', 'server', 'url', 'uri']) {
    const value = propertyValue(object, key);
    const expr = value && skipOuterExpressions(value);
    if (!expr || !ts.isStringLiteralLike(expr)) continue;
    // { url: 'mongodb://127.0.0.1', port: 27018 }: the host inside a URL counts too.
    const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#,]*)/i.exec(expr.text)?.[1] ?? expr.text;
    if (isLocalHost(host) || isDevOnlyHost(host)) return true;
  }
  return false;
}

/** `{ host: '', port: 5439, user: '' }`: a blank form or template to fill in, which connects nowhere. */
function hasBlankHost(object: ts.ObjectLiteralExpression): boolean {
  return ['host', 'hostname', 'server'].some((key) => {
    const value = propertyValue(object, key);
    const expr = value && skipOuterExpressions(value);
    return expr !== undefined && ts.isStringLiteralLike(expr) && expr.text.trim() === '';
  });
}

// Default ports of backing-service protocols. Next to a host read from the environment, `port: 5432` or
// `port: 465` (with `secure: true`) is the protocol, not a deploy choice; `port: 25060` is a deploy choice.
const WELL_KNOWN_PORTS = new Set([
  21, 22, 25, 110, 143, 389, 465, 587, 636, 993, 995, 1433, 1521, 1883, 2181, 2525, 3306, 4222, 5432, 5671, 5672, 5984,
  6379, 7687, 8086, 8883, 9042, 9092, 9200, 9300, 11211, 26257, 27017,
]);

function isWellKnownPort(literal: ts.Expression): boolean {
  const port = portOf(literal);
  return port !== undefined && WELL_KNOWN_PORTS.has(Number(port));
}

/** The object's own host is a literal remote host: the whole attachment is hard-wired, port included. */
function hasRemoteHostLiteral(object: ts.ObjectLiteralExpression): boolean {
  for (const key of ['host', 'hostname', 'server']) {
    const value = propertyValue(object, key);
    const expr = value && skipOuterExpressions(value);
    if (expr && ts.isStringLiteralLike(expr) && expr.text !== '') return true;
  }
  return false;
}

/** nodemailer's `{ host, port, secure, auth }`. */
function isMailOptions(object: ts.ObjectLiteralExpression): boolean {
  return propertyValue(object, 'secure') !== undefined || propertyValue(object, 'auth') !== undefined;
}

/** `{ port }` passed straight to `.listen(…)`. */
function isBindOptions(object: ts.ObjectLiteralExpression): boolean {
  const parent = outerParent(object);
  return (
    (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
    calleeLastName(parent.expression) === 'listen' &&
    parent.arguments?.[0] !== undefined &&
    skipOuterExpressions(parent.arguments[0]) === object
  );
}
