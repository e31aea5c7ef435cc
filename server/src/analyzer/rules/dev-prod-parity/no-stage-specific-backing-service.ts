// Factor X, dev/prod parity: the same kind of backing service in every stage; no SQLite in development and
// PostgreSQL in production, no in-process cache where production has Redis, no JSON mail transport in place of SMTP.
// Docs: docs/rules/dev-prod-parity/no-stage-specific-backing-service.md
import ts from 'typescript';
import { isStringLiteralLike, normalizeModule, propertyNameText, skipOuterExpressions, textGate } from '../../ast';
import { DATABASE_DIALECTS, LOCAL_STAND_INS, SERVICE_PRODUCTS, serviceKindOf, type ServiceKind } from '../../knowledge/packages';
import { collectAliases, ConstLookup, resolveRef, type ModuleRef } from '../../module-refs';
import { collectStageFlags, excludesProduction, includesProduction, isStageReader, readStageTest, stageKeyedEntries, stageOfKey, type StageSide } from '../../stage';
import { forEachDescendant } from '../../walk';
import { defineRule } from '../../rule';

/** A side of a stage test: what it builds, and which stages run it. */
interface Arm {
  /** A node, or the statements of a `case` (with the cases that fall through to it). */
  node: ts.Node | readonly ts.Node[] | undefined;
  side: StageSide;
  stage: string;
}

/** One backing service an arm builds: its kind, its product, and whether it is a local stand-in for the real one. */
interface Service {
  kind: ServiceKind;
  product: string;
  standIn: boolean;
}

const KIND_WORD: Record<ServiceKind, string> = {
  database: 'database',
  cache: 'cache',
  queue: 'queue',
  email: 'mail transport',
  storage: 'storage',
  search: 'search service',
  directory: 'directory',
  metrics: 'metrics service',
};
/** Option keys that name a database dialect: knex `client`, Sequelize `dialect`, TypeORM `type`. */
const DIALECT_KEYS = new Set(['client', 'dialect', 'type', 'driver']);
/** Keys that make an object with a `type` a database config (TypeORM), not any typed thing. */
const DB_CONFIG_KEYS = new Set(['database', 'host', 'url', 'entities', 'synchronize', 'storage', 'filename', 'username', 'migrations', 'connection', 'port']);
const URL_SCHEMES: Record<string, Omit<Service, 'standIn'>> = {
  redis: { kind: 'cache', product: 'Redis' },
  rediss: { kind: 'cache', product: 'Redis' },
  amqp: { kind: 'queue', product: 'RabbitMQ' },
  amqps: { kind: 'queue', product: 'RabbitMQ' },
};
/** Most nodes read per arm: an arm is a few statements; a whole module in one `if` is not a service choice. */
const ARM_BUDGET = 3000;

