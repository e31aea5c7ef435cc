// Factor IV, backing services (and III, config): a database, cache, queue, broker or API is an attached resource
// whose URL comes from config; a literal connection string welds the code to one deploy.
// Docs: docs/rules/backing-services/no-hardcoded-service-url.md
import ts from 'typescript';
import {
  bindingNameOf,
  calleeText,
  isEnvFallback,
  isEnvRead,
  isInTypeContext,
  outerParent,
  propertyNameText,
  skipOuterExpressions,
} from '../../ast';
import {
  calleeLastName,
  calleeModule,
  hasEnvironmentLabel,
  isDefaultOfComputedValue,
  isDevOnlyHost,
  isInternalHost,
  isLocalHost,
  isPlaceholderHost,
  nameWords,
  parseHostAndPort,
  resolveLiteral,
} from '../../connection';
import { moveListToEnvFix, moveToEnvFix } from '../../fixes/env';
import { defineRule, type Fix } from '../../rule';

const SERVICE_SCHEMES = new Set([
  'postgres',
  'postgresql',
  'mysql',
  'mysqlx',
  'mariadb',
  'mssql',
  'sqlserver',
  'mongodb',
  'mongodb+srv',
  'redis',
  'rediss',
  'redis+sentinel',
  'valkey',
  'amqp',
  'amqps',
  'smtp',
  'smtps',
  'nats',
  'tls+nats',
  'kafka',
  'memcached',
  'memcache',
  'mqtt',
  'mqtts',
  'neo4j',
  'neo4j+s',
  'bolt',
  'bolt+s',
  'cockroachdb',
  'clickhouse',
  'couchbase',
  'couchbases',
  'cassandra',
  'ldap',
  'ldaps',
  'stomp',
]);
const HTTP_SCHEMES = new Set(['http', 'https', 'ws', 'wss']);

// Names under which a value is an API's or service's base URL.
const BASE_URL_NAMES = new Set([
  'baseurl',
  'baseuri',
  'apiurl',
  'apiuri',
  'apibase',
  'apibaseurl',
  'apiroot',
  'apirooturl',
  'apiendpoint',
  'apihost',
  'apiserver',
  'apiserverurl',
  'serviceurl',
  'servicebaseurl',
  'serviceendpoint',
  'servicehost',
  'serverurl',
  'backendurl',
  'backendhost',
  'endpoint',
  'endpointurl',
  'graphqlendpoint',
  'graphqlurl',
  'prefixurl',
  'host',
  'hosturl',
  'upstream',
  'upstreamurl',
  'gatewayurl',
]);
const BASE_URL_SUFFIXES = ['baseurl', 'apiurl', 'serviceurl', 'apibaseurl', 'apiendpoint', 'serviceendpoint', 'serverurl', 'backendurl'];
// OAuth and OpenID endpoints belong to a public identity provider's protocol, not to a deploy.
const OAUTH_WORDS = new Set(['oauth', 'token', 'authorize', 'authorization', 'userinfo', 'jwks', 'issuer', 'callback', 'redirect', 'logout', 'revoke', 'revocation', 'introspection']);

// HTTP clients whose first argument is the URL to request.
const HTTP_CLIENT_MODULES = new Set(['axios', 'got', 'ky', 'node-fetch', 'cross-fetch', 'undici', 'superagent', 'request', 'request-promise', 'needle', 'ofetch', 'http', 'https', 'isomorphic-fetch', 'socket.io-client', 'ws', 'eventsource']);
const HTTP_CLIENT_GLOBALS = new Set(['fetch', '$fetch', 'ofetch', 'WebSocket', 'EventSource']);
const HTTP_METHODS = /^(get|post|put|patch|delete|del|head|options|request|stream|fetch|paginate|connect)$/;

// Calls whose string arguments are text about a URL, not an attachment.
const TEXT_CALLEES =
  /^(startsWith|endsWith|includes|indexOf|lastIndexOf|replace|replaceAll|match|matchAll|split|search|test|exec|concat|localeCompare|log|info|warn|error|debug|trace|fatal|verbose|silly|option|requiredOption|addOption|default|describe|example|examples|usage|help|epilog|t|translate|__|i18n)$/;
