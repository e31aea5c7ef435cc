// What a credential looks like, apart from any language: known key formats, private key blocks, credentials in
// URLs and connection strings, names that say they hold a secret, and values that are stand-ins rather than secrets.
// config/no-hardcoded-secret reads it for TypeScript, Dockerfiles and .env files alike. Pure; no I/O.
// A finding built from these never shows the value: `preview` keeps four characters.

// ---------------------------------------------------------------------------------------------------------------
// Names

export type Bar = 'password' | 'token' | 'entropy' | 'auth';
export interface SecretKind {
  label: string;
  bar: Bar;
}

/** Compound lower-case names split into their words: `apikey` → `api key`, `dbpassword` → `db password`. */
const COMPOUNDS = /(password|passwd|passphrase|secret|token|apikey|privatekey|secretkey|accesskey)$/;

export function nameWords(name: string): string[] {
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

/** A letter sequence every head word of `secretKind` contains (password, passwd, pwd, pw, pass, passphrase, secret, token, key, credential(s), creds, auth, authorization). */
const SECRET_HEAD_STEMS = /pass|pw|secret|token|key|cred|auth/i;

/**
 * What a name says its value holds: a password, a secret, a token, an API key…; undefined for names that hold
 * none (flags, labels, lookup keys, public halves). `hasUserSibling` answers whether the value sits next to a
 * user name (`{ user, pass }`), the only context in which a bare `pass` is a password.
 */
export function secretKind(name: string, hasUserSibling: () => boolean = () => false): SecretKind | undefined {
  // The head word below is always one of these spellings (`PWD`, `apiKey`, `clientSecret`): most names hold none,
  // and are told so without being split into words.
  if (!SECRET_HEAD_STEMS.test(name)) return undefined;
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
      return words.length === 1 && hasUserSibling() ? { label: 'password', bar: 'password' } : undefined;
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

// ---------------------------------------------------------------------------------------------------------------
// Values

export const PLACEHOLDER_WORDS = new Set([
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
export function isPlaceholder(value: string): boolean {
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
export function isNotCredentialShape(v: string): boolean {
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
export function mayPassValueBar(v: string): boolean {
  if (v.length < 4 || isWordish(v)) return false;
  return !/\s/.test(v) || /^(bearer|basic|token|apikey)\s+\S+$/i.test(v);
}

export function isWordish(v: string): boolean {
  // letters with separators: 'new-password', 'current_password', 'eye-off', 'Passwort', 'qWeRtY'
  return /^[A-Za-z]+([-_.:][A-Za-z]+)*$/.test(v);
}

/** A password in a name's slot: anything typed by a person, but not a word, a number or a stand-in. */
export function isPasswordValue(v: string): boolean {
  if (v.length < 4 || v.length > 200) return false;
  if (isPlaceholder(v) || isNotCredentialShape(v) || isWordish(v)) return false;
  if (/^\d+$/.test(v)) return false;
  // Nobody types 32 hex digits as a password: an MD5/SHA digest of one, as in seed data.
  if (/^[0-9a-f]+$/i.test(v) && [32, 40, 64, 128].includes(v.length)) return false;
  return true;
}

/** A token, secret or API key: at least 8 characters that do not read as a name. */
export function isTokenValue(v: string): boolean {
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
export function isHighEntropySecret(v: string, minLength: number): boolean {
  if (!isTokenValue(v) || v.length < minLength) return false;
  return shannonEntropy(v) >= 3.5;
}

/** `Authorization: 'Bearer …'`, http's `auth: 'user:password'`. */
export function isAuthValue(v: string): boolean {
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

export function shannonEntropy(v: string): number {
  const counts = new Map<string, number>();
  for (const ch of v) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / v.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

export function preview(match: string): string {
  return `${match.slice(0, 4)}…`;
}

// ---------------------------------------------------------------------------------------------------------------
// Known key shapes

interface Shape {
  provider: string;
  pattern: RegExp;
  /**
   * Keys of this format are often meant for browsers (Google Maps/Places keys, restricted by referrer): a
   * finding, but not an error beyond doubt.
   */
  public?: boolean;
}

export interface KnownKey {
  provider: string;
  match: string;
  /** A format often issued for browsers (see `Shape.public`). */
  public: boolean;
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
  { provider: 'Google API key', pattern: /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/, public: true },
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

/**
 * A well-known key format in `value` (AWS, GitHub, Stripe live, Slack, …), with the text that matched; fillers
 * (`AKIAIOSFODNN7EXAMPLE`, `ghp_xxxx…`) are not keys. `isBrowserConfig` says whether the value sits in a
 * browser SDK config (a Firebase web config), where a Google API key is an identifier every browser gets.
 */
export function knownKeyShape(value: string, isBrowserConfig: () => boolean = () => false): KnownKey | undefined {
  if (!SHAPE_HINT.test(value)) return undefined;
  for (const shape of SHAPES) {
    const m = shape.pattern.exec(value);
    if (!m) continue;
    const match = m[0];
    // AKIAIOSFODNN7EXAMPLE, ghp_xxxxxxxx…, 0000… fillers in docs and templates.
    if (/example|xxxx|0000000|1234567|abcdef(?!0-9)/i.test(match) || /(.)\1{7,}/.test(match)) continue;
    if (shannonEntropy(match) < 3) continue;
    // Firebase web configs ship their Google API key to every browser; it is an identifier, not a secret.
    if (shape.provider === 'Google API key' && isBrowserConfig()) continue;
    return { provider: shape.provider, match, public: shape.public === true };
  }
  return undefined;
}


/** A PEM private key with a real base64 body; `-----BEGIN PRIVATE KEY-----\n...` templates are not keys. */
export function isPemPrivateKey(text: string): boolean {
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
export function urlWithPassword(value: string): string | undefined {
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
export function connectionStringPassword(value: string): boolean {
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

/** In a known secret slot any real value is a secret, including a short phrase like express-session's 'keyboard cat'. */
export function isSlotSecret(v: string, kind: string): boolean {
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

// ---------------------------------------------------------------------------------------------------------------
// Judgements shared by every language

/** A credential found in a value by its shape alone, whatever name holds it. */
export type ShapedSecret =
  | { kind: 'privateKey' }
  | { kind: 'knownKey'; provider: string; preview: string; public: boolean }
  | { kind: 'urlCredentials'; scheme: string; local: boolean }
  | { kind: 'connectionString'; local: boolean };

/**
 * A private key block, a known key format, or a password inside a URL or a connection string. `pem` is the text
 * to read a private key from when it differs from `value` (a TypeScript concatenation of literals).
 */
export function shapedSecret(value: string, options: { pem?: string; isBrowserConfig?: () => boolean } = {}): ShapedSecret | undefined {
  if (value.length >= 20 || (options.pem !== undefined && options.pem.length >= 20)) {
    if (isPemPrivateKey(options.pem ?? value)) return { kind: 'privateKey' };
    const shape = value.length >= 20 ? knownKeyShape(value, options.isBrowserConfig) : undefined;
    if (shape) return { kind: 'knownKey', provider: shape.provider, preview: preview(shape.match), public: shape.public };
  }
  const scheme = urlWithPassword(value);
  if (scheme) return { kind: 'urlCredentials', scheme, local: isLocalCredential(value) };
  if (connectionStringPassword(value)) return { kind: 'connectionString', local: isLocalCredential(value) };
  return undefined;
}

/**
 * Credentials of a database on the developer's machine (`@localhost`, `Server=127.0.0.1`): a finding, since they
 * still ship, but not a leak beyond doubt.
 */
export function isLocalCredential(value: string): boolean {
  return (
    /@(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)(?=[:/?#'"\s]|$)/i.test(value) ||
    /(?:^|;)\s*(server|host|data source|address)\s*=\s*(localhost|127\.0\.0\.1|\.|\(local\))\s*(?:[;,]|$)/i.test(value)
  );
}

/** Whether `value` meets the bar that `kind` sets for a value under its name (see `secretKind`). */
export function meetsBar(kind: SecretKind, value: string, minEntropyLength: number): boolean {
  switch (kind.bar) {
    case 'entropy':
      return isHighEntropySecret(value, minEntropyLength);
    case 'password':
      return isPasswordValue(value);
    case 'auth':
      return isAuthValue(value);
    default:
      return isTokenValue(value);
  }
}

/**
 * A value under a secret's name that is a credential beyond doubt: random-looking and long enough that nobody
 * would call it a stand-in. Everything else a name makes suspect is debatable (a person's password, a short key).
 */
export function isCertainSecret(kind: SecretKind, value: string, minEntropyLength: number): boolean {
  if (kind.bar === 'auth') {
    const scheme = /^(bearer|token|apikey)\s+(\S+)$/i.exec(value);
    return scheme !== null && isHighEntropySecret(scheme[2], minEntropyLength);
  }
  // A person's strong password (`Tr1cky-Orders-2023`): long, and mixing letters of both cases, digits and signs.
  if (kind.bar === 'password' && isPasswordValue(value) && isStrongPassword(value)) return true;
  return isHighEntropySecret(value, minEntropyLength);
}

/** Stand-ins that fail wherever they are used (`your-api-key`, `<token>`, `xxx`): they open nothing. */
const STAND_IN = /your|replace|insert|x{3,}|example|placeholder|redacted|todo|fixme|\*\*\*|\.\.\.|…|•/i;

/**
 * A default given to a secret's variable (`process.env.ADMIN_PASSWORD || 'changeme'`): any value someone could
 * log in or sign with, weak words included, since it is what runs wherever the variable is left unset. Not: empty
 * values, `null`-like words, stand-ins that open nothing (`your-api-key`), and values that are not credentials at
 * all (paths, URLs, names of other variables).
 */
export function isDefaultCredential(kind: SecretKind, value: string): boolean {
  if (kind.bar === 'entropy' || kind.bar === 'auth') return false;
  const v = value.trim();
  if (v.length < 4 || v.length > 200) return false;
  if (/^(none|null|nil|undefined|empty|false|true|unset|disabled?|off|n\/a)$/i.test(v)) return false;
  // `${SECRET}`, `$SECRET`, `<secret>`: a reference or a template slot, not a value.
  if (/^<.*>$|^\$\{?[A-Z_][A-Z0-9_]*\}?$|^%\w+%$|\{\{.*\}\}/i.test(v)) return false;
  return !STAND_IN.test(v) && !isNotCredentialShape(v);
}

function isStrongPassword(v: string): boolean {
  if (v.length < 12) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
  return classes >= 3 && shannonEntropy(v) >= 3.3;
}
