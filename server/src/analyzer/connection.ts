// Where a backing service's address is handed over: client constructors, connection option objects, and the
// module constants that feed them. Shared by backing-services/* and port-binding/no-hardcoded-port, which must
// agree on what a "connection options object" is. Pure syntax; no type checker.
import ts from 'typescript';
import { normalizeModule, outerParent, propertyNameText, rootModule, skipOuterExpressions, type ImportMap } from './ast';
import { someNode } from './walk';

/** Hosts that name this machine or every interface: binding addresses, sidecars and dev defaults. */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    h === '0.0.0.0' ||
    h === '::' ||
    h === '::1' ||
    h === '0:0:0:0:0:0:0:1' ||
    h === 'ip6-localhost' ||
    h === 'unix' || // request/got socket URLs: http://unix:/var/run/docker.sock:/path
    h === 'host.docker.internal' ||
    h === 'host.containers.internal'
  );
}

/**
 * Example and template hosts that nobody connects to: RFC 2606/6761 names (`example.com`, `*.test`, `*.invalid`),
 * `your-db-host`, `<host>`, `HOST`, `${HOST}`, `xxx`.
 */
export function isPlaceholderHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === '') return true;
  if (/[<>{}$%*\s]/.test(host)) return true;
  if (/^[A-Z][A-Z0-9_]*$/.test(host)) return true; // HOST, DB_HOST: a name to substitute
  if (/^(host|hostname|server|domain|address|ip|db|database|dbhost|db_host|myhost|yourhost|somehost|hostname\.com)$/.test(h)) {
    // 'db' and 'database' are real compose service names too, but as whole placeholders they appear in docs
    // templates like `postgres://user:pass@host/db`; only 'host'-like words are dropped here.
    if (h !== 'db' && h !== 'database') return true;
  }
  if (/(^|[._-])(your|my|some)[._-]?(db|database|redis|mongo|server|host|domain|cluster|instance|app|project|account|bucket|broker)/.test(h)) return true;
  if (/^x+$/.test(h) || /^(foo|bar|baz|changeme|placeholder|todo|tbd|none|null|undefined|test|dummy|fake|mock|base|default|auto|any|all|true|false)$/.test(h)) return true;
  if (/(^|\.)example(\.(com|net|org))?$/.test(h) || /\.(test|invalid|example)$/.test(h)) return true;
  // db.host.com, mydomain.com, yourcompany.net: template text.
  if (h.split('.').some((label) => /^(host|hostname|yourhost|myhost|domain|yourdomain|mydomain|yourcompany|mycompany|yourserver|myserver|yourapp|myapp|someserver)$/.test(label))) {
    return true;
  }
  return false;
}

/** Catch-all mail and test services that only development points at: Ethereal, Mailtrap's sandbox, MailHog. */
export function isDevOnlyHost(host: string): boolean {
  const h = host.toLowerCase();
  return /(^|\.)(ethereal\.email|mailtrap\.io)$/.test(h) || /^(mailhog|mailpit|maildev|smtp4dev|mailcatcher)$/.test(h);
}

/**
 * A host whose labels name a non-production environment (`sandbox-quickbooks.api.intuit.com`, `api.staging.acme.io`):
 * a URL that must change before production. The registrable domain itself is not read (`dev.to` is a site), and a bare
 * `dev.` / `test.` in front of it is a product name as often as a stage (`dev.azure.com`), so those need company.
 * `prod` is not a label here: vendors name their one public endpoint that way.
 */
export function hasEnvironmentLabel(host: string): boolean {
  const labels = host.toLowerCase().split('.');
  if (labels.length < 3) return false;
  const sub = labels.slice(0, -2);
  const words = sub.flatMap((label) => label.split('-'));
  if (words.some((word) => /^(sandbox|staging|stage|stg|uat|qa|preprod|preproduction|nonprod)$/.test(word))) return true;
  const ambiguous = /^(dev|develop|development|test|testing)$/;
  if (sub.length === 1 && ambiguous.test(sub[0])) return false;
  return words.some((word) => ambiguous.test(word));
}

