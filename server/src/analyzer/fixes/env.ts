// "Move to environment variable NAME": replaces a hard-coded literal with an environment read and declares NAME in
// the project's .env.example. Shared by the config, backing-services and port-binding rules.
//
// The program must do what it did before both with NAME unset and with the written .env.example loaded as its
// environment (dotenv, `node --env-file`, `process.loadEnvFile`, a copy to .env), where an empty `NAME=` reads as ''.
// So both: a non-secret is read as `process.env.NAME || 'literal'` (empty means unset) AND its literal is written
// into .env.example as `NAME=literal`; a secret gets no default, is never written anywhere (`NAME=` stays empty) and
// is read through a check that throws when it is missing: `process.env.NAME || missingEnv('NAME')`, typed `string`.
import ts from 'typescript';
import { containsEnvRead, envReadName, outerParent, propertyNameText, rootModule, skipOuterExpressions, type ImportMap } from '../ast';
import type { ProjectView } from '../project';
import type { Fix, TextEdit } from '../rule';
import { freeName, namesInUse, sourceStyle } from './style';

/** Names that say what a value is but not what it belongs to: `{ redis: { url } }` needs the `redis`. */
const GENERIC_LEAVES = new Set([
  'url', 'uri', 'dsn', 'host', 'hostname', 'port', 'password', 'pass', 'passwd', 'pwd', 'user', 'username',
  'key', 'secret', 'token', 'name', 'database', 'db', 'connectionstring', 'connection', 'endpoint', 'baseurl',
  'server', 'address', 'addr', 'brokers', 'broker', 'node', 'nodes', 'auth', 'apikey', 'accesskey', 'region',
  'bucket', 'clientsecret', 'clientid', 'privatekey', 'path', 'hosts', 'servers', 'contactpoints',
]);

/** Names of containers that say nothing about the value: skipped when composing a variable name. */
const CONTAINERS = new Set([
  'config', 'conf', 'cfg', 'options', 'opts', 'settings', 'default', 'defaults', 'env', 'environment',
  'development', 'production', 'staging', 'test', 'local', 'credentials', 'creds', 'params', 'props',
  'module', 'exports', 'this', 'app', 'connection', 'connectionoptions', 'client', 'clientoptions', 'init', 'socket',
]);

/** Default variable names by URL scheme, for literals that have no name of their own. */
const SCHEME_NAMES: Record<string, string> = {
  postgres: 'DATABASE_URL',
  postgresql: 'DATABASE_URL',
  mysql: 'DATABASE_URL',
  mariadb: 'DATABASE_URL',
  mongodb: 'MONGODB_URI',
  'mongodb+srv': 'MONGODB_URI',
  redis: 'REDIS_URL',
  rediss: 'REDIS_URL',
  amqp: 'AMQP_URL',
  amqps: 'AMQP_URL',
  smtp: 'SMTP_URL',
  smtps: 'SMTP_URL',
  nats: 'NATS_URL',
  kafka: 'KAFKA_BROKERS',
};

/** What a client module connects to, to qualify generic option names: `new Redis({ port })` → `REDIS_PORT`. */
const SERVICE_QUALIFIERS: Record<string, string> = {
  pg: 'PG', 'pg-pool': 'PG', 'pg-promise': 'PG', postgres: 'POSTGRES', '@neondatabase/serverless': 'PG',
  mysql: 'MYSQL', mysql2: 'MYSQL', mariadb: 'MARIADB', mssql: 'MSSQL', tedious: 'MSSQL', oracledb: 'ORACLE',
  redis: 'REDIS', ioredis: 'REDIS', '@redis/client': 'REDIS', mongodb: 'MONGO', mongoose: 'MONGO',
  nodemailer: 'SMTP', sequelize: 'DB', 'sequelize-typescript': 'DB', knex: 'DB', typeorm: 'DB',
  amqplib: 'AMQP', 'amqp-connection-manager': 'AMQP', kafkajs: 'KAFKA', 'node-rdkafka': 'KAFKA',
  memcached: 'MEMCACHED', memjs: 'MEMCACHED', '@elastic/elasticsearch': 'ELASTICSEARCH', elasticsearch: 'ELASTICSEARCH',
  '@opensearch-project/opensearch': 'OPENSEARCH', 'cassandra-driver': 'CASSANDRA', 'neo4j-driver': 'NEO4J',
  nats: 'NATS', mqtt: 'MQTT', couchbase: 'COUCHBASE', ldapjs: 'LDAP', minio: 'MINIO', 'hot-shots': 'STATSD',
  'node-statsd': 'STATSD', 'statsd-client': 'STATSD', consul: 'CONSUL',
  // Constructors seen without their import (re-exported or required by another name).
  Redis: 'REDIS', IORedis: 'REDIS', Kafka: 'KAFKA', Sequelize: 'DB', Memcached: 'MEMCACHED', MongoClient: 'MONGO',
};