export default defineRule({
  id: 'dev-prod-parity/no-stage-specific-backing-service',
  factor: 'dev-prod-parity',
  severity: 'warning',
  description: 'A NODE_ENV branch that builds a local stand-in (SQLite, an in-process cache, a JSON mail transport) where production uses the real service.',
  messages: {
    differs:
      '{{local}} {{localStage}}, {{real}} {{realStage}}: a different {{kind}} per stage. Use the same kind of {{kind}} everywhere, with a local instance in development (X. Dev/prod parity).',
  },
  // Scripts are read for env-keyed maps only (a knexfile is the config the app loads: see the docs page).
  skipIn: ['test'],
  create(ctx) {
    if (!mayTestStage(ctx.text)) return { visit: {} };
    // Read once per file, and only for a file that has a stage branch.
    let aliases: Map<string, ModuleRef> | undefined;
    const consts = new ConstLookup(ctx.sourceFile);
    const flags = collectStageFlags(ctx.sourceFile);
    const reported = new Set<ts.Node>();
    const resolve = (expr: ts.Expression): ModuleRef | undefined => resolveRef(expr, ctx.imports, (aliases ??= collectAliases(ctx.sourceFile, ctx.imports)));

    const compare = (at: ts.Node, a: Arm, b: Arm): void => {
      if (reported.has(at)) return;
      const [prod, local] = includesProduction(a.side) && excludesProduction(b.side) ? [a, b] : includesProduction(b.side) && excludesProduction(a.side) ? [b, a] : [];
      if (!prod || !local) return;
      if (!prod.node || !local.node) return;
      const prodServices = servicesIn(prod.node, resolve, consts);
      if (prodServices.length === 0) return;
      const localServices = servicesIn(local.node, resolve, consts);
      const clash = findClash(prodServices, localServices) ?? findClash(localServices, prodServices);
      if (!clash) return;
      reported.add(at);
      const [real, standIn] = clash;
      const localIsStandIn = localServices.includes(standIn);
      ctx.report(at, 'differs', {
        local: capitalize(localIsStandIn ? standIn.product : real.product),
        localStage: stageLabel(local.side, local.stage),
        real: localIsStandIn ? real.product : standIn.product,
        realStage: 'in production',
        kind: KIND_WORD[real.kind],
      });
    };

    const onConditional = (node: ts.Node): void => {
      if (ctx.fileKind.script) return;
      const expr = node as ts.ConditionalExpression;
      const test = readStageTest(expr.condition, flags);
      if (!test) return;
      compare(expr.condition, { node: armOf(expr.whenTrue, expr), side: test.whenTrue, stage: test.stage }, { node: armOf(expr.whenFalse, expr), side: test.whenFalse, stage: test.stage });
    };
    const onIf = (node: ts.Node): void => {
      if (ctx.fileKind.script) return;
      const statement = node as ts.IfStatement;
      if (!statement.elseStatement) return;
      const test = readStageTest(statement.expression, flags);
      if (!test) return;
      compare(statement.expression, { node: statement.thenStatement, side: test.whenTrue, stage: test.stage }, { node: statement.elseStatement, side: test.whenFalse, stage: test.stage });
    };
    // `{ development: { client: 'sqlite3' }, production: { client: 'pg' } }`: knexfiles, Sequelize and TypeORM configs.
    const onObject = (node: ts.Node): void => {
      const entries = stageKeyedEntries(node as ts.ObjectLiteralExpression);
      const prod = entries.find((entry) => entry.side === 'production');
      if (!prod || entries.length < 2) return;
      const before = reported.size;
      for (const entry of entries) {
        // One finding per map: `test` and `development` usually share their stand-in.
        if (entry.side !== 'local' || reported.size > before) continue;
        compare(entry.node, { node: consts.value(entry.value), side: 'local', stage: entry.stage }, { node: consts.value(prod.value), side: 'production', stage: prod.stage });
      }
    };

    // switch (process.env.NODE_ENV) { case 'development': …; case 'production': … }
    const onSwitch = (node: ts.Node): void => {
      if (ctx.fileKind.script) return;
      const statement = node as ts.SwitchStatement;
      if (!isStageReader(statement.expression, flags)) return;
      const arms: Array<{ label: ts.Node; stage: string; side: StageSide; statements: ts.Node[] }> = [];
      let pending: Array<{ label: ts.Node; stage: string; side: StageSide }> = [];
      for (const clause of statement.caseBlock.clauses) {
        const label = ts.isCaseClause(clause) ? skipOuterExpressions(clause.expression) : undefined;
        const side = label && isStringLiteralLike(label) ? stageOfKey(label.text) : undefined;
        if (label && side && isStringLiteralLike(label)) pending.push({ label, stage: label.text, side });
        if (clause.statements.length === 0) continue;
        for (const entry of pending) arms.push({ ...entry, statements: [...clause.statements] });
        pending = [];
      }
      const prod = arms.find((arm) => arm.side === 'production');
      if (!prod) return;
      for (const arm of arms) {
        if (arm.side !== 'local' || reported.has(statement)) continue;
        compare(arm.label, { node: arm.statements, side: 'local', stage: arm.stage }, { node: prod.statements, side: 'production', stage: prod.stage });
        if (reported.has(arm.label)) reported.add(statement);
      }
    };

    return {
      visit: {
        SwitchStatement: onSwitch,
        ConditionalExpression: onConditional,
        IfStatement: onIf,
        ObjectLiteralExpression: onObject,
      },
    };
  },
});

