// Factor XI, logs: the app writes its event stream to stdout; where it goes (Papertrail, Loki, Datadog…) is the
// execution environment's choice, not configured in the app.
// Docs: docs/rules/logs/no-log-shipping.md
import ts from 'typescript';
import { isStringLiteralLike, normalizeModule, propertyNameText, skipOuterExpressions, textGate } from '../../ast';
import { LOG_SHIPPERS, logShipperOf, type LogShipper } from '../../knowledge/log-shipping';
import { collectAliases, resolveRef } from '../../module-refs';
import { defineRule } from '../../rule';

const SHIPPER_NAMES = Object.keys(LOG_SHIPPERS);
/** The winston transports that modules register on load, with their module. */
const REGISTERED = new Map<string, string>();
for (const [module, shipper] of Object.entries(LOG_SHIPPERS)) for (const name of shipper.registers ?? []) REGISTERED.set(name, module);

export default defineRule({
  id: 'logs/no-log-shipping',
  factor: 'logs',
  severity: 'warning',
  description: 'Logs sent to a log service by a transport inside the app; write them to stdout and let the environment route them.',
  messages: {
    ships:
      'Logs sent to {{service}} from inside the app ({{module}}); write them to stdout and let the environment route them (XI. Logs).',
  },
  skipIn: ['test', 'script'],
  create(ctx) {
    if (!mayShip(ctx.text)) return { visit: {} };
    // A forwarder for CloudWatch Logs subscriptions (a Lambda that receives `awslogs` payloads) is part of the
    // environment's log routing, not an app routing its own log.
    if (ctx.text.includes('awslogs')) return { visit: {} };
    // A published logging library (reaction's @reactioncommerce/logger) offers a transport; the app that configures it
    // decides where its log goes.
    if (ctx.project.isLibrary) return { visit: {} };
    const aliases = collectAliases(ctx.sourceFile, ctx.imports);
    const reported = new Set<string>();
    const report = (node: ts.Node, module: string, shipper: LogShipper, end?: number): void => {
      // One finding per service and file: a client and its transport (`new Logtail()`, `new LogtailTransport(logtail)`)
      // are one decision.
      if (reported.has(shipper.service)) return;
      reported.add(shipper.service);
      ctx.report(node, 'ships', { service: shipper.service, module }, end === undefined ? undefined : { start: node.getStart(ctx.sourceFile), end });
    };
    const loads = (module: string): boolean => ctx.text.includes(`'${module}'`) || ctx.text.includes(`"${module}"`) || ctx.text.includes(`\`${module}\``);

    /** The shipping module an expression reaches: an export of one, or `winston.transports.Papertrail` once registered. */
    const shipperOf = (expr: ts.Expression): { name: string; shipper: LogShipper } | undefined => {
      const ref = resolveRef(expr, ctx.imports, aliases);
      if (!ref) return undefined;
      const module = normalizeModule(ref.module);
      const direct = logShipperOf(module);
      if (direct) {
        const exports = direct.shipper.exports;
        return !exports || (ref.path.length === 1 && exports.includes(ref.path[0])) ? direct : undefined;
      }
      if (module === 'winston' && ref.path.length === 2 && ref.path[0] === 'transports') {
        const registering = REGISTERED.get(ref.path[1]);
        if (registering && loads(registering)) return { name: registering, shipper: LOG_SHIPPERS[registering] };
      }
      return undefined;
    };

    const onCallOrNew = (node: ts.Node): void => {
      const call = node as ts.CallExpression | ts.NewExpression;
      const found = shipperOf(call.expression);
      if (found) {
        report(call, found.name, found.shipper, call.expression.getEnd());
        return;
      }
      // winston 2: winston.add(winston.transports.Papertrail, options), logger.add(Loggly, options)
      const callee = skipOuterExpressions(call.expression);
      const first = call.arguments?.[0];
      if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(callee) && callee.name.text === 'add' && first) {
        const added = shipperOf(first);
        if (added) report(first, added.name, added.shipper);
      }
    };

    // pino transports: `{ target: 'pino-loki', options: { host } }` in pino(), pino.transport() or framework options.
    const onObject = (node: ts.Node): void => {
      const object = node as ts.ObjectLiteralExpression;
      for (const property of object.properties) {
        if (!ts.isPropertyAssignment(property) || propertyNameText(property.name) !== 'target') continue;
        const value = skipOuterExpressions(property.initializer);
        if (!isStringLiteralLike(value)) continue;
        const found = logShipperOf(value.text);
        if (found) report(property, found.name, found.shipper);
      }
    };

    return {
      visit: {
        CallExpression: onCallOrNew,
        NewExpression: onCallOrNew,
        ObjectLiteralExpression: onObject,
      },
    };
  },
});

const mayShip = textGate(SHIPPER_NAMES);
