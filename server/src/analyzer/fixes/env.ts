// "Move to environment variable NAME": replaces a hard-coded literal with an environment read and adds
// `NAME=` to the project's .env.example. Shared by the config, backing-services and port-binding rules.
import ts from 'typescript';
import { containsEnvRead, outerParent, propertyNameText, rootModule, skipOuterExpressions, type ImportMap } from '../ast';
import type { ProjectView } from '../project';
import type { Fix, TextEdit } from '../rule';

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
  http: 'API_BASE_URL',
  https: 'API_BASE_URL',
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
 * A valid environment variable name for a literal, from the names it is bound to, falling back to its URL
 * scheme or `fallback`; suffixed `_2`, `_3`… when the project already reads that name for something else.
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
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  const schemeName = scheme === undefined ? undefined : (SCHEME_NAMES[scheme] ?? (/^[a-z][a-z0-9]*$/.test(scheme) ? `${toEnvName(scheme)}_URL` : undefined));
  let base: string;
  if (parts.length > 0 && !parts.every(isGeneric)) base = toEnvName(parts.join('_'));
  else if (schemeName && parts.length <= 1) base = schemeName;
  else if (qualifier && parts.length > 0) base = toEnvName([qualifier, ...parts].join('_'));
  else if (parts.length > 0) {
    base = toEnvName(parts.join('_'));
    // `{ port: 5432 }` of a database is DB_PORT, never the PORT the app binds to: the rule's name wins.
    if (fallback.endsWith(`_${base}`)) base = fallback;
  } else base = fallback;
  if (!/^[A-Z_]/.test(base)) base = `APP_${base}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  return name;
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

/** Whether `expr ?? fallback` must be parenthesized where the literal stands. */
function needsParentheses(literal: ts.Expression): boolean {
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

/** The edit that adds `NAME=` to the project's .env.example, or none when it already lists the name. */
export function envExampleEdit(project: ProjectView, name: string): { edit?: TextEdit; create?: string } {
  const file = project.envExampleFile?.();
  if (!file) return {};
  const { path, text } = file;
  if (text === undefined) return { edit: { file: path, start: 0, end: 0, newText: `${name}=\n` }, create: path };
  if (new RegExp(`^\\s*(export\\s+)?${name}\\s*=`, 'm').test(text)) return {};
  const prefix = text.length > 0 && !text.endsWith('\n') ? '\n' : '';
  return { edit: { file: path, start: text.length, end: text.length, newText: `${prefix}${name}=\n` } };
}

export interface MoveToEnvOptions {
  /** Secrets get no fallback: the value must leave the source. */
  secret: boolean;
  /** Name to use when the literal is bound to no name (e.g. `PORT` for `listen(3000)`). */
  fallbackName?: string;
}

/**
 * The "Move to environment variable NAME" fix for a string or numeric literal, or undefined where replacing
 * it with an expression would be wrong (type positions, enum members, decorators, case labels…).
 * Strings keep their original quotes as the fallback; numbers stay numbers (`Number(process.env.PORT ?? 3000)`).
 */
export function moveToEnvFix(
  literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.NumericLiteral,
  sourceFile: ts.SourceFile,
  imports: ImportMap,
  project: ProjectView,
  options: MoveToEnvOptions,
): Fix | undefined {
  if (unsafeReplacementReason(literal)) return undefined;
  // One of several entries (`Cluster([{ host: 'a' }, { host: 'b' }])`): one name per entry would be a guess.
  if (namePath(literal, imports).several) return undefined;
  const taken = new Set(project.envNames());
  const name = envNameFor(literal, imports, taken, options.fallbackName);
  const original = literal.getText(sourceFile);
  const read = `process.env.${name}`;
  let replacement: string;
  if (ts.isNumericLiteral(literal)) {
    replacement = `Number(${read} ?? ${original})`;
  } else if (options.secret) {
    replacement = read;
  } else {
    replacement = `${read} ?? ${original}`;
    if (needsParentheses(literal)) replacement = `(${replacement})`;
  }
  return moveToEnvNamed(name, literal, replacement, sourceFile, project);
}

/**
 * "Move to environment variable NAME" for a list of addresses (`brokers: ['a:9092', 'b:9092']`): the whole array
 * becomes `(process.env.KAFKA_BROKERS ?? 'a:9092,b:9092').split(',')`, since one element read from the environment
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
  const replacement = `(process.env.${name} ?? ${quote}${texts.join(',')}${quote}).split(${quote},${quote})`;
  return moveToEnvNamed(name, array, replacement, sourceFile, project);
}

/** The fix both moves share: `node` becomes `replacement`, and NAME is declared in the project's .env.example. */
function moveToEnvNamed(name: string, node: ts.Node, replacement: string, sourceFile: ts.SourceFile, project: ProjectView): Fix {
  const edits: TextEdit[] = [{ start: node.getStart(sourceFile), end: node.getEnd(), newText: replacement }];
  const example = envExampleEdit(project, name);
  if (example.edit) edits.push(example.edit);
  return {
    title: `Move to environment variable ${name}`,
    safe: false,
    edits,
    ...(example.create ? { createFiles: [example.create] } : {}),
  };
}

/**
 * "Remove the hard-coded fallback": `process.env.JWT_SECRET || 'k3y…'` → `process.env.JWT_SECRET`. For a
 * secret used as the fallback of an environment read, where moving it to another variable would make no sense.
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
  return {
    title: 'Remove the hard-coded fallback',
    safe: false,
    edits: [{ start: parent.getStart(sourceFile), end: parent.getEnd(), newText: parent.left.getText(sourceFile) }],
  };
}