/** The qualifier of a client module (`ioredis` → `REDIS`, `mysql2/promise` → `MYSQL`), or undefined. */
export function serviceQualifier(module: string): string | undefined {
  const m = module.replace(/^node:/, '');
  const parts = m.split('/');
  const pkg = m.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return Object.prototype.hasOwnProperty.call(SERVICE_QUALIFIERS, pkg) ? SERVICE_QUALIFIERS[pkg] : undefined;
}

/** `dbConfig` → `db`, `redisOptions` → `redis`: the container words at the end of a name say nothing. */
function withoutContainerSuffix(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean);
  while (words.length > 1 && CONTAINERS.has(words[words.length - 1].toLowerCase())) words.pop();
  const rest = words.join('_');
  return CONTAINERS.has(rest.toLowerCase().replace(/[^a-z0-9]/g, '')) ? '' : rest;
}

/** `dbPassword` → `DB_PASSWORD`, `baseURL` → `BASE_URL`, `api-key` → `API_KEY`. */
export function toEnvName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_+/g, '_')
    .toUpperCase();
}

/**
 * Names the value is bound to, innermost first (`{ redis: { url: '…' } }` → ['url', 'redis']), and the
 * service of the client call that takes it, if any.
 */
function namePath(value: ts.Expression, imports: ImportMap): { names: string[]; qualifier?: string; several: boolean } {
  const names: string[] = [];
  let qualifier: string | undefined;
  let several = false;
  let node: ts.Node = value;
  for (let depth = 0; depth < 6 && node; depth++) {
    const parent = outerParent(node);
    if (!parent) break;
    if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
      const name = propertyNameText(parent.name);
      if (name !== undefined) names.push(name);
      node = ts.isPropertyAssignment(parent) ? parent.parent : parent.parent;
      continue;
    }
    if (ts.isObjectLiteralExpression(parent) || ts.isArrayLiteralExpression(parent)) {
      if (ts.isArrayLiteralExpression(parent) && parent.elements.length > 1) several = true;
      node = parent;
      continue;
    }
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
      names.push(parent.name.text);
      break;
    }
    if (ts.isParameter(parent) || ts.isBindingElement(parent)) {
      const name = ts.isBindingElement(parent) && parent.propertyName ? propertyNameText(parent.propertyName) : undefined;
      if (name !== undefined) names.push(name);
      else if (ts.isIdentifier(parent.name)) names.push(parent.name.text);
      break;
    }
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      let target: ts.Expression = skipOuterExpressions(parent.left);
      while (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
        const part = ts.isPropertyAccessExpression(target)
          ? target.name.text
          : ts.isStringLiteralLike(target.argumentExpression)
            ? target.argumentExpression.text
            : undefined;
        if (part !== undefined) names.push(part);
        target = skipOuterExpressions(target.expression);
      }
      if (ts.isIdentifier(target)) names.push(target.text);
      break;
    }
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      // .set('x-api-key', '…') / headers.append('Authorization', '…'): the value is named by the key before it.
      const args = parent.arguments ?? ts.factory.createNodeArray();
      const index = args.findIndex((arg) => arg === node || skipOuterExpressions(arg) === node);
      const key = index > 0 ? args[index - 1] : undefined;
      if (key && ts.isStringLiteralLike(key) && /^(x-[\w-]+|authorization|[\w-]*(token|key|secret|password)[\w-]*)$/i.test(key.text)) {
        names.push(key.text);
        break;
      }
      // mysql.createConnection({ host }) → MYSQL_HOST; new Redis({ port }) → REDIS_PORT.
      const binding = rootModule(parent.expression, imports);
      if (binding) qualifier = serviceQualifier(binding.module);
      else if (ts.isIdentifier(parent.expression) || ts.isPropertyAccessExpression(parent.expression)) {
        qualifier = serviceQualifier(ts.isIdentifier(parent.expression) ? parent.expression.text : parent.expression.name.text);
      }
      break;
    }
    break;
  }
  return { names, qualifier, several };
}