/** An IPv4 address, or an IPv6 address in brackets or bare. */
export function isIpAddress(text: string): boolean {
  if (/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(text)) return true;
  const v6 = text.replace(/^\[|\]$/g, '');
  return v6.includes(':') && /^[0-9a-f:.]+$/i.test(v6) && /^(([0-9a-f]{1,4})?:){2,7}[0-9a-f.]*$/i.test(v6);
}

/** A DNS name (one or more labels) or an IP address, optionally followed by `:port`. */
export function parseHostAndPort(text: string): { host: string; port?: number } | undefined {
  const trimmed = text.trim();
  if (isIpAddress(trimmed)) return { host: trimmed };
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*\.?)(?::(\d{1,5}))?$/i.exec(trimmed);
  if (!match) return undefined;
  const host = match[1];
  if (!host.startsWith('[') && !/[a-z]/i.test(host) && !isIpAddress(host)) return undefined; // '1.2.3' is a version
  return match[5] === undefined ? { host } : { host, port: Number(match[5]) };
}

/** Hosts that only resolve inside a private network: IPs, single labels (compose services), private suffixes. */
export function isInternalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (isIpAddress(h)) return true;
  if (!h.includes('.')) return true;
  return /\.(internal|local|lan|corp|home|intranet|intra|private|svc|cluster\.local|consul|docker|priv)$/.test(h);
}

const CLIENT_MODULES = new Set([
  'pg',
  'pg-pool',
  'pg-promise',
  'postgres',
  '@neondatabase/serverless',
  'mysql',
  'mysql2',
  'mariadb',
  'mssql',
  'tedious',
  'oracledb',
  'redis',
  'ioredis',
  '@redis/client',
  'mongodb',
  'mongoose',
  'nodemailer',
  'sequelize',
  'sequelize-typescript',
  'knex',
  'typeorm',
  '@nestjs/typeorm',
  '@nestjs/mongoose',
  '@nestjs/bull',
  '@nestjs/bullmq',
  '@mikro-orm/core',
  'amqplib',
  'amqp-connection-manager',
  'kafkajs',
  'node-rdkafka',
  'memcached',
  'memjs',
  '@elastic/elasticsearch',
  'elasticsearch',
  '@opensearch-project/opensearch',
  'bull',
  'bullmq',
  'bee-queue',
  'cassandra-driver',
  'neo4j-driver',
  'nats',
  'mqtt',
  'couchbase',
  'rethinkdb',
  'connect-redis',
  'connect-mongo',
  'net',
  'tls',
  'ssh2',
  'ftp',
  'basic-ftp',
  'ldapjs',
  'minio',
  'hot-shots',
  'node-statsd',
  'statsd-client',
  'consul',
  'graphite',
]);

/** Callee names that construct a client even when the import could not be seen (e.g. a re-exported class). */
const CLIENT_NAMES = new Set([
  'Sequelize',
  'Redis',
  'IORedis',
  'MongoClient',
  'Kafka',
  'Memcached',
  'createTransport',
  'createConnection',
  'createPool',
  'createPoolCluster',
]);