// Keys whose value documents or defaults an option rather than attaching a resource.
const TEXT_KEYS = new Set([
  'default',
  'defaultValue',
  'devDefault',
  'example',
  'examples',
  'placeholder',
  'description',
  'desc',
  'doc',
  'docs',
  'help',
  'hint',
  'usage',
  'sample',
  'title',
  'message',
  'label',
  'text',
  'summary',
]);

type Category = 'service' | 'http';

interface ParsedUrl {
  scheme: string;
  category: Category;
  host: string;
  port?: number;
  /** The host's text had a template substitution in it. */
  dynamicHost: boolean;
}

// Marks a `${…}` substitution in a template's reconstructed text.
const HOLE = '\u0000';

export default defineRule({
  id: 'backing-services/no-hardcoded-service-url',
  factor: 'backing-services',
  severity: 'warning',
  description: 'Connection strings and base URLs of databases, caches, brokers and services come from config, not literals.',
  messages: {
    serviceUrl: 'The {{scheme}} URL of {{host}} is hard-coded; read it from the environment (IV. Backing services).',
    apiUrl: 'The service URL {{origin}} is hard-coded; read it from the environment (IV. Backing services).',
    broker: 'Broker address {{host}} is hard-coded; read it from the environment (IV. Backing services).',
  },
  // Dev, seed and stress-test scripts point at throwaway databases; registry URLs in tooling are not attachments.
  skipIn: ['test', 'script'],
  create(ctx) {
    /**
     * "Move to environment variable NAME", keeping the URL as the fallback unless it carries a password (then it
     * must leave the source). Templates get none: their substitutions would need an expression of their own.
     */
    const urlFixes = (literal: ts.Expression, fallbackName: string) => (): Fix[] => {
      if (!ts.isStringLiteral(literal) && !ts.isNoSubstitutionTemplateLiteral(literal)) return [];
      const secret = hasPassword(literal.text);
      const fix = moveToEnvFix(literal, ctx.sourceFile, ctx.imports, ctx.project, { secret, fallbackName });
      return fix ? [fix] : [];
    };

    // Local URLs are reported only when handed to a client; a constant holding one waits for the end of the
    // walk to learn whether it was.
    // Calls are kept as met and read at the end only when a local URL waits: most files have none.
    const calls: Array<ts.CallExpression | ts.NewExpression> = [];
    const pendingLocal: Array<{ name: string; literal: ts.Expression; report: () => void }> = [];

    const onLiteral = (node: ts.Node): void => {
      const literal = node as ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;
      if (ts.isTaggedTemplateExpression(literal.parent)) return;
      const text = ts.isTemplateExpression(literal) ? templateShape(literal) : literal.text;
      // Most literals hold no `://`: one search spares them the pattern.
      if (text.indexOf('://') === -1 || !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
        if (!ts.isTemplateExpression(literal)) checkBrokerList(literal, text);
        return;
      }
      const url = parseUrl(text);
      if (!url || url.dynamicHost || isPlaceholderHost(url.host) || isDevOnlyHost(url.host) || isIgnoredHost(url.host)) return;
      if (!isValuePosition(literal)) return;

      if (url.category === 'service') {
        const report = (): void =>
          ctx.report(literal, 'serviceUrl', { scheme: url.scheme, host: displayHost(url) }, { fixes: urlFixes(literal, 'SERVICE_URL') });
        if (!isLocalHost(url.host)) return report();
        if (isInClientArgument(literal)) return report();
        const name = constName(literal);
        if (name) pendingLocal.push({ name, literal, report });
        return;
      }

      // Public APIs (api.stripe.com, slack.com/api) are constants of their provider; only hosts that differ
      // between deploys are attachments: private names, explicit ports, environment labels.
      if (isLocalHost(url.host)) return;
      if (!isInternalHost(url.host) && !hasNonDefaultPort(url) && !hasEnvironmentLabel(url.host)) return;
      const origin = `${url.scheme}://${displayHost(url)}`;
      const name = bindingNameOf(literal);
      if (
        (name !== undefined && isBaseUrlName(name)) ||
        // Elasticsearch `node`/`nodes`, only inside a call's options. Proxy `target`s are left alone: most are
        // create-react-app's dev-only setupProxy.js (awesome-compose).
        (name !== undefined && (name === 'node' || name === 'nodes') && isInClientArgument(literal)) ||
        isHttpClientTarget(literal, outerParent(literal))
      ) {
        ctx.report(literal, 'apiUrl', { origin }, { fixes: urlFixes(literal, 'API_BASE_URL') });
      }
    };

    /** Kafka `brokers: ['10.0.0.5:9092']`, rdkafka `'metadata.broker.list': 'a:9092,b:9092'`, `new Memcached('mc:11211')`. */
    const checkBrokerList = (literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, text: string): void => {
      if (text.indexOf(':') === -1 || !/^[\w.[\]:,\s-]+:\d{1,5}\b/.test(text)) return;
      let owner: ts.Node = literal;
      let parent = outerParent(literal);
      if (ts.isArrayLiteralExpression(parent)) {
        owner = parent;
        parent = outerParent(parent);
      }
      let isBrokerSlot = false;
      let fallbackName = 'KAFKA_BROKERS';
      if (ts.isPropertyAssignment(parent) && skipOuterExpressions(parent.initializer) === owner) {
        const key = propertyNameText(parent.name);
        isBrokerSlot =
          key === 'brokers' ||
          key === 'bootstrap.servers' ||
          key === 'metadata.broker.list' ||
          key === 'bootstrapServers' ||
          (key === 'servers' && isInClientArgument(parent.parent));
      } else if (ts.isNewExpression(parent) || ts.isCallExpression(parent)) {
        const module = calleeModule(parent.expression, ctx.imports);
        isBrokerSlot = module === 'memcached' || module === 'memjs' || calleeLastName(parent.expression) === 'Memcached';
        fallbackName = 'MEMCACHED_SERVERS';
      }
      if (!isBrokerSlot || !isValuePosition(literal)) return;
      const hosts = text
        .split(',')
        .map((item) => parseHostAndPort(item))
        .filter((h): h is { host: string; port?: number } => h !== undefined && h.port !== undefined);
      if (hosts.length === 0 || hosts.some((h) => isPlaceholderHost(h.host))) return;
      const remote = hosts.find((h) => !isLocalHost(h.host));
      if (!remote && !isInClientArgument(literal)) return;
      const shown = remote ?? hosts[0];
      const fixes = (): Fix[] => {
        const fix = ts.isArrayLiteralExpression(owner)
          ? moveListToEnvFix(owner, ctx.sourceFile, ctx.imports, ctx.project, fallbackName)
          : moveToEnvFix(literal, ctx.sourceFile, ctx.imports, ctx.project, { secret: false, fallbackName });
        return fix ? [fix] : [];
      };
      ctx.report(literal, 'broker', { host: `${shown.host}:${shown.port}` }, { fixes });
    };

    const onCallForNames = (node: ts.Node): void => {
      calls.push(node as ts.CallExpression | ts.NewExpression);
    };

    return {
      visit: {
        StringLiteral: onLiteral,
        NoSubstitutionTemplateLiteral: onLiteral,
        TemplateExpression: onLiteral,
        CallExpression: onCallForNames,
        NewExpression: onCallForNames,
      },
      end() {
        if (pendingLocal.length === 0) return;
        const attached = new Map<string, ts.Identifier[]>();
        for (const call of calls) {
          const last = calleeLastName(call.expression);
          if (last !== undefined && TEXT_CALLEES.test(last)) continue;
          for (const arg of call.arguments ?? []) collectAttachedNames(arg, attached, 0);
        }
        // The same declaration, not just the same name: a parameter called `url` elsewhere is another variable.
        for (const pending of pendingLocal) {
          const ids = attached.get(pending.name) ?? [];
          if (ids.some((id) => resolveLiteral(id) === pending.literal)) pending.report();
        }
      },
    };
  },
});

