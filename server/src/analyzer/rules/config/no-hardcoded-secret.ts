// Factor III, config: credentials are config that varies per deploy; they live in the environment, never in code.
// Docs: docs/rules/config/no-hardcoded-secret.md
import ts from 'typescript';
import {
  bindingNameOf,
  calleeText,
  envReadName,
  isEnvFallback,
  isInTypeContext,
  isStringLiteralLike,
  normalizeModule,
  outerParent,
  propertyNameText,
  rootModule,
  skipOuterExpressions,
  type ImportMap,
} from '../../ast';
import { moveToEnvFix, removeFallbackFix } from '../../fixes/env';
import { someNode } from '../../walk';
import { compileUserPattern, type UserPattern } from '../../user-regex';
import { hasTrait } from '../../roles';
import { defineRule, type Fix } from '../../rule';

export default defineRule({
  id: 'config/no-hardcoded-secret',
  factor: 'config',
  severity: 'error',
  description: 'Reports passwords, tokens, API keys and private keys written in the source instead of read from the environment.',
  messages: {
    byName: 'Hard-coded {{kind}} in "{{name}}"; read it from the environment (III. Config).',
    knownKey: '{{provider}} "{{preview}}" in source; revoke it and read it from the environment (III. Config).',
    privateKey: 'Private key block in source; revoke it and load it from the environment or a secret store (III. Config).',
    urlCredentials: 'Password in a "{{scheme}}" URL is hard-coded; read the URL or its password from the environment (III. Config).',
    connectionString: 'Password in a connection string is hard-coded; read it from the environment (III. Config).',
    callSlot: 'Hard-coded {{kind}} passed to {{callee}}; read it from the environment (III. Config).',
  },
  skipIn: ['test'],
  regexOptions: ['ignoreNames', 'ignoreValues'],
  options: {
    ignoreNames: { type: 'string[]', description: 'Patterns (regular expressions, case-insensitive) of names whose values are never reported.' },
    ignoreValues: { type: 'string[]', description: 'Patterns (regular expressions, case-insensitive) of values never reported.' },
    minEntropyLength: { type: 'number', minimum: 8, description: 'Shortest random-looking value reported by its name alone (default 20).' },
  },
  create(ctx) {
    const options = readOptions(ctx.options);
    // Translation catalogs bind words like "password" to labels in every language.
    const i18nFile = hasTrait(ctx.fileKind, 'translations');
    // A secret leaves the source with no default; as the fallback of an env read, the fallback goes.
    const secretFixes = (literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): Fix[] => {
      const removal = removeFallbackFix(literal, ctx.sourceFile);
      if (removal) return [removal];
      if (isEnvFallback(literal)) return [];
      const fix = moveToEnvFix(literal, ctx.sourceFile, ctx.imports, ctx.project, { secret: true, fallbackName: 'APP_SECRET' });
      return fix ? [fix] : [];
    };
    const check = (node: ts.Node): void => {
      const literal = node as ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;
      const value = literal.text;
      if (value.length < 3 || !isValuePosition(literal)) return;
      if (options.ignoreValues.some((re) => re.test(value))) return;

      // 1. Well-known key shapes and private key blocks: secret wherever they appear.
      if (value.length >= 20) {
        if (isPemPrivateKey(pemText(literal))) {
          ctx.report(literal, 'privateKey', undefined, { fixes: () => secretFixes(literal) });
          return;
        }
        const shape = knownKeyShape(value, literal);
        if (shape) {
          ctx.report(literal, 'knownKey', { provider: shape.provider, preview: preview(shape.match) }, { fixes: () => secretFixes(literal) });
          return;
        }
      }
      // 2. Credentials inside URLs and connection strings.
      const scheme = urlWithPassword(value);
      if (scheme) {
        ctx.report(literal, 'urlCredentials', { scheme }, { fixes: () => secretFixes(literal) });
        return;
      }
      if (connectionStringPassword(value)) {
        ctx.report(literal, 'connectionString', undefined, { fixes: () => secretFixes(literal) });
        return;
      }
      if (isInTypeContext(literal)) return;

      // 3. Literals passed where a known API takes a secret.
      const slot = secretSlot(literal, ctx.imports);
      if (slot && isSlotSecret(value, slot.kind)) {
        ctx.report(literal, 'callSlot', { kind: slot.kind, callee: slot.callee }, { fixes: () => secretFixes(literal) });
        return;
      }

      // 4. By the name the value is bound to.
      if (i18nFile || !mayPassValueBar(value)) return;
      const bound = boundName(literal);
      if (bound === undefined) return;
      let name = bound.name;
      let kind = secretKind(name, literal);
      if (!kind && bound.envName !== undefined) {
        name = bound.envName;
        kind = secretKind(name, literal);
      }
      if (!kind || isPublicClientKey(literal) || options.ignoreNames.some((re) => re.test(name))) return;
      const fallback = isEnvFallback(literal);
      const ok =
        fallback || kind.bar === 'entropy'
          ? isHighEntropySecret(value, options.minEntropyLength)
          : kind.bar === 'password'
            ? isPasswordValue(value)
            : kind.bar === 'auth'
              ? isAuthValue(value)
              : isTokenValue(value);
      if (!ok || hasProseSiblings(literal)) return;
      ctx.report(literal, 'byName', { kind: kind.label, name: shortName(name) }, { fixes: () => secretFixes(literal) });
    };
    // `postgres://app:s3cr3t@${host}/db`: the credentials sit in the template's fixed head.
    const checkTemplate = (node: ts.Node): void => {
      const template = node as ts.TemplateExpression;
      const head = template.head.text;
      if (head.length < 10 || options.ignoreValues.some((re) => re.test(head))) return;
      const shape = head.length >= 20 ? knownKeyShape(head, template) : undefined;
      if (shape) {
        ctx.report(template, 'knownKey', { provider: shape.provider, preview: preview(shape.match) });
        return;
      }
      const scheme = urlWithPassword(head);
      if (scheme) ctx.report(template, 'urlCredentials', { scheme });
    };
    return {
      visit: {
        [ts.SyntaxKind.StringLiteral]: check,
        [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: check,
        [ts.SyntaxKind.TemplateExpression]: checkTemplate,
      },
    };
  },
});

interface Options {
  ignoreNames: UserPattern[];
  ignoreValues: UserPattern[];
  minEntropyLength: number;
}

function readOptions(raw: Readonly<Record<string, unknown>>): Options {
  const patterns = (value: unknown): UserPattern[] => {
    if (!Array.isArray(value)) return [];
    const out: UserPattern[] = [];
    for (const source of value) {
      if (typeof source !== 'string') continue;
      // An invalid or runaway pattern (reported by the config parser) ignores nothing rather than hanging the run.
      const compiled = compileUserPattern(source);
      if (compiled.pattern) out.push(compiled.pattern);
    }
    return out;
  };
  const min = raw.minEntropyLength;
  return {
    ignoreNames: patterns(raw.ignoreNames),
    ignoreValues: patterns(raw.ignoreValues),
    minEntropyLength: typeof min === 'number' && min >= 8 ? min : 20,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Where a literal sits

/** False for literals that name things rather than hold values: module specifiers, property keys, element keys. */
function isValuePosition(literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): boolean {
  const parent = literal.parent;
  if (!parent) return false;
  // One table load per literal instead of a dozen type guards: most parents are calls, arrays and operators.
  switch (PARENT_ROLE[parent.kind]) {
    case NOT_A_VALUE:
      return false;
    case NAMED:
      return (parent as ts.NamedDeclaration).name !== literal;
    case BINDING:
      return ((parent as ts.BindingElement).name as ts.Node) !== literal && (parent as ts.BindingElement).propertyName !== literal;
    case INDEX:
      return (parent as ts.ElementAccessExpression).argumentExpression !== literal;
    case CALL: {
      const callee = (parent as ts.CallExpression).expression;
      return !(ts.isIdentifier(callee) && callee.text === 'require');
    }
    default:
      return true;
  }
}

// Module specifiers, type positions and computed keys: never a value. Property, method and enum names, and the
// index of an element access, are keys where the literal is the name rather than the value.
const NOT_A_VALUE = 1;
const NAMED = 2;
const BINDING = 3;
const INDEX = 4;
const CALL = 5;
const PARENT_ROLE = new Uint8Array(ts.SyntaxKind.Count);
for (const kind of [
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.ExternalModuleReference,
  ts.SyntaxKind.ModuleDeclaration,
  ts.SyntaxKind.ImportType,
  ts.SyntaxKind.LiteralType,
  ts.SyntaxKind.ComputedPropertyName,
]) {
  PARENT_ROLE[kind] = NOT_A_VALUE;
}
for (const kind of [
  ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.EnumMember,
]) {
  PARENT_ROLE[kind] = NAMED;
}
PARENT_ROLE[ts.SyntaxKind.BindingElement] = BINDING;
PARENT_ROLE[ts.SyntaxKind.ElementAccessExpression] = INDEX;
PARENT_ROLE[ts.SyntaxKind.CallExpression] = CALL;

interface Bound {
  name: string;
  /** The variable of an environment read the literal is the fallback of: `process.env.JWT_SECRET || '…'`. */
  envName?: string;
}

/**
 * The name a literal is stored under, looking through `cond ? a : b`, `x ?? 'a'` and `x || 'a'`:
 * comparisons (`password === 'x'`) and call arguments bind nothing.
 */
function boundName(literal: ts.Expression): Bound | undefined {
  let value: ts.Expression = literal;
  let envName: string | undefined;
  for (let depth = 0; depth < 4; depth++) {
    const parent = outerParent(value);
    if (!parent) return undefined;
    if (ts.isConditionalExpression(parent) && parent.condition !== outermost(value)) {
      value = parent;
      continue;
    }
    if (
      ts.isBinaryExpression(parent) &&
      (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    ) {
      envName ??= envReadName(parent.left);
      value = parent;
      continue;
    }
    break;
  }
  const parent = outerParent(value);
  if (!parent) return undefined;
  // bindingNameOf does not check which side of a binding the value is on.
  const held = outermost(value);
  if (ts.isVariableDeclaration(parent) && parent.initializer !== held) return undefined;
  if (ts.isPropertyAssignment(parent) && parent.initializer !== held) return undefined;
  if (ts.isBinaryExpression(parent) && parent.right !== held) return undefined;
  let name = bindingNameOf(value);
  if (name === undefined) name = headerCallName(value, parent);
  if (name === undefined) return envName === undefined ? undefined : { name: envName };
  return { name, envName };
}

/** The value with the parentheses and type assertions around it, as its parent holds it. */
function outermost(value: ts.Expression): ts.Node {
  let current: ts.Node = value;
  while (current.parent && isWrapper(current.parent)) current = current.parent;
  return current;
}

function isWrapper(node: ts.Node): boolean {
  return (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isTypeAssertionExpression(node)
  );
}

/** `headers.set('X-API-Key', '…')`, `res.setHeader('Authorization', '…')`, `config.set('password', '…')`. */
function headerCallName(value: ts.Expression, parent: ts.Node): string | undefined {
  if (!ts.isCallExpression(parent) || parent.arguments.length !== 2 || parent.arguments[1] !== value) return undefined;
  const callee = parent.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  if (!/^(set|setHeader|header|append)$/.test(callee.name.text)) return undefined;
  const first = parent.arguments[0];
  return isStringLiteralLike(first) ? first.text : undefined;
}

/** Translation tables and message catalogs hold prose next to their "password" entries. */
function hasProseSiblings(literal: ts.Node): boolean {
  const property = outerParent(literal as ts.Expression);
  if (!property || !ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.parent)) return false;
  return property.parent.properties.some(
    (p) => p !== property && ts.isPropertyAssignment(p) && isStringLiteralLike(p.initializer) && /\S+\s+\S+\s+\S+/.test(p.initializer.text),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Names

type Bar = 'password' | 'token' | 'entropy' | 'auth';
interface SecretKind {
  label: string;
  bar: Bar;
}

/** Compound lower-case names split into their words: `apikey` → `api key`, `dbpassword` → `db password`. */
const COMPOUNDS = /(password|passwd|passphrase|secret|token|apikey|privatekey|secretkey|accesskey)$/;

function nameWords(name: string): string[] {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  const out: string[] = [];
  for (const word of words) {
    const m = COMPOUNDS.exec(word);
    if (m && m.index > 0 && word !== m[1]) out.push(...splitCompound(word.slice(0, m.index)), ...splitCompound(m[1]));
    else out.push(...splitCompound(word));
  }
  return out;
}

function splitCompound(word: string): string[] {
  if (word === 'apikey') return ['api', 'key'];
  if (word === 'privatekey') return ['private', 'key'];
  if (word === 'secretkey') return ['secret', 'key'];
  if (word === 'accesskey') return ['access', 'key'];
  return word.length > 0 ? [word] : [];
}

/** Trailing words that do not change what a name holds: `apiKeyValue`, `JWT_SECRET_PROD`, `API_KEY_V2`. */
const FILLER = new Set([
  'value', 'val', 'str', 'string', 'raw', 'plain', 'b64', 'base64', 'hex', 'bytes', 'buf', 'buffer',
  'prod', 'production', 'dev', 'development', 'staging', 'stage', 'live', 'local', 'default', 'fallback',
]);

/** First words that make the name a flag, a sample or a public half: `isPassword`, `examplePassword`, `publicKey`. */
const NOT_SECRET_WORDS = new Set([
  'public', 'publishable', 'pub', 'example', 'sample', 'mock', 'fake', 'dummy', 'test', 'demo', 'placeholder',
  'is', 'has', 'should', 'show', 'use', 'enable', 'enabled', 'disable', 'allow', 'require', 'requires', 'min', 'max',
  'num', 'no', 'forgot', 'without', 'with', 'invalid', 'wrong', 'missing', 'expired', 'hide', 'toggle', 'get', 'set',
  'on', 'handle', 'validate', 'check', 'verify', 'generate', 'create', 'update', 'encrypted', 'hashed', 'masked',
]);

/** Tokens that are not credentials: design tokens, lexer tokens, pagination cursors, DI tokens. */
const NOT_CREDENTIAL_TOKENS = new Set([
  'page', 'next', 'prev', 'previous', 'continuation', 'cursor', 'pagination', 'sync', 'cancel', 'cancellation',
  'lexer', 'parser', 'syntax', 'ast', 'css', 'design', 'color', 'theme', 'spacing', 'font', 'i18n', 'word', 'split',
  'delimiter', 'separator', 'start', 'end', 'open', 'close', 'eof', 'comment', 'whitespace', 'keyword', 'operator',
  'punctuation', 'injection', 'di', 'provider', 'text', 'char', 'last', 'first', 'current', 'prefix', 'suffix',
  // Push notification device tokens address a device; they do not authenticate the service.
  'device', 'push', 'registration', 'fcm', 'apns',
]);

/** `<qualifier>Key` names that hold a secret key. A bare `key` is too common (cache keys, shortcuts, React keys). */
const KEY_QUALIFIERS = new Set([
  'api', 'secret', 'private', 'access', 'signing', 'sign', 'signature', 'encryption', 'encrypt', 'decryption', 'decrypt',
  'master', 'hmac', 'jwt', 'session', 'app', 'application', 'license', 'licence', 'auth', 'service', 'server',
  'subscription', 'account', 'admin', 'root', 'crypto', 'cipher', 'aes', 'rsa', 'shared', 'consumer', 'webhook',
  'partner', 'merchant', 'developer', 'rest', 'ssh', 'gpg', 'pgp', 'deploy', 'cookie',
]);

/** Words before `Key` that make it a lookup key, not a secret: `cacheKey`, `primaryKey`, `tokenKey` (storage key). */
const LOOKUP_KEY_WORDS = new Set([
  'cache', 'storage', 'local', 'query', 'header', 'idempotency', 'sort', 'partition', 'hash', 'range', 'object',
  'file', 's3', 'map', 'i18n', 'translation', 'hot', 'short', 'lookup', 'redis', 'lock', 'unique', 'composite',
  'index', 'route', 'event', 'message', 'state', 'dedupe', 'react', 'field', 'env', 'token', 'password', 'primary',
  'foreign', 'site', 'client', 'search', 'store', 'name', 'id', 'item', 'entry', 'row', 'column', 'table', 'group',
  'sessionstorage', 'localstorage', 'keyboard', 'menu', 'list', 'tab', 'dict', 'record', 'registry', 'prop', 'meta',
]);

function secretKind(name: string, literal: ts.Node): SecretKind | undefined {
  const all = nameWords(name);
  if (all.length === 0 || all.length > 8) return undefined;
  const words = [...all];
  while (words.length > 1 && (FILLER.has(words[words.length - 1]) || /^v?\d+$/.test(words[words.length - 1]))) words.pop();
  if (words.some((w) => NOT_SECRET_WORDS.has(w))) return undefined;
  const head = words[words.length - 1];
  const before = words.slice(0, -1);
  switch (head) {
    case 'password':
    case 'passwd':
    case 'pwd':
    case 'pw':
    case 'passphrase':
      return { label: 'password', bar: 'password' };
    case 'pass':
      // nodemailer / basic-auth style `{ user: 'me', pass: '…' }`; a bare `pass` is too ambiguous.
      return words.length === 1 && hasUserSibling(literal) ? { label: 'password', bar: 'password' } : undefined;
    case 'secret':
      return { label: 'secret', bar: 'token' };
    case 'token':
      if (before.some((w) => NOT_CREDENTIAL_TOKENS.has(w))) return undefined;
      return { label: 'token', bar: 'token' };
    case 'key': {
      if (before.some((w) => LOOKUP_KEY_WORDS.has(w))) return undefined;
      if (!before.some((w) => KEY_QUALIFIERS.has(w))) return undefined;
      if (before.includes('api')) return { label: 'API key', bar: 'token' };
      if (before.includes('private')) return { label: 'private key', bar: 'token' };
      if (before.includes('secret') || before.includes('access')) return { label: 'secret key', bar: 'token' };
      return { label: 'key', bar: 'entropy' };
    }
    case 'credential':
    case 'credentials':
    case 'creds':
      // fetch's `credentials: 'include'` and friends: only a random-looking value is a credential.
      return { label: 'credential', bar: 'entropy' };
    case 'auth':
    case 'authorization':
      return words.length === 1 ? { label: 'credential', bar: 'auth' } : undefined;
    default:
      return undefined;
  }
}

function hasUserSibling(literal: ts.Node): boolean {
  const property = outerParent(literal as ts.Expression);
  if (!property || !ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.parent)) return false;
  return property.parent.properties.some((p) => /^(user|username|login|email)$/i.test(propertyNameText(p.name) ?? ''));
}

function shortName(name: string): string {
  return name.length > 40 ? `${name.slice(0, 39)}…` : name;
}

// ---------------------------------------------------------------------------------------------------------------
// Values

const PLACEHOLDER_WORDS = new Set([
  'none', 'null', 'nil', 'undefined', 'empty', 'test', 'testing', 'dev', 'development', 'local', 'demo', 'foo', 'bar',
  'baz', 'qux', 'abc', 'abcd', 'abcdef', 'abc123', 'qwerty', 'letmein', 'admin', 'root', 'toor', 'guest', 'postgres',
  'postgresql', 'mysql', 'mongo', 'mongodb', 'redis', 'rabbitmq', 'user', 'username', 'pass', 'password', 'secret',
  'token', 'key', 'apikey', 'p@ssw0rd', 'passw0rd', 'p@ssword', 'pa$$word', 'pa55word', 'p4ssw0rd', 'sa', 'shh',
  'sekret', 's3cr3t', 'string', 'text', 'hidden', 'required', 'optional', 'number', 'boolean', 'any', 'object',
]);

/** Words that make a value the name of a secret or a stand-in for one: `'DB_PASSWORD'`, `'your-api-key'`, `'dev-secret'`. */
const PLACEHOLDER_PARTS =
  /pass|secret|token|api[-_ ]?key|credential|change[-_ ]?(me|it)|replace|redacted|placeholder|example|sample|dummy|todo|fixme|insert|your|fake|mock|test|user|admin|guest|xxxx|\*\*\*|\.\.\.|…|•|0123456|abcdefg|123e4567|426614174|JBSWY3DPEHPK3PXP|ac0974bec39a17e3|SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c/i;

/** Stand-ins and non-values that no name makes secret. */
function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (PLACEHOLDER_WORDS.has(v.toLowerCase())) return true;
  if (PLACEHOLDER_PARTS.test(v)) return true;
  // <token>, {{secret}}, ${SECRET}, $SECRET, %SECRET%, [hidden], :password, {0}
  if (/^<.*>$|^\[.*\]$|^\$[A-Z_][A-Z0-9_]*$|^%\w+%$|^:\w+$/i.test(v) || /[{}]|%[sd]|\$\(/.test(v)) return true;
  if (new Set(v).size <= 3) return true;
  if (/^(.{1,4})\1+$/.test(v)) return true;
  if (isSequence(v.toLowerCase())) return true;
  // abc123, admin123, whsec_123
  if (/^[a-z_-]{0,8}\d{1,8}$/i.test(v) && isSequence(v.replace(/^[a-z_-]*/i, ''))) return true;
  return false;
}

function isSequence(v: string): boolean {
  if (v.length < 3) return false;
  return ['0123456789', '9876543210', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl'].some((s) => s.includes(v));
}

/** Values that name, point at or describe something: paths, URLs, MIME types, constants, regexes, hashes. */
function isNotCredentialShape(v: string): boolean {
  if (/\s/.test(v)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^(mailto|data|blob|urn|arn):/i.test(v)) return true;
  if (/^[./~\\]|^[a-z]:\\/i.test(v)) return true; // paths and routes
  if (/\/[A-Za-z]/.test(v) && /^[\w.-]+(\/[\w.-]+)+$/.test(v) && !/\d.*[A-Z]|[A-Z].*\d/.test(v)) return true;
  if (/\.(pem|key|crt|cer|der|p12|pfx|jks|json|ya?ml|txt|env|conf|cfg|ini|js|ts|html?|png|jpe?g|svg|pub)$/i.test(v)) return true;
  if (/^[a-z]+\/[a-z0-9.+-]+$/i.test(v)) return true; // MIME types
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(v) || /^[A-Z]+$/.test(v)) return true; // env var names, error codes
  if (/^(sha(1|256|384|512)|md5)-[A-Za-z0-9+/=]+$/.test(v)) return true; // SRI integrity
  if (/^\$(2[abxy]?|argon2(id|i|d)?|scrypt|pbkdf2[-\w]*|[156])\$/.test(v)) return true; // password hashes
  if (/^v?\d+(\.\d+)+([-+][\w.]+)?$/.test(v) || /^\d{4}-\d{2}-\d{2}/.test(v) || /^#[0-9a-f]{3,8}$/i.test(v)) return true;
  if (/^\^|\$$|\(\?[=!:<]|\\[dDwWsS]|\[[A-Za-z0-9]-[A-Za-z0-9]|\{\d+,\d*\}/.test(v)) return true; // regexes
  // i18n keys and dotted identifiers: auth.password.invalid
  if (/^[a-z][a-zA-Z]{0,23}(\.[a-zA-Z][a-zA-Z0-9]{0,23})+$/.test(v)) return true;
  // Routes and validator chains: 'required|min:8'
  if (/^[a-z_]+(:[\w,]*)?(\|[a-z_]+(:[\w,]*)?)+$/i.test(v)) return true;
  return false;
}

/**
 * False when no value bar of step 4 (password, token, entropy, auth) can accept the value, so the name need not be
 * looked up: shorter than 4, a word (`isWordish` fails every bar), or prose (whitespace fails every bar but an
 * `Authorization` scheme). A cheap necessary condition, tested before any climbing of the tree.
 */
function mayPassValueBar(v: string): boolean {
  if (v.length < 4 || isWordish(v)) return false;
  return !/\s/.test(v) || /^(bearer|basic|token|apikey)\s+\S+$/i.test(v);
}

function isWordish(v: string): boolean {
  // letters with separators: 'new-password', 'current_password', 'eye-off', 'Passwort', 'qWeRtY'
  return /^[A-Za-z]+([-_.:][A-Za-z]+)*$/.test(v);
}

/** A password in a name's slot: anything typed by a person, but not a word, a number or a stand-in. */
function isPasswordValue(v: string): boolean {
  if (v.length < 4 || v.length > 200) return false;
  if (isPlaceholder(v) || isNotCredentialShape(v) || isWordish(v)) return false;
  if (/^\d+$/.test(v)) return false;
  // Nobody types 32 hex digits as a password: an MD5/SHA digest of one, as in seed data.
  if (/^[0-9a-f]+$/i.test(v) && [32, 40, 64, 128].includes(v.length)) return false;
  return true;
}

/** A token, secret or API key: at least 8 characters that do not read as a name. */
function isTokenValue(v: string): boolean {
  if (v.length < 8 || v.length > 2000) return false;
  // Publishable keys (Stripe pk_live_…, Mapbox pk.…, PostHog project keys phc_…) are meant for browsers.
  if (/^(pk[._]|phc_)/.test(v)) return false;
  if (isPlaceholder(v) || isNotCredentialShape(v) || isWordish(v)) return false;
  if (/^\d+$/.test(v)) return false;
  // Identifiers with digits (`button2`, `step3Done`) are names; random strings mix digits into letters.
  if (/^[a-z]+([-_][a-z]+)*[-_]?[0-9]{1,2}$/i.test(v) || isCamelIdentifier(v)) return false;
  // Words and numbers joined by separators are names: 'color-primary-500', 'job-2024-05', 'v4.local'.
  const segments = v.split(/[-_.:/]/);
  if (segments.length >= 2 && segments.every((seg) => /^([A-Za-z]*|\d*|v\d+)$/.test(seg))) return false;
  return new Set(v).size >= 6 && /\d/.test(v) && /[A-Za-z]/.test(v);
}

/** Only a random-looking value: for names that are often bound to settings (`credentials: 'include'`) and env fallbacks. */
function isHighEntropySecret(v: string, minLength: number): boolean {
  if (!isTokenValue(v) || v.length < minLength) return false;
  return shannonEntropy(v) >= 3.5;
}

/** `Authorization: 'Bearer …'`, http's `auth: 'user:password'`. */
function isAuthValue(v: string): boolean {
  const scheme = /^(bearer|basic|token|apikey)\s+(\S+)$/i.exec(v);
  if (scheme && scheme[1].toLowerCase() === 'basic') {
    // Basic dXNlcm5hbWU6cGFzc3dvcmQ= is 'username:password': judge the decoded pair.
    const decoded = Buffer.from(scheme[2], 'base64').toString('utf8');
    return /^[\x20-\x7e]+$/.test(decoded) && isAuthValue(decoded);
  }
  if (scheme) return isTokenValue(scheme[2]);
  const pair = /^([^:\s/]+):([^\s]+)$/.exec(v);
  return pair !== null && !/^[a-z][a-z0-9+.-]*$/i.test(pair[1] + pair[2]) && isPasswordValue(pair[2]) && pair[1] !== pair[2];
}

function isCamelIdentifier(v: string): boolean {
  return /^[a-z]+([A-Z][a-z]+)+[0-9]{0,2}$/.test(v) || /^([A-Z][a-z]+){2,}[0-9]{0,2}$/.test(v);
}

function shannonEntropy(v: string): number {
  const counts = new Map<string, number>();
  for (const ch of v) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / v.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

function preview(match: string): string {
  return `${match.slice(0, 4)}…`;
}

// ---------------------------------------------------------------------------------------------------------------
// Known key shapes

interface Shape {
  provider: string;
  pattern: RegExp;
}

const SHAPES: Shape[] = [
  { provider: 'AWS access key ID', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/ },
  { provider: 'GitHub token', pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9])/ },
  { provider: 'GitHub token', pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{60,}/ },
  { provider: 'GitLab token', pattern: /(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/ },
  // sk_test_ keys only reach Stripe's test mode and fill its public docs; only live keys are reported by shape.
  { provider: 'Stripe live key', pattern: /(?<![A-Za-z0-9])[sr]k_live_[A-Za-z0-9]{20,}/ },
  { provider: 'Slack token', pattern: /(?<![A-Za-z0-9])xox[baprse]-\d{6,}-[A-Za-z0-9-]{10,}/ },
  { provider: 'Slack app token', pattern: /(?<![A-Za-z0-9])xapp-\d-[A-Z0-9]{8,}-\d{6,}-[a-f0-9]{32,}/ },
  { provider: 'Slack webhook URL', pattern: /hooks\.slack\.com\/(?:services|workflows)\/T[A-Z0-9]{6,}\/[AB][A-Z0-9]{6,}\/[A-Za-z0-9]{20,}/ },
  { provider: 'Discord webhook URL', pattern: /discord(?:app)?\.com\/api\/webhooks\/\d{15,}\/[\w-]{50,}/ },
  { provider: 'Google API key', pattern: /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/ },
  { provider: 'npm token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/ },
  { provider: 'SendGrid API key', pattern: /(?<![\w-])SG\.[\w-]{22}\.[\w-]{43}(?![\w-])/ },
  { provider: 'Twilio API key', pattern: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/ },
  { provider: 'OpenAI API key', pattern: /(?<![\w-])sk-(?:proj-|svcacct-|admin-)?[\w-]{20,}T3BlbkFJ[\w-]{20,}/ },
  { provider: 'OpenAI API key', pattern: /(?<![\w-])sk-(?:proj|svcacct|admin)-[\w-]{80,}/ },
  { provider: 'Anthropic API key', pattern: /(?<![\w-])sk-ant-(?:api|admin)\d{2}-[\w-]{80,}/ },
  { provider: 'Shopify token', pattern: /(?<![\w-])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![\w-])/ },
];

/** A substring every shape above needs: one test instead of seventeen for the values that hold none. */
const SHAPE_HINT =
  /AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|k_live_|xox[baprse]-|xapp-|hooks\.slack\.com|discord|AIza|npm_|SG\.|SK[0-9a-f]|sk-|shp(?:at|ca|pa|ss)_/;

function knownKeyShape(value: string, literal: ts.Node): { provider: string; match: string } | undefined {
  if (!SHAPE_HINT.test(value)) return undefined;
  for (const shape of SHAPES) {
    const m = shape.pattern.exec(value);
    if (!m) continue;
    const match = m[0];
    // AKIAIOSFODNN7EXAMPLE, ghp_xxxxxxxx…, 0000… fillers in docs and templates.
    if (/example|xxxx|0000000|1234567|abcdef(?!0-9)/i.test(match) || /(.)\1{7,}/.test(match)) continue;
    if (shannonEntropy(match) < 3) continue;
    // Firebase web configs ship their Google API key to every browser; it is an identifier, not a secret.
    if (shape.provider === 'Google API key' && isFirebaseConfig(literal)) continue;
    return { provider: shape.provider, match };
  }
  return undefined;
}

/**
 * Keys that browser SDK configs are meant to carry: Algolia DocSearch/InstantSearch search-only keys (next to an
 * `indexName`) and Firebase web configs.
 */
function isPublicClientKey(literal: ts.Node): boolean {
  const property = outerParent(literal as ts.Expression);
  if (!property || !ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.parent)) return false;
  return isFirebaseConfig(literal) || property.parent.properties.some((p) => /^(indexName|searchClient)$/.test(propertyNameText(p.name) ?? ''));
}

function isFirebaseConfig(literal: ts.Node): boolean {
  const property = outerParent(literal as ts.Expression);
  if (!property || !ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.parent)) return false;
  return property.parent.properties.some((p) => /^(authDomain|messagingSenderId|storageBucket|appId)$/.test(propertyNameText(p.name) ?? ''));
}

/** The literal's text, joined with the other literals of a `'-----BEGIN…' + '…'` concatenation. */
function pemText(literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): string {
  if (!literal.text.includes('-----BEGIN')) return '';
  let top: ts.Node = literal;
  while (
    top.parent &&
    (ts.isParenthesizedExpression(top.parent) ||
      (ts.isBinaryExpression(top.parent) && top.parent.operatorToken.kind === ts.SyntaxKind.PlusToken))
  ) {
    top = top.parent;
  }
  if (top === literal) return literal.text;
  const parts: string[] = [];
  // Only binary and parenthesized nodes are walked into: their literal leaves, in source order.
  someNode(top, (node) => {
    if (isStringLiteralLike(node)) parts.push(node.text);
    return false;
  }, (node) => !ts.isBinaryExpression(node) && !ts.isParenthesizedExpression(node));
  return parts.join('');
}

/** A PEM private key with a real base64 body; `-----BEGIN PRIVATE KEY-----\n...` templates are not keys. */
function isPemPrivateKey(text: string): boolean {
  const header = /-----BEGIN ((?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/.exec(text);
  if (!header) return false;
  const rest = text.slice(header.index + header[0].length);
  const endAt = rest.indexOf('-----END');
  const body = (endAt === -1 ? rest : rest.slice(0, endAt))
    .split(/\r?\n|\\n/)
    .filter((line) => !line.includes(':')) // Proc-Type / DEK-Info / Version headers
    .join('')
    .replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/=]+$/.test(body) || body.length < 64) return false;
  return shannonEntropy(body) >= 4.5 && !/(.)\1{7,}/.test(body);
}

// ---------------------------------------------------------------------------------------------------------------
// URLs and connection strings

const URL_PASSWORD_PLACEHOLDERS = new Set([
  'password', 'pass', 'passwd', 'pwd', 'pw', 'secret', 'changeme', 'postgres', 'root', 'admin', 'guest', 'mysql', 'test',
  'example', 'user', 'username', 'xxx', 'mongo', 'redis', 'rabbitmq', 'dbpass', 'dbpassword',
]);

/** `postgres://app:s3cr3t@db/app` → 'postgres'; undefined when there is no real password. */
function urlWithPassword(value: string): string | undefined {
  if (!value.includes('://') || !value.includes('@')) return undefined;
  const m = /\b([a-z][a-z0-9+.-]{1,20}):\/\/([^\s:@/?#'"]*):([^\s@/?#'"]+)@[^\s/?#'"]*/i.exec(value);
  if (!m) return undefined;
  const [, scheme, user, password] = m;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // keep the raw text
  }
  if (decoded === user) return undefined; // guest:guest, postgres:postgres: well-known defaults
  if (URL_PASSWORD_PLACEHOLDERS.has(decoded.toLowerCase())) return undefined;
  if (decoded.length < 3 || /^\d+$/.test(decoded)) return undefined; // host:port@ is not a password
  if (/[<>{}$*]|%(?![0-9A-F]{2})/i.test(password) || isPlaceholder(decoded)) return undefined;
  // Documentation hosts: https://user:pass@example.com
  if (/@(?:[^/?#]*\.)?example(\.(com|org|net))?(?![\w.-])|@[^/?#]*\.(test|example|invalid)(?![\w.-])/i.test(m[0])) return undefined;
  return scheme.toLowerCase();
}

/** ADO-style `Server=…;User Id=…;Password=…;` strings. */
function connectionStringPassword(value: string): boolean {
  if (!value.includes(';') || !value.includes('=')) return false;
  const m = /(?:^|;)\s*(?:password|pwd)\s*=\s*([^;]*)/i.exec(value);
  if (!m) return false;
  const pairs = value.split(';').filter((part) => /^\s*[\w ]+\s*=/.test(part));
  if (pairs.length < 2) return false;
  const password = m[1].trim();
  if (URL_PASSWORD_PLACEHOLDERS.has(password.toLowerCase())) return false;
  return password.length >= 4 && !isPlaceholder(password);
}

// ---------------------------------------------------------------------------------------------------------------
// API slots that take a secret

interface Slot {
  kind: string;
  callee: string;
}

const SESSION_MODULES = new Set([
  'express-session', 'cookie-session', 'cookie-parser', '@fastify/session', 'fastify-session', '@fastify/cookie',
  'fastify-cookie', '@fastify/secure-session', '@fastify/jwt', 'fastify-jwt', 'express-jwt', 'koa-jwt', 'iron-session',
]);

/**
 * jsonwebtoken's sign/verify key, express-session-style `{ secret }`, cookie-parser's secret and Sequelize's password.
 * `crypto.createHmac(alg, key)` is left alone: public HMAC salts and domain-separation keys are common there.
 */
function secretSlot(literal: ts.Expression, imports: ImportMap): Slot | undefined {
  const parent = outerParent(literal);
  // { secret: '…' } passed straight to a session/cookie/jwt middleware.
  if (ts.isPropertyAssignment(parent) && /^(secret|secrets|keys|key)$/.test(propertyNameText(parent.name) ?? '')) {
    const object = parent.parent;
    const call = outerParent(object as ts.Expression);
    if (call && ts.isCallExpression(call) && isSessionCall(call, imports)) {
      return { kind: 'session secret', callee: `${calleeText(call) ?? 'session'}()` };
    }
    return undefined;
  }
  if (ts.isArrayLiteralExpression(parent)) {
    // cookieSession({ keys: ['…', '…'] })
    const property = outerParent(parent);
    if (property && ts.isPropertyAssignment(property) && /^(keys|secret|secrets)$/.test(propertyNameText(property.name) ?? '')) {
      const call = outerParent(property.parent as ts.Expression);
      if (call && ts.isCallExpression(call) && isSessionCall(call, imports)) {
        return { kind: 'session secret', callee: `${calleeText(call) ?? 'session'}()` };
      }
    }
    return undefined;
  }
  if (!ts.isCallExpression(parent) && !ts.isNewExpression(parent)) return undefined;
  const args = parent.arguments ?? ts.factory.createNodeArray();
  const index = args.indexOf(outermost(literal) as ts.Expression);
  // Only these argument positions take a secret below: skip building the callee's name for the others.
  if (ts.isCallExpression(parent) ? index !== 0 && index !== 1 : index !== 2) return undefined;
  // The tests below need one of these last names (or cookie-parser): most calls leave before their dotted name is built.
  const cheapLast = lastNameOf(parent.expression);
  if (cheapLast === undefined) return undefined;
  if (ts.isNewExpression(parent)) {
    if (cheapLast !== 'Sequelize' || args.length < 3) return undefined;
  } else if (index === 1) {
    if (cheapLast !== 'sign' && cheapLast !== 'verify' && !/^create(Cipheriv|Decipheriv)$/.test(cheapLast)) return undefined;
  } else if (moduleOf(parent.expression, imports) !== 'cookie-parser') {
    return undefined;
  }
  const name = calleeText(parent);
  if (name === undefined) return undefined;
  const last = name.split('.').pop() ?? name;
  const module = moduleOf(parent.expression, imports);
  if (ts.isCallExpression(parent)) {
    if (index === 1 && (last === 'sign' || last === 'verify') && module === 'jsonwebtoken') {
      return { kind: 'JWT secret', callee: `${name}()` };
    }
    if (index === 0 && module === 'cookie-parser') return { kind: 'cookie secret', callee: `${name}()` };
    if (index === 1 && /^create(Cipheriv|Decipheriv)$/.test(last) && (module === 'crypto' || /^crypto\./.test(name))) {
      return { kind: 'encryption key', callee: `${name}()` };
    }
    return undefined;
  }
  if (index === 2 && last === 'Sequelize' && args.length >= 3) {
    if (module === undefined || module === 'sequelize' || module === 'sequelize-typescript') {
      return { kind: 'database password', callee: `new ${name}()` };
    }
  }
  return undefined;
}

/** The last segment of `dottedName(callee).split('.')`, without building the dotted name. */
function lastNameOf(callee: ts.Expression): string | undefined {
  const expr = skipOuterExpressions(callee);
  if (ts.isIdentifier(expr)) return expr.text;
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  if (ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression)) {
    return expr.argumentExpression.text.split('.').pop();
  }
  return undefined;
}

function moduleOf(callee: ts.Expression, imports: ImportMap): string | undefined {
  const binding = rootModule(callee, imports);
  return binding ? normalizeModule(binding.module) : undefined;
}

function isSessionCall(call: ts.CallExpression, imports: ImportMap): boolean {
  const module = moduleOf(call.expression, imports);
  if (module !== undefined && SESSION_MODULES.has(module)) return true;
  // fastify.register(fastifyCookie, { secret }) / app.register(require('@fastify/session'), { … })
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'register' && call.arguments.length >= 2) {
    const plugin = skipOuterExpressions(call.arguments[0]);
    if (ts.isIdentifier(plugin)) {
      const binding = imports.get(plugin.text);
      return binding !== undefined && SESSION_MODULES.has(normalizeModule(binding.module));
    }
    if (ts.isCallExpression(plugin) && ts.isIdentifier(plugin.expression) && plugin.expression.text === 'require') {
      const first = plugin.arguments[0];
      return first !== undefined && isStringLiteralLike(first) && SESSION_MODULES.has(normalizeModule(first.text));
    }
  }
  return false;
}

/** In a known secret slot any real value is a secret, including a short phrase like express-session's 'keyboard cat'. */
function isSlotSecret(v: string, kind: string): boolean {
  if (kind === 'encryption key') return isTokenValue(v) && v.length >= 16;
  if (kind === 'database password') return isPasswordValue(v) || (v.length >= 6 && isWordish(v) && !isPlaceholder(v) && !/^[A-Z]/.test(v));
  const trimmed = v.trim();
  if (trimmed.length < 6 || trimmed.length > 500 || isPlaceholder(trimmed)) return false;
  if (/\s/.test(trimmed)) {
    // A passphrase, not prose; 'foo bar baz' is a stand-in.
    const words = trimmed.split(/\s+/);
    return /^[a-z0-9'-]+( [a-z0-9'-]+){1,4}$/i.test(trimmed) && !words.every((w) => PLACEHOLDER_WORDS.has(w.toLowerCase()));
  }
  return !isNotCredentialShape(trimmed);
}