/**
 * A valid environment variable name for a literal, from the names it is bound to, else from what its URL points at
 * (`https://api.sandbox.paypal.com` → `PAYPAL_API_URL`, `postgres://db/analytics` → `DATABASE_URL`, then
 * `ANALYTICS_DATABASE_URL`), else `fallback`. A name the project already reads for something else is passed over for
 * the next meaningful one; a numbered suffix (`_2`) only when no meaningful name is left.
 */
export function envNameFor(
  literal: ts.Expression,
  imports: ImportMap,
  taken: ReadonlySet<string>,
  fallback = 'APP_CONFIG',
): string {
  const { names, qualifier } = namePath(literal, imports);
  const isGeneric = (name: string): boolean => GENERIC_LEAVES.has(name.toLowerCase().replace(/[^a-z0-9]/g, ''));
  const parts: string[] = [];
  for (const name of names) {
    const trimmed = withoutContainerSuffix(name);
    if (trimmed === '') continue;
    parts.unshift(trimmed);
    if (!isGeneric(trimmed)) break;
  }
  const text = ts.isStringLiteralLike(literal) ? literal.text : '';
  const fromUrl = urlEnvNames(text);
  const candidates: string[] = [];
  if (parts.length > 0 && !parts.every(isGeneric)) candidates.push(toEnvName(parts.join('_')));
  else if (fromUrl.length > 0 && parts.length <= 1) candidates.push(...fromUrl);
  else if (qualifier && parts.length > 0) candidates.push(toEnvName([qualifier, ...parts].join('_')));
  else if (parts.length > 0) {
    const base = toEnvName(parts.join('_'));
    // `{ port: 5432 }` of a database is DB_PORT, never the PORT the app binds to: the rule's name wins.
    candidates.push(fallback.endsWith(`_${base}`) ? fallback : base);
  } else candidates.push(fallback);
  const valid = candidates.map((name) => (/^[A-Z_]/.test(name) ? name : `APP_${name}`));
  const free = valid.find((name) => !taken.has(name));
  if (free !== undefined) return free;
  const base = valid[0];
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  return name;
}

/** Suffixes after which the first label names the service: `orders.internal`, `billing.prod.svc.cluster.local`. */
const PRIVATE_SUFFIX = /\.(svc\.cluster\.local|cluster\.local|svc|local|localdomain|internal|intranet|corp|lan|home\.arpa|private)$/i;
/** Hosting platforms whose own domain says nothing: the label before it names the app (`acme-api.herokuapp.com`). */
const PLATFORM_SUFFIX =
  /\.(herokuapp\.com|vercel\.app|netlify\.app|onrender\.com|fly\.dev|railway\.app|azurewebsites\.net|appspot\.com|run\.app|cloudfunctions\.net|amazonaws\.com|ngrok\.io|ngrok-free\.app|pages\.dev|workers\.dev|web\.app|firebaseapp\.com|github\.io|glitch\.me|repl\.co|deno\.dev)$/i;
/** Labels that say which deploy or which door, not which service. */
const ENVIRONMENT_WORDS = new Set([
  'www', 'sandbox', 'staging', 'stage', 'stg', 'prod', 'production', 'prd', 'dev', 'develop', 'development', 'test',
  'testing', 'qa', 'uat', 'preview', 'demo', 'int', 'internal', 'private', 'public', 'eu', 'us', 'local', 'beta', 'alpha',
  'live', 'svc', 'service', 'services', 'srv', 'server', 'app', 'apps', 'rest', 'gateway', 'gw', 'backend', 'edge', 'cdn',
]);
const ROLE_WORDS: Record<string, string> = { api: 'API', apis: 'API', hooks: 'WEBHOOK', hook: 'WEBHOOK', webhook: 'WEBHOOK', webhooks: 'WEBHOOK', graphql: 'GRAPHQL', gql: 'GRAPHQL' };