/** A template's text with each substitution replaced by a marker. */
function templateShape(template: ts.TemplateExpression): string {
  return template.head.text + template.templateSpans.map((span) => HOLE + span.literal.text).join('');
}

function parseUrl(text: string): ParsedUrl | undefined {
  if (/\s/.test(text.trim()) || text !== text.trim()) return undefined; // prose, or a URL inside a sentence
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(text);
  if (!match) return undefined;
  const scheme = match[1].toLowerCase();
  const category: Category | undefined = SERVICE_SCHEMES.has(scheme) ? 'service' : HTTP_SCHEMES.has(scheme) ? 'http' : undefined;
  if (!category) return undefined;
  let authority = match[2];
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);
  // mongodb://a:27017,b:27017/db: the first host names the cluster.
  const first = authority.split(',')[0];
  if (first.includes(HOLE)) return { scheme, category, host: '', dynamicHost: true };
  if (first === '') return undefined; // 'redis://' as a prefix to compare with
  const parsed = parseHostAndPort(first);
  if (!parsed) return undefined;
  return { scheme, category, host: parsed.host, port: parsed.port, dynamicHost: false };
}

/** `postgres://app:s3cret@db/x`, `redis://:s3cret@cache`, `mssql://db?password=…`: the URL is a secret. */
function hasPassword(text: string): boolean {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(text)?.[1] ?? '';
  const at = authority.lastIndexOf('@');
  if (at !== -1 && /:[^:]/.test(authority.slice(0, at))) return true;
  return /[?&;](password|passwd|pwd|pass)=[^&;]/i.test(text);
}

