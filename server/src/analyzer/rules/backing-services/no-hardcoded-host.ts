// Factor IV, backing services: a database, cache, queue or mail server is an attached resource, located by
// config. A host name or IP literal in its connection options welds the code to one deploy.
// Docs: docs/rules/backing-services/no-hardcoded-host.md
import ts from 'typescript';
import { outerParent, propertyNameText, skipOuterExpressions, textGate } from '../../ast';
import {
  calleeLastName,
  calleeModule,
  isClientCall,
  isConnectionOptions,
  isDevOnlyHost,
  isInternalHost,
  isLocalHost,
  isPlaceholderHost,
  parseHostAndPort,
  resolveLiteral,
} from '../../connection';
import { moveListToEnvFix, moveToEnvFix, serviceQualifier } from '../../fixes/env';
import { defineRule, type Fix } from '../../rule';

const HOST_KEYS = new Set(['host', 'hostname', 'server']);
const HOST_LIST_KEYS = new Set(['hosts', 'contactPoints']);
// Clients whose positional form is `(port, host)`: `net.connect(6379, 'cache')`, `new Redis(6379, 'cache')`.
const POSITIONAL_HOST_MODULES = new Set(['net', 'tls', 'redis', 'ioredis']);
/** Whether a file can name one of them (`'net'`, `'node:tls'`, `'ioredis'`): else no call of it is looked at. */
const mayNamePositionalModule = textGate(['redis'], ['net', 'tls']);

export default defineRule({
  id: 'backing-services/no-hardcoded-host',
  factor: 'backing-services',
  severity: 'warning',
  description: 'Hosts and IP addresses of databases, caches, queues and mail servers come from config, not literals.',
  messages: {
    hardcoded: "Host '{{host}}' is hard-coded in connection options; read it from the environment (IV. Backing services).",
  },
  // Dev, seed and stress-test scripts point at throwaway databases; their hosts are not deploy config.
  skipIn: ['test', 'script'],
  create(ctx) {
    const reported = new Set<ts.Node>();

    /** `fallbackName` names the variable when the literal has no name of its own (`net.connect(port, '…')`). */
    const check = (value: ts.Expression, internalOnly = false, fallbackName = 'DB_HOST'): void => {
      let literal: ts.Expression | undefined = skipOuterExpressions(value);
      if (ts.isIdentifier(literal) || ts.isPropertyAccessExpression(literal)) literal = resolveLiteral(literal);
      if (!literal || !ts.isStringLiteralLike(literal) || reported.has(literal)) return;
      const parsed = parseHostAndPort(literal.text);
      if (!parsed || isLocalHost(parsed.host) || isPlaceholderHost(parsed.host) || isDevOnlyHost(parsed.host)) return;
      if (internalOnly && !isInternalHost(parsed.host)) return;
      reported.add(literal);
      const fixes = (): Fix[] => {
        const list = outerParent(literal);
        const fix = ts.isArrayLiteralExpression(list)
          ? moveListToEnvFix(list, ctx.sourceFile, ctx.imports, ctx.project, `${fallbackName}S`)
          : moveToEnvFix(literal, ctx.sourceFile, ctx.imports, ctx.project, { secret: false, fallbackName });
        return fix ? [fix] : [];
      };
      ctx.report(literal, 'hardcoded', { host: parsed.host }, { fixes });
    };

    const onProperty = (name: string, value: ts.Expression, object: ts.Node): void => {
      if (!ts.isObjectLiteralExpression(object)) return;
      if (HOST_KEYS.has(name)) {
        if (name === 'server' && !hasSibling(object, ['user', 'password', 'database', 'authentication'])) return;
        if (hasWordPort(object)) return;
        const mail = hasSibling(object, ['secure', 'auth']);
        if (isConnectionOptions(object, ctx.imports)) check(value, false, mail ? 'SMTP_HOST' : 'DB_HOST');
        // http.request({ host }) to a public API is a provider constant; to an IP or a private name, an attachment.
        else if (name !== 'server' && isHttpRequestOptions(object)) check(value, true, 'SERVICE_HOST');
      } else if (HOST_LIST_KEYS.has(name)) {
        const list = skipOuterExpressions(value);
        if (!isConnectionOptions(object, ctx.imports) && !isClientArgument(object)) return;
        if (ts.isArrayLiteralExpression(list)) for (const element of list.elements) check(element);
        else check(list);
      }
    };

    const isClientArgument = (object: ts.ObjectLiteralExpression): boolean => {
      const parent = object.parent;
      return (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && isClientCall(parent, ctx.imports);
    };

    const isHttpRequestOptions = (object: ts.ObjectLiteralExpression): boolean => {
      const parent = object.parent;
      if (!ts.isCallExpression(parent) || skipOuterExpressions(parent.arguments[0] ?? parent) !== object) return false;
      const module = calleeModule(parent.expression, ctx.imports);
      const last = calleeLastName(parent.expression);
      return (module === 'http' || module === 'https') && (last === 'request' || last === 'get');
    };

    const onCall = (node: ts.Node): void => {
      const call = node as ts.CallExpression | ts.NewExpression;
      const args = call.arguments;
      if (!args || args.length < 2) return;
      const module = calleeModule(call.expression, ctx.imports);
      if (module === undefined || !POSITIONAL_HOST_MODULES.has(module) || !isClientCall(call, ctx.imports)) return;
      const [port, host] = args;
      if (ts.isNumericLiteral(skipOuterExpressions(port)) || ts.isIdentifier(skipOuterExpressions(port))) {
        check(host, false, `${serviceQualifier(module) ?? 'SERVICE'}_HOST`);
      }
    };

    return {
      visit: {
        PropertyAssignment: (node) => {
          const property = node as ts.PropertyAssignment;
          const name = propertyNameText(property.name);
          if (name !== undefined) onProperty(name, property.initializer, property.parent);
        },
        ShorthandPropertyAssignment: (node) => {
          const property = node as ts.ShorthandPropertyAssignment;
          onProperty(property.name.text, property.name, property.parent);
        },
        ...(mayNamePositionalModule(ctx.text) ? { CallExpression: onCall, NewExpression: onCall } : {}),
      },
    };
  },
});

/** `{ host: 'public', port: 'public', password: 'secret' }` labels the fields of a connection; it is not one. */
function hasWordPort(object: ts.ObjectLiteralExpression): boolean {
  return object.properties.some((property) => {
    if (!ts.isPropertyAssignment(property) || propertyNameText(property.name) !== 'port') return false;
    const value = skipOuterExpressions(property.initializer);
    return ts.isStringLiteralLike(value) && /^[A-Za-z][\w-]*$/.test(value.text);
  });
}

function hasSibling(object: ts.ObjectLiteralExpression, keys: string[]): boolean {
  return object.properties.some((property) => {
    const name = property.name && propertyNameText(property.name);
    return name !== undefined && keys.includes(name);
  });
}