/**
 * Names for a URL, best first: an HTTP URL after the service it reaches (`https://api.sandbox.paypal.com` →
 * `PAYPAL_API_URL`, `https://hooks.slack.com/services/…` → `SLACK_WEBHOOK_URL`, `http://orders.internal:8080` →
 * `ORDERS_URL`); a backing service's URL after its scheme, then its database or host (`postgres://db/analytics` →
 * `DATABASE_URL`, `ANALYTICS_DATABASE_URL`). Empty when the text is not a URL.
 */
export function urlEnvNames(text: string): string[] {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#,]*)(?::\d+)?(?:,[^/?#]*)?(\/[^?#]*)?/i.exec(text);
  if (!match) return [];
  const scheme = match[1].toLowerCase();
  const host = match[2].toLowerCase();
  const path = (match[3] ?? '').toLowerCase();
  const service = serviceName(host);
  if (scheme === 'http' || scheme === 'https' || scheme === 'ws' || scheme === 'wss') {
    const roles = [...service.roles, ...path.split('/').filter(Boolean).slice(0, 2).flatMap((segment) => segment.split(/[-_.]/))]
      .map((word) => ROLE_WORDS[word])
      .filter((role): role is string => role !== undefined);
    const role = roles[0] ?? (scheme.startsWith('ws') ? 'WS' : undefined);
    if (service.name === undefined) return [role === undefined || role === 'API' ? 'API_BASE_URL' : `${role}_URL`];
    return [toEnvName([service.name, role, 'URL'].filter(Boolean).join('_'))];
  }
  const base = SCHEME_NAMES[scheme] ?? (/^[a-z][a-z0-9]*$/.test(scheme) ? `${toEnvName(scheme)}_URL` : undefined);
  if (base === undefined) return [];
  const names = [base];
  const database = /^\/([A-Za-z][\w-]*)$/.exec(match[3] ?? '')?.[1];
  if (database) names.push(toEnvName(`${database}_${base}`));
  if (service.name !== undefined) names.push(toEnvName(`${service.name}_${base}`));
  return names;
}

/** The service a host names, and the role words found in it (`api.orders.internal` → orders, [api]). */
function serviceName(host: string): { name?: string; roles: string[] } {
  if (host === '' || /^[\d.]+$/.test(host) || host.startsWith('[')) return { roles: [] };
  let labels: string[];
  let pickFirst: boolean;
  const privateSuffix = PRIVATE_SUFFIX.exec(host);
  const platform = PLATFORM_SUFFIX.exec(host);
  if (privateSuffix || platform) {
    labels = host.slice(0, (privateSuffix ?? platform)!.index).split('.');
    pickFirst = true;
  } else {
    labels = host.split('.');
    if (labels.length > 1) labels.pop(); // the top-level domain
    // co.uk, com.au, org.br: a second-level domain that is a registry's, not the owner's.
    if (labels.length > 1 && /^(co|com|org|net|gov|ac|edu|ne|or)$/.test(labels[labels.length - 1])) labels.pop();
    pickFirst = labels.length === 1;
  }
  const roles: string[] = [];
  const meaningful = labels
    .map((label) =>
      label
        .split('-')
        .filter((word) => {
          if (ROLE_WORDS[word]) {
            roles.push(word);
            return false;
          }
          return !ENVIRONMENT_WORDS.has(word) && !/^v\d+$/.test(word) && !/^\d+$/.test(word);
        })
        .join('_'),
    )
    .filter((label) => label !== '');
  const name = pickFirst ? meaningful[0] : meaningful[meaningful.length - 1];
  return { name: name && /^[a-z]/.test(name) ? name : undefined, roles };
}