function displayHost(url: ParsedUrl): string {
  return url.port === undefined ? url.host : `${url.host}:${url.port}`;
}

function hasNonDefaultPort(url: ParsedUrl): boolean {
  return url.port !== undefined && url.port !== 80 && url.port !== 443;
}

// XML namespaces and schema ids are names, not services; cloud metadata servers are the same fixed address on
// every deploy of a platform (GCP, AWS IMDS and ECS, Azure IMDS).
function isIgnoredHost(host: string): boolean {
  return (
    /^(www\.)?(w3\.org|schema\.org|json-schema\.org|purl\.org|xmlns\.com|ns\.adobe\.com|schemas\.microsoft\.com|schemas\.xmlsoap\.org)$/i.test(host) ||
    /^(metadata\.google\.internal|metadata|169\.254\.169\.254|169\.254\.170\.2|\[fd00:ec2::254\])$/i.test(host)
  );
}

function isBaseUrlName(name: string): boolean {
  const words = nameWords(name);
  if (words.some((word) => OAUTH_WORDS.has(word))) return false;
  const joined = words.join('');
  return BASE_URL_NAMES.has(joined) || BASE_URL_SUFFIXES.some((suffix) => joined.endsWith(suffix));
}

/**
 * False where a string is text rather than a value: types, property names, comparisons, `case` labels,
 * string-method and logging arguments, option docs and defaults, env fallbacks and defaults of computed
 * values, and assignments into `process.env`.
 */
function isValuePosition(literal: ts.Expression): boolean {
  if (isInTypeContext(literal)) return false;
  const parent = outerParent(literal);
  if (!parent) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === literal) return false;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === literal) return false;
  if (ts.isCaseClause(parent) || ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return false;
  if (ts.isLiteralTypeNode(parent) || ts.isEnumMember(parent)) return false;
  if (ts.isJsxAttribute(parent) || ts.isJsxExpression(parent)) return false; // UI text: placeholders, labels, links
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    if (
      op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      op === ts.SyntaxKind.EqualsEqualsToken ||
      op === ts.SyntaxKind.ExclamationEqualsToken ||
      op === ts.SyntaxKind.InKeyword
    ) {
      return false;
    }
    if (op === ts.SyntaxKind.EqualsToken && isEnvRead(parent.left)) return false;
  }
  if (ts.isPropertyAssignment(parent)) {
    const key = propertyNameText(parent.name);
    if (key !== undefined && TEXT_KEYS.has(key)) return false;
  }
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.some((a) => skipOuterExpressions(a) === literal)) {
    const last = calleeLastName(parent.expression);
    if (last !== undefined && (TEXT_CALLEES.test(last) || /Error$/.test(last) || last === 'RegExp')) return false;
    if (ts.isIdentifier(parent.expression) && parent.expression.text === 'require') return false;
    // new URL(input, 'postgres://base') parses with a dummy base; only a URL that is handed on attaches anything.
    if (last === 'URL' && ts.isNewExpression(parent) && !isInClientArgument(parent)) return false;
    const callee = calleeText(parent);
    if (callee !== undefined && /^(console|assert|expect)\b/.test(callee)) return false;
  }
  if (isEnvFallback(literal) || isDefaultOfComputedValue(literal)) return false;
  return true;
}