/** Every stage test names a stage variable, a stage flag, Express's `'env'` setting, or a stage. */
const mayTestStage = textGate(
  [
    'NODE_ENV', 'APP_ENV', 'NODE_CONFIG_ENV', 'DEPLOY_ENV', 'RUN_ENV', 'APP_STAGE', "'env'", '"env"', 'production',
    'isProd', 'IS_PROD', 'is_prod', 'inProduction', 'in_production', 'isDev', 'IS_DEV', 'is_dev', '__DEV__', 'isLocal',
    'IS_LOCAL', 'is_local', 'isTest', 'IS_TEST', 'is_test', 'inDevelopment', 'in_development', 'InProduction',
  ],
  ['ENV', 'ENVIRONMENT', 'STAGE'],
);

/**
 * A ternary's arm. A bare dialect string (`dialect: isProd ? 'postgres' : 'sqlite'`) is read as that dialect when the
 * ternary is the value of a dialect key or of a variable named after one; an `undefined` store means the default
 * MemoryStore only where the rule knows the option, so it is not read.
 */
function armOf(arm: ts.Expression, conditional: ts.ConditionalExpression): ts.Node | undefined {
  const value = skipOuterExpressions(arm);
  if (!isStringLiteralLike(value)) return value;
  const parent = conditional.parent;
  const key = ts.isPropertyAssignment(parent) ? propertyNameText(parent.name) : ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  if (key === undefined) return value;
  return DIALECT_KEYS.has(key) || /^(db|database)?(dialect|client|type|driver)$/i.test(key) ? value : undefined;
}

function findClash(real: readonly Service[], other: readonly Service[]): [Service, Service] | undefined {
  for (const service of real) {
    if (service.standIn) continue;
    const sameKind = other.filter((candidate) => candidate.kind === service.kind);
    // The other arm builds only stand-ins of that kind: nothing real it could share with production.
    if (sameKind.length > 0 && sameKind.every((candidate) => candidate.standIn)) return [service, sameKind[0]];
  }
  return undefined;
}

/** The backing services an arm builds, read from its constructors, dialect options, URLs and mail transports. */
function servicesIn(roots: ts.Node | readonly ts.Node[], resolve: (expr: ts.Expression) => ModuleRef | undefined, consts: ConstLookup): Service[] {
  const found: Service[] = [];
  let budget = ARM_BUDGET;
  const visit = (node: ts.Node): boolean | undefined => {
    if (--budget < 0) return false;
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const service = constructed(node, resolve);
      if (service) found.push(service);
    } else if (isStringLiteralLike(node)) {
      const service = fromString(node);
      if (service) found.push(service);
    } else if (ts.isObjectLiteralExpression(node)) {
      const service = fromOptions(node, consts);
      if (service) found.push(service);
    }
    return undefined;
  };
  for (const root of Array.isArray(roots) ? roots : [roots as ts.Node]) {
    if (visit(root) !== false) forEachDescendant(root, visit);
  }
  return found;
}

function constructed(call: ts.CallExpression | ts.NewExpression, resolve: (expr: ts.Expression) => ModuleRef | undefined): Service | undefined {
  const callee = skipOuterExpressions(call.expression);
  // new Map() as a cache stands in for Redis only next to a real cache; findClash matches kinds.
  if (ts.isNewExpression(call) && ts.isIdentifier(callee) && callee.text === 'Map' && (call.arguments?.length ?? 0) === 0) {
    return { kind: 'cache', product: 'an in-process Map', standIn: true };
  }
  const ref = resolve(callee);
  if (!ref) return undefined;
  const module = normalizeModule(ref.module);
  const standIn = LOCAL_STAND_INS[module] ?? LOCAL_STAND_INS[ref.module];
  if (standIn) return { ...standIn, standIn: true };
  // express-session's own MemoryStore.
  if (module === 'express-session' && ref.path[ref.path.length - 1] === 'MemoryStore') return undefined;
  const product = Object.prototype.hasOwnProperty.call(SERVICE_PRODUCTS, module) ? SERVICE_PRODUCTS[module] : undefined;
  const kind = serviceKindOf(module);
  if (product && kind) return { kind, product, standIn: false };
  return undefined;
}