/** Why a literal cannot be replaced by an expression there, or undefined when it can. */
export function unsafeReplacementReason(literal: ts.Expression): string | undefined {
  for (let node: ts.Node | undefined = literal.parent; node; node = node.parent) {
    if (ts.isTypeNode(node) || ts.isEnumMember(node) || ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) {
      return 'a type position needs a constant';
    }
    // Decorator arguments are evaluated once at class definition and usually feed metadata that must be constant.
    if (ts.isDecorator(node)) return 'decorator arguments must stay constant';
    if (ts.isCaseClause(node) && node.expression === literal) return 'a case label';
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isImportEqualsDeclaration(node)) {
      return 'a module specifier';
    }
    if (ts.isJsxAttribute(node)) return 'a JSX attribute string';
    if (ts.isModuleDeclaration(node)) return 'an ambient declaration';
    if (ts.isStatement(node) || ts.isFunctionLike(node)) break;
  }
  if (ts.isVariableDeclaration(literal.parent) && isConstDeclaredInAmbient(literal.parent)) return 'an ambient declaration';
  const holder = literal.parent;
  if ((ts.isAsExpression(holder) || ts.isTypeAssertionExpression(holder)) && ts.isConstTypeReference(holder.type)) {
    return 'a const assertion needs a literal';
  }
  return undefined;
}

function isConstDeclaredInAmbient(decl: ts.VariableDeclaration): boolean {
  const statement = decl.parent?.parent;
  return (
    statement !== undefined &&
    ts.isVariableStatement(statement) &&
    (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) ?? false)
  );
}