/** `mysql2/promise` → `mysql2`, `@redis/client/dist` → `@redis/client`, `node:net` → `net`. */
export function packageName(module: string): string {
  const m = normalizeModule(module);
  const parts = m.split('/');
  return m.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The module a callee comes from, through imports, `require('m').x(…)` and `require('m')(…)`. */
export function calleeModule(callee: ts.Expression, imports: ImportMap): string | undefined {
  const bound = rootModule(callee, imports);
  if (bound) return packageName(bound.module);
  let current = skipOuterExpressions(callee);
  while (ts.isPropertyAccessExpression(current)) current = skipOuterExpressions(current.expression);
  if (ts.isCallExpression(current) && ts.isIdentifier(current.expression) && current.expression.text === 'require') {
    const [arg] = current.arguments;
    if (arg && ts.isStringLiteralLike(arg)) return packageName(arg.text);
  }
  return undefined;
}

/** The last name of a callee: `new pg.Pool` → 'Pool', `mysql.createConnection` → 'createConnection'. */
export function calleeLastName(callee: ts.Expression): string | undefined {
  const expr = skipOuterExpressions(callee);
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

// Calls into a client module that take data rather than connection options (schemas, models, queries).
const NON_CONNECTING = /^(Schema|model|define|init|query|execute|raw|set|get|send|sendMail|publish|subscribe|add|process|on|once|emit|model|Model|createHash|createServer|Server|write|end)$/;

/** A call or `new` that builds a client of a backing service (database, cache, queue, mail, raw socket). */
export function isClientCall(call: ts.CallExpression | ts.NewExpression, imports: ImportMap): boolean {
  const last = calleeLastName(call.expression);
  const module = calleeModule(call.expression, imports);
  if (module !== undefined && CLIENT_MODULES.has(module)) {
    if (last !== undefined && NON_CONNECTING.test(last)) return last === 'init' && module === '@mikro-orm/core';
    return true;
  }
  return last !== undefined && CLIENT_NAMES.has(last);
}

// Words in a key or variable name that say "this is a backing service's settings".
const SERVICE_WORDS = new Set([
  'db',
  'database',
  'databases',
  'datasource',
  'redis',
  'mongo',
  'mongodb',
  'mongoose',
  'mysql',
  'mariadb',
  'postgres',
  'postgresql',
  'pg',
  'psql',
  'sql',
  'mssql',
  'sqlserver',
  'oracle',
  'smtp',
  'mail',
  'mailer',
  'email',
  'amqp',
  'rabbit',
  'rabbitmq',
  'kafka',
  'broker',
  'nats',
  'cache',
  'memcache',
  'memcached',
  'elastic',
  'elasticsearch',
  'opensearch',
  'cassandra',
  'couchbase',
  'neo4j',
  'sequelize',
  'knex',
  'typeorm',
  'connection',
  'sentinel',
  'sentinels',
  'replica',
  'replication',
  'queue',
  'bull',
]);

/** Keys that nest more options of the object around them: knex `connection`, node-redis `socket`, … */
const NESTING_KEYS = new Set([
  'options',
  'config',
  'settings',
  'socket',
  'connection',
  'replication',
  'read',
  'write',
  'master',
  'primary',
  'replicas',
  'slaves',
  'sentinels',
  'nodes',
  'servers',
  'cluster',
  'clientOptions',
  'redisOptions',
  'connectionOptions',
  'extra',
]);

// Keys that, next to a host, only a database's options carry. `user` and `password` are not among them:
// `{ host: 'github.com', user: 'git' }` is a git remote, `{ host, port, password, nick }` an IRC network (thelounge).
const DB_KEYS = new Set(['database', 'db', 'dbname', 'dbName', 'dialect', 'connectionLimit', 'charset']);
const DB_TYPES = /^(postgres|postgresql|mysql|mariadb|mssql|oracle|mongodb|cockroachdb|sqlserver|redis|pg|mysql2)$/;

/** Lower-case words of an identifier: `dbConfig` → ['db', 'config'], `REDIS_URL` → ['redis', 'url']. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

function hasServiceWord(name: string): boolean {
  return nameWords(name).some((word) => SERVICE_WORDS.has(word));
}

function ownKeys(object: ts.ObjectLiteralExpression): Map<string, ts.ObjectLiteralElementLike> {
  const keys = new Map<string, ts.ObjectLiteralElementLike>();
  for (const property of object.properties) {
    const name = ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property) ? propertyNameText(property.name) : undefined;
    if (name !== undefined) keys.set(name, property);
  }
  return keys;
}

/**
 * True when an object literal holds a backing service's connection options: it is handed to a client
 * (`new Pool({…})`, `createClient({ socket: {…} })`, `new Redis.Cluster([{…}])`), sits under a service key
 * (`db: {…}`, `redis: {…}`, knex `connection: {…}`), is bound to a service name (`const dbConfig = {…}`), or
 * carries database keys next to its host (`{ host, user, database }`, TypeORM `{ type: 'postgres', host }`).
 */
export function isConnectionOptions(object: ts.ObjectLiteralExpression, imports: ImportMap, depth = 0): boolean {
  if (depth > 4) return false;
  const keys = ownKeys(object);
  const hasHostKey = keys.has('host') || keys.has('hostname') || keys.has('server');
  if (hasHostKey) {
    for (const key of keys.keys()) if (DB_KEYS.has(key)) return true;
    const type = keys.get('type') ?? keys.get('client');
    if (type && ts.isPropertyAssignment(type)) {
      const value = skipOuterExpressions(type.initializer);
      if (ts.isStringLiteralLike(value) && DB_TYPES.test(value.text)) return true;
    }
    if (keys.has('secure') && keys.has('auth')) return true; // nodemailer SMTP transport
  }
  let node: ts.Node = object;
  let parent = outerParent(node);
  while (parent && ts.isArrayLiteralExpression(parent)) {
    node = parent;
    parent = outerParent(parent);
  }
  if (!parent) return false;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.some((arg) => skipOuterExpressions(arg) === node)) {
    return isClientCall(parent, imports);
  }
  if (ts.isPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent)) {
    const key = propertyNameText(parent.name);
    if (key === undefined || key === 'headers') return false;
    if (hasServiceWord(key)) return true;
    return NESTING_KEYS.has(key) && isConnectionOptions(parent.parent, imports, depth + 1);
  }
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return hasServiceWord(parent.name.text);
  // config.mail_opts = { host, port, auth } (egg.js configs), exports.redis = { host }: named like a declaration.
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && skipOuterExpressions(parent.right) === node) {
    const target = skipOuterExpressions(parent.left);
    const name = ts.isIdentifier(target) ? target.text : ts.isPropertyAccessExpression(target) ? target.name.text : undefined;
    return name !== undefined && hasServiceWord(name);
  }
  return false;
}