/** The literal is an argument of a call or `new` (other than text functions), directly or in its options. */
function isInClientArgument(node: ts.Node): boolean {
  let child: ts.Node = node;
  let parent = outerParent(node);
  for (let depth = 0; parent && depth < 8; depth++) {
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      if (!parent.arguments?.some((arg) => arg === child || skipOuterExpressions(arg) === child)) return false;
      const last = calleeLastName(parent.expression);
      if (last !== undefined && (TEXT_CALLEES.test(last) || /Error$/.test(last))) return false;
      if (last !== 'URL') return true;
      child = parent; // new URL('…') handed on
    } else if (ts.isPropertyAssignment(parent)) {
      if (propertyNameText(parent.name) === 'headers') return false;
      child = parent.parent;
    } else if (ts.isArrayLiteralExpression(parent)) {
      child = parent;
    } else {
      return false;
    }
    parent = outerParent(child);
  }
  return false;
}

/** `fetch(url)`, `axios.get(url)`, `got(url)`, `http.request(url)`, `new WebSocket(url)`, `fetch(new URL(p, base))`. */
function isHttpClientTarget(literal: ts.Expression, parent: ts.Node): boolean {
  let child: ts.Node = literal;
  let current = parent;
  // { url: '…' } / { baseURL: '…' } handed to a client.
  if (ts.isPropertyAssignment(current)) {
    const key = propertyNameText(current.name);
    if (key !== 'url' && key !== 'uri' && key !== 'baseURL' && key !== 'baseUrl' && key !== 'prefixUrl') return false;
    child = current.parent;
    current = outerParent(current.parent);
  }
  if (ts.isNewExpression(current) && calleeLastName(current.expression) === 'URL') {
    child = current;
    current = outerParent(current);
  }
  if (!(ts.isCallExpression(current) || ts.isNewExpression(current))) return false;
  const args = current.arguments ?? [];
  const index = args.findIndex((arg) => arg === child || skipOuterExpressions(arg) === child);
  if (index === -1) return false;
  const callee = skipOuterExpressions(current.expression);
  const last = calleeLastName(callee);
  if (ts.isIdentifier(callee)) {
    if (HTTP_CLIENT_GLOBALS.has(callee.text)) return index === 0;
    if (/^(axios|got|ky|superagent|request|needle|ofetch|fetch|io)$/.test(callee.text)) return index === 0 || (callee.text === 'needle' && index === 1);
  }
  const module = httpModuleOf(callee);
  if (module === undefined || last === undefined) return false;
  return HTTP_CLIENT_MODULES.has(module) && (HTTP_METHODS.test(last) || last === 'create' || last === 'extend') && index === 0;
}

/** The HTTP client a callee belongs to, by the name of its root identifier (import analysis is by name here). */
function httpModuleOf(callee: ts.Expression): string | undefined {
  let current = skipOuterExpressions(callee);
  while (ts.isPropertyAccessExpression(current)) current = skipOuterExpressions(current.expression);
  if (!ts.isIdentifier(current)) return undefined;
  const name = current.text;
  if (/^(axios|got|ky|superagent|request|needle|undici|http|https|ofetch)$/.test(name)) return name;
  return undefined;
}

/** `const MONGO_URL = '…'` → 'MONGO_URL' */
function constName(literal: ts.Expression): string | undefined {
  const parent = outerParent(literal);
  return parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
}

/** Identifiers handed to calls: `connect(MONGO_URL)`, `createClient({ url: REDIS_URL })`, `new Pool({ connectionString })`. */
function collectAttachedNames(arg: ts.Expression, names: Map<string, ts.Identifier[]>, depth: number): void {
  const add = (id: ts.Identifier): void => {
    const list = names.get(id.text);
    if (list) list.push(id);
    else names.set(id.text, [id]);
  };
  const expr = skipOuterExpressions(arg);
  if (ts.isIdentifier(expr)) add(expr);
  else if (depth < 3 && ts.isObjectLiteralExpression(expr)) {
    for (const property of expr.properties) {
      if (ts.isShorthandPropertyAssignment(property)) add(property.name);
      else if (ts.isPropertyAssignment(property) && propertyNameText(property.name) !== 'headers') {
        collectAttachedNames(property.initializer, names, depth + 1);
      }
    }
  } else if (depth < 3 && ts.isArrayLiteralExpression(expr)) {
    for (const element of expr.elements) collectAttachedNames(element, names, depth + 1);
  }
}