/** Whether `expr || fallback` must be parenthesized where the literal stands. */
function needsParentheses(literal: ts.Node): boolean {
  const parent = outerParent(literal);
  if (!parent) return false;
  return !(
    ts.isVariableDeclaration(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isParameter(parent) ||
    ts.isBindingElement(parent) ||
    ts.isCallExpression(parent) ||
    ts.isNewExpression(parent) ||
    ts.isArrayLiteralExpression(parent) ||
    ts.isReturnStatement(parent) ||
    ts.isTemplateSpan(parent) ||
    ts.isJsxExpression(parent) ||
    ts.isExportAssignment(parent) ||
    ts.isSpreadElement(parent) ||
    ts.isParenthesizedExpression(parent) ||
    (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === literal) ||
    (ts.isConditionalExpression(parent) && parent.condition !== literal)
  );
}

/**
 * A value as one line of a dotenv file that dotenv, `node --env-file` / `process.loadEnvFile` and Docker Compose all
 * read back as exactly `value`; undefined when no quoting does that for all of them (then the line stays `NAME=` and
 * the `||` in the code supplies the value).
 */
export function dotenvValue(value: string): string | undefined {
  if (/^[A-Za-z0-9_./:@,+=?&%~-]*$/.test(value)) return value;
  if (/[\r\n]/.test(value)) return undefined;
  // Single quotes: no escapes, no `#` comment, no `${…}` expansion (dotenv-expand and Compose leave them alone).
  if (!value.includes("'")) return `'${value}'`;
  // Double quotes expand `\n` and `${…}` in some readers: only for values that have neither.
  if (!/["\\$`]/.test(value)) return `"${value}"`;
  return undefined;
}

/**
 * The edit that declares NAME in the project's .env.example (`NAME=value`, or `NAME=` for a secret or a value no
 * quoting can carry), or none when the file already lists the name: a line there is left as its author wrote it.
 */
export function envExampleEdit(project: ProjectView, name: string, value?: string): { edit?: TextEdit; create?: string } {
  const file = project.envExampleFile?.();
  if (!file) return {};
  const { path, text } = file;
  const line = `${name}=${value === undefined ? '' : (dotenvValue(value) ?? '')}\n`;
  if (text === undefined) return { edit: { file: path, start: 0, end: 0, newText: line }, create: path };
  if (new RegExp(`^\\s*(export\\s+)?${name}\\s*=`, 'm').test(text)) return {};
  const prefix = text.length > 0 && !text.endsWith('\n') ? '\n' : '';
  return { edit: { file: path, start: text.length, end: text.length, newText: `${prefix}${line}` } };
}

export interface MoveToEnvOptions {
  /** Secrets get no fallback: the value must leave the source. */
  secret: boolean;
  /** Name to use when the literal is bound to no name (e.g. `PORT` for `listen(3000)`). */
  fallbackName?: string;
}

/**
 * The "Move to environment variable NAME" fix for a string or numeric literal, or undefined where replacing
 * it with an expression would be wrong (type positions, enum members, decorators, case labels, tagged templates
 * other than `String.raw`…). Strings keep their original quotes as the fallback; numbers stay numbers
 * (`Number(process.env.PORT || 3000)`); secrets are read through the file's `missingEnv` check.
 */
export function moveToEnvFix(
  literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.NumericLiteral,
  sourceFile: ts.SourceFile,
  imports: ImportMap,
  project: ProjectView,
  options: MoveToEnvOptions,
): Fix | undefined {
  // String.raw`C:\dir`: the tag and its template are one value; any other tag makes something that is not the text.
  let node: ts.Expression = literal;
  if (ts.isTaggedTemplateExpression(literal.parent) && literal.parent.template === literal) {
    if (!isStringRaw(literal.parent.tag) || literal.parent.typeArguments) return undefined;
    node = literal.parent;
  }
  if (unsafeReplacementReason(node)) return undefined;
  // One of several entries (`Cluster([{ host: 'a' }, { host: 'b' }])`): one name per entry would be a guess.
  if (namePath(node, imports).several) return undefined;
  const taken = new Set(project.envNames());
  const name = envNameFor(literal, imports, taken, options.fallbackName);
  const original = node.getText(sourceFile);
  const read = `process.env.${name}`;
  let replacement: string;
  const setup: TextEdit[] = [];
  let example: string | undefined;
  if (ts.isNumericLiteral(literal)) {
    const value = Number(literal.text.replace(/_/g, ''));
    if (!Number.isFinite(value)) return undefined;
    replacement = `Number(${read} || ${original})`;
    if (options.secret) return undefined;
    example = String(value);
  } else if (options.secret) {
    const check = missingEnvCheck(sourceFile);
    setup.push(...check.edits);
    replacement = `${read} || ${check.name}('${name}')`;
    if (needsParentheses(node)) replacement = `(${replacement})`;
  } else {
    replacement = `${read} || ${original}`;
    if (needsParentheses(node)) replacement = `(${replacement})`;
    // String.raw`a\b` is the raw text; a literal's value is its text.
    example = node === literal ? literal.text : rawText(literal, sourceFile);
  }
  return moveToEnvNamed(name, node, replacement, sourceFile, project, example, setup);
}

function isStringRaw(tag: ts.Expression): boolean {
  const expr = skipOuterExpressions(tag);
  return ts.isPropertyAccessExpression(expr) && expr.name.text === 'raw' && ts.isIdentifier(expr.expression) && expr.expression.text === 'String';
}

/** The raw text of a template without substitutions, as `String.raw` returns it. */
function rawText(literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, sourceFile: ts.SourceFile): string {
  return literal.getText(sourceFile).slice(1, -1).replace(/\r\n?/g, '\n');
}

/**
 * The name of the file's `missingEnv(name)` check, and the edit that adds it when the file has none yet:
 * a function declaration at the end of the file (hoisted, so it is there for every read above it).
 * `process.env.X || missingEnv('X')` is typed `string` and fails at the read, naming the variable, never its value.
 */
export function missingEnvCheck(sourceFile: ts.SourceFile): { name: string; edits: TextEdit[] } {
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && /^missingEnv\d*$/.test(statement.name.text) && statement.parameters.length === 1) {
      return { name: statement.name.text, edits: [] };
    }
  }
  const name = freeName(namesInUse(sourceFile), 'missingEnv');
  const style = sourceStyle(sourceFile);
  const typed = /\.[cm]?tsx?$/i.test(sourceFile.fileName);
  const q = style.quote;
  const semi = style.semicolons ? ';' : '';
  const text = sourceFile.text;
  const nl = style.newline;
  const lead = text.length === 0 ? '' : text.endsWith('\n') ? nl : `${nl}${nl}`;
  const signature = typed ? `function ${name}(name: string): never {` : `function ${name}(name) {`;
  const body = [
    `${signature}`,
    `${style.indentUnit}throw new Error(${q}Environment variable ${q} + name + ${q} is not set${q})${semi}`,
    '}',
  ].join(nl);
  return { name, edits: [{ start: text.length, end: text.length, newText: `${lead}${body}${nl}` }] };
}

/**
 * "Move to environment variable NAME" for a list of addresses (`brokers: ['a:9092', 'b:9092']`): the whole array
 * becomes `(process.env.KAFKA_BROKERS || 'a:9092,b:9092').split(',')`, since one element read from the environment
 * would leave the others hard-coded. Only for arrays of plain strings that hold no comma or quote.
 */
export function moveListToEnvFix(
  array: ts.ArrayLiteralExpression,
  sourceFile: ts.SourceFile,
  imports: ImportMap,
  project: ProjectView,
  fallbackName: string,
): Fix | undefined {
  const elements = array.elements;
  if (elements.length === 0 || unsafeReplacementReason(array)) return undefined;
  const first = elements[0];
  if (!ts.isStringLiteral(first) && !ts.isNoSubstitutionTemplateLiteral(first)) return undefined;
  const quote = first.getText(sourceFile)[0];
  const texts: string[] = [];
  for (const element of elements) {
    if (!ts.isStringLiteral(element) && !ts.isNoSubstitutionTemplateLiteral(element)) return undefined;
    if (element.text === '' || /[,\\'"`$\r\n]/.test(element.text)) return undefined;
    texts.push(element.text);
  }
  const name = envNameFor(array, imports, new Set(project.envNames()), fallbackName);
  const replacement = `(process.env.${name} || ${quote}${texts.join(',')}${quote}).split(${quote},${quote})`;
  return moveToEnvNamed(name, array, replacement, sourceFile, project, texts.join(','), []);
}

/** The fix both moves share: `node` becomes `replacement`, and NAME is declared in the project's .env.example. */
function moveToEnvNamed(
  name: string,
  node: ts.Node,
  replacement: string,
  sourceFile: ts.SourceFile,
  project: ProjectView,
  example: string | undefined,
  setup: TextEdit[],
): Fix {
  const edits: TextEdit[] = [{ start: node.getStart(sourceFile), end: node.getEnd(), newText: replacement }, ...setup];
  const declared = envExampleEdit(project, name, example);
  if (declared.edit) edits.push(declared.edit);
  return {
    title: `Move to environment variable ${name}`,
    safe: false,
    edits,
    ...(declared.create ? { createFiles: [declared.create] } : {}),
  };
}

/**
 * "Remove the hard-coded fallback": `process.env.JWT_SECRET || 'k3y…'` → `process.env.JWT_SECRET ||
 * missingEnv('JWT_SECRET')`. For a secret used as the fallback of an environment read, where moving it to another
 * variable would make no sense; the read stays typed `string` and fails, naming the variable, when it is missing.
 */
export function removeFallbackFix(literal: ts.Expression, sourceFile: ts.SourceFile): Fix | undefined {
  const parent = outerParent(literal);
  if (
    !parent ||
    !ts.isBinaryExpression(parent) ||
    skipOuterExpressions(parent.right) !== literal ||
    (parent.operatorToken.kind !== ts.SyntaxKind.QuestionQuestionToken &&
      parent.operatorToken.kind !== ts.SyntaxKind.BarBarToken) ||
    !containsEnvRead(parent.left)
  ) {
    return undefined;
  }
  const name = envReadName(parent.left);
  const left = parent.left.getText(sourceFile);
  const edits: TextEdit[] = [];
  let newText = left;
  if (name !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    const check = missingEnvCheck(sourceFile);
    edits.push(...check.edits);
    newText = `${left} || ${check.name}('${name}')`;
  }
  return {
    title: 'Remove the hard-coded fallback',
    safe: false,
    edits: [{ start: parent.getStart(sourceFile), end: parent.getEnd(), newText }, ...edits],
  };
}