/**
 * The literal a name stands for, when it is declared once in an enclosing scope of this file and never
 * reassigned: `const PORT = 3000; app.listen(PORT)` → `3000`. Follows one property chain through object
 * literals (`config.server.port`). Returns undefined for parameters, imports and anything computed.
 */
export function resolveLiteral(expression: ts.Expression): ts.Expression | undefined {
  const expr = skipOuterExpressions(expression);
  const path: string[] = [];
  let root: ts.Expression = expr;
  while (ts.isPropertyAccessExpression(root)) {
    path.unshift(root.name.text);
    root = skipOuterExpressions(root.expression);
  }
  if (!ts.isIdentifier(root) || path.length > 3) return undefined;
  const declaration = findDeclaration(root);
  if (!declaration?.initializer) return undefined;
  let value: ts.Expression = skipOuterExpressions(declaration.initializer);
  for (const key of path) {
    if (!ts.isObjectLiteralExpression(value)) return undefined;
    const property = value.properties.find(
      (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === key,
    );
    if (!property) return undefined;
    value = skipOuterExpressions(property.initializer);
  }
  if (ts.isObjectLiteralExpression(value) || ts.isArrayLiteralExpression(value)) return undefined;
  return value;
}

function findDeclaration(id: ts.Identifier): ts.VariableDeclaration | undefined {
  const name = id.text;
  for (let scope: ts.Node | undefined = id.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope) && scope.parameters.some((p) => bindsName(p.name, name))) return undefined;
    if (!(ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope))) {
      continue;
    }
    for (const statement of scope.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.name.text === name) {
          const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
          return isConst || !isReassigned(scope, name) ? decl : undefined;
        }
        if (!ts.isIdentifier(decl.name) && bindsName(decl.name, name)) return undefined;
      }
    }
  }
  return undefined;
}

function bindsName(name: ts.BindingName, text: string): boolean {
  if (ts.isIdentifier(name)) return name.text === text;
  return name.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, text));
}

function isReassigned(scope: ts.Node, name: string): boolean {
  return someNode(scope, (node) => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const target = skipOuterExpressions(node.left);
      if (ts.isIdentifier(target) && target.text === name) return true;
    }
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && ts.isIdentifier(node.operand) && node.operand.text === name) {
      return node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken;
    }
    return false;
  });
}

/** True when `value` is the right side of `x || value` / `x ?? value` with a computed left side: a default. */
export function isDefaultOfComputedValue(value: ts.Expression): boolean {
  const parent = outerParent(value);
  if (!parent || !ts.isBinaryExpression(parent)) return false;
  const op = parent.operatorToken.kind;
  if (op !== ts.SyntaxKind.BarBarToken && op !== ts.SyntaxKind.QuestionQuestionToken) return false;
  if (skipOuterExpressions(parent.right) !== skipOuterExpressions(value) && parent.right !== value) return false;
  const left = skipOuterExpressions(parent.left);
  return !(ts.isStringLiteralLike(left) || ts.isNumericLiteral(left));
}