/** `'sqlite::memory:'`, `'postgres://…'`, `'redis://…'`, a bare dialect string (see armOf). */
function fromString(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): Service | undefined {
  const text = node.text.trim();
  const scheme = /^([a-z][a-z0-9+]*):/i.exec(text)?.[1].toLowerCase();
  if (scheme !== undefined) {
    if (URL_SCHEMES[scheme]) return { ...URL_SCHEMES[scheme], standIn: false };
    const product = Object.prototype.hasOwnProperty.call(DATABASE_DIALECTS, scheme) ? DATABASE_DIALECTS[scheme] : undefined;
    return product ? { kind: 'database', product, standIn: product === 'SQLite' } : undefined;
  }
  const parent = node.parent;
  // A dialect string in a dialect option or as a ternary arm kept by armOf.
  const key = ts.isPropertyAssignment(parent) && parent.initializer === node ? propertyNameText(parent.name) : undefined;
  if (key !== undefined && !DIALECT_KEYS.has(key)) return undefined;
  if (key === 'type' || key === 'driver') {
    const object = parent.parent;
    if (!ts.isObjectLiteralExpression(object) || !object.properties.some((p) => p.name !== undefined && DB_CONFIG_KEYS.has(propertyNameText(p.name) ?? ''))) return undefined;
  }
  if (key === undefined && !ts.isConditionalExpression(parent)) return undefined;
  const product = Object.prototype.hasOwnProperty.call(DATABASE_DIALECTS, text.toLowerCase()) ? DATABASE_DIALECTS[text.toLowerCase()] : undefined;
  return product ? { kind: 'database', product, standIn: product === 'SQLite' } : undefined;
}

/**
 * Mail transport options: nodemailer's `{ jsonTransport: true }` / `{ streamTransport: true }` send nothing; `{ host,
 * port | auth }` and `{ service }` send through SMTP, `{ sendmail: true }` through the local MTA.
 */
function fromOptions(object: ts.ObjectLiteralExpression, consts: ConstLookup): Service | undefined {
  const keys = new Map<string, ts.Expression>();
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property)) {
      const name = propertyNameText(property.name);
      if (name !== undefined) keys.set(name, consts.value(property.initializer));
    } else if (ts.isShorthandPropertyAssignment(property)) {
      keys.set(property.name.text, property.name);
    }
  }
  const isTrue = (name: string): boolean => keys.get(name)?.kind === ts.SyntaxKind.TrueKeyword;
  if (isTrue('jsonTransport')) return { kind: 'email', product: 'a JSON transport that sends no mail', standIn: true };
  if (isTrue('streamTransport')) return { kind: 'email', product: 'a stream transport that sends no mail', standIn: true };
  if (!isMailTransportArgument(object)) return undefined;
  if (isTrue('sendmail')) return { kind: 'email', product: 'sendmail', standIn: false };
  if (keys.has('service') || (keys.has('host') && (keys.has('port') || keys.has('auth') || keys.has('secure')))) {
    return { kind: 'email', product: 'SMTP', standIn: false };
  }
  return undefined;
}

/** The options object passed to `createTransport(…)` (nodemailer, or a project's wrapper of the same name). */
function isMailTransportArgument(object: ts.ObjectLiteralExpression): boolean {
  const parent = object.parent;
  if (!ts.isCallExpression(parent) || parent.arguments[0] !== object) return false;
  const callee = skipOuterExpressions(parent.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  return name === 'createTransport' || name === 'createTransporter';
}

function stageLabel(side: StageSide, stage: string): string {
  if (side === 'not-production') return 'outside production';
  return /test/i.test(stage) ? 'in tests' : 'in development';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
