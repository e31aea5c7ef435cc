import assert from 'node:assert/strict';
import rule from '../../../server/src/analyzer/rules/config/no-hardcoded-secret';
import { runCase, runRuleTests } from '../../support/rule-tester';
import { parseManifest } from '../../../server/src/analyzer/manifest';
import { EMPTY_PROJECT, type ProjectView } from '../../../server/src/analyzer/project';

// Realistic-looking values built at run time so that this file does not itself look like it leaks keys.
const GITHUB = 'ghp_' + 'aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5';
const AWS = 'AKIA' + 'QWERTYUIOPASDFGH';
const STRIPE_LIVE = 'sk_live_' + '51Hc9xKLm2QpR7tVw3YzA8bC';
const SLACK = 'xoxb-' + '730191371696-4185729384756-Zq8Lm2Xw9Rt4Vb7Nk3Hs6Jd1';
const GOOGLE = 'AIza' + 'SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY';
const NPM = 'npm_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const PEM_BODY =
  'MIIEpAIBAAKCAQEA1c7+9z5Pad7OejecsQ0bu3aumB9rCYBg3/jnO2UPb8mn1H7Iv6Bh8W4ulS9ylrqVH5fHbMnt/zT8vtIa8Cx5s9uRWUeAnzf';
const PEM = `-----BEGIN RSA PRIVATE KEY-----\\n${PEM_BODY}\\n-----END RSA PRIVATE KEY-----`;
const HEX32 = 'a8f5f167f44f4964e6c998dee827110c';

/** A project whose package.json has these scripts. */
function devScriptProject(scripts: Record<string, string>): ProjectView {
  return { ...EMPTY_PROJECT, manifest: parseManifest(JSON.stringify({ name: 'app', scripts })) };
}

runRuleTests(rule, {
  valid: [
    // Read from the environment.
    'const dbPassword = process.env.DB_PASSWORD;',
    "const apiKey = process.env['API_KEY'];",
    'const { JWT_SECRET } = process.env;',
    // Empty values, placeholders and stand-ins.
    "const password = '';",
    "const password = 'changeme';",
    "const apiKey = 'your-api-key';",
    "const token = '<token>';",
    "const secret = 'xxx';",
    "const password = '********';",
    "const apiKey = 'REDACTED';",
    "const token = 'TODO';",
    "const secret = 'secret';",
    "const clientSecret = 'YOUR_CLIENT_SECRET';",
    "const password = '${DB_PASSWORD}';",
    "const password = '{{password}}';",
    "const apiKey = '0123456789ABCDEFGH';",
    "const password = 'password123';",
    { code: "const secret = 'whsec_123';", name: 'prefix plus a counting sequence' },
    { code: "const pw = { user: 'me', pass: 'pass' };", name: 'nodemailer sample' },
    // Well-known default credentials are not secrets (no-hardcoded-host reports the backing service itself).
    "const config = { user: 'postgres', password: 'postgres' };",
    "const db = { user: 'root', password: 'root' };",
    "const url = 'amqp://guest:guest@localhost:5672';",
    "const url = 'postgres://postgres:postgres@localhost:5432/app';",
    // Names that are not secrets.
    "const passwordField = 'hunter22';",
    "const password_reset_url = 'https://example.com/reset?x=1';",
    "const tokenType = 'Bearer';",
    "const token_type = 'bearer';",
    { code: "const v = { secretName: 'prod/db/password-9f3a' };", name: 'PEERS C.3: the name of a secret' },
    { code: "const v = { secret_id: 'inf-vsqt-01-secret-id' };", name: 'PEERS C.3' },
    { code: "const v = { vaultKey: 'inf-vsqt-01-secret-id' };", name: 'PEERS C.3' },
    "const publicKey = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9x2Lq7W3';",
    "const public_key = 'a8f5f167f44f4964e6c998dee827110c';",
    "const client_id = 'a8f5f167f44f4964e6c998dee827110c';",
    "const api_version = '2023-10-16';",
    "const keyboard = 'qwerty-uk-2';",
    "const monkey = 'a8f5f167f44f4964e6c998dee827110c';",
    { code: "const binding = { key: 'ctrl+shift+down', command: 'editor.action.moveLinesDownAction' };", name: 'PEERS C.5' },
    { code: "const payment = { tokenizationId: 'f865288c3e8f4f9e8c1a2b3c4d5e6f70' };", name: 'PEERS C.1: hex ids' },
    "const cacheKey = 'users:list:v2';",
    "const primaryKey = 'id';",
    "const TOKEN_STORAGE_KEY = 'myapp.auth.token';",
    "const pageToken = 'CAoQAA2xYz9';",
    "const cancelToken = 'abc123xyz9';",
    "const stripePublishableKey = 'pk_live_51Hc9xKLm2QpR7tVw3YzA8bC';",
    "const mapboxToken = 'pk.eyJ1IjoibWFwYm94IiwiYSI6ImNpejY4M29iazA2Z2gycXA4N2pmbDZmangifQ.-g_vE53SD2WrJ6tFX7QHmA';",
    {
      name: 'false positive in hoppscotch: a PostHog project API key (phc_) is write-only and public by design',
      code: "class PostHogService {\n  private POSTHOG_API_KEY = 'phc_9CipPajQC22mSkk2wxe2TXsUA0Ysyupe8dt5KQQEabc';\n}",
    },
    "const deviceToken = '11433856eed2f1285fb3aa11136718c1198ed5647875096952c66bf8cb976306';",
    // i18n strings, labels, messages.
    "const labels = { passwordLabel: 'Enter your password' };",
    "const errors = { password: 'Password must be 8 characters' };",
    "const de = { password: 'Passwort', username: 'Benutzername' };",
    { code: "export default { password: 'Contraseña', login: 'Iniciar sesión' };", filename: 'src/locales/es.ts' },
    { code: "export default { token: 'j3ton-42x' };", filename: 'src/i18n/fr.ts', name: 'translation files are skipped by name' },
    "const t = { password: 'Pa55wort', hint: 'At least eight characters long' };",
    // Routes, headers, MIME types, paths, enum-like constants, error codes, env var names.
    "const tokenRoute = '/auth/token';",
    "const token = '/auth/token';",
    "const apiKeyHeader = 'x-api-key';",
    "const header = { name: 'Authorization' };",
    "const PASSWORD = 'password';",
    "const TOKEN_KEY = 'token';",
    "const ACCESS_TOKEN = 'ACCESS_TOKEN';",
    "localStorage.getItem('token');",
    "const input = { type: 'password' };",
    "const code = { password: 'INVALID_PASSWORD' };",
    "const secret = process.env['DB_PASSWORD'];",
    "const password = 'DB_PASSWORD';",
    "const privateKey = './keys/private.pem';",
    "const privateKeyPath = '/etc/ssl/private/server.key';",
    "const secret = 'server.key';",
    "const token = 'application/json';",
    "const password = 'required|min:8';",
    "const password = '^(?=.*[A-Z])(?=.*\\\\d).{8,}$';",
    "const password = 'auth.password.invalid';",
    "const token = 'errors.token.expired';",
    "const autocomplete = { password: 'current-password' };",
    // Hashes, checksums, identifiers.
    { code: "const integrity = 'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==';", name: 'PEERS C.11: SRI' },
    { code: "const token = 'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeo==';", name: 'PEERS C.11: SRI' },
    "const commit = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';",
    "const id = '1b4e28ba-2fa1-11d2-883f-00c04fc2dd41';",
    { code: "const token = 'getUserAccessTokenFromStorage';", name: 'PEERS C.11: camelCase identifiers' },
    { code: "const secret = 'handleSecretRotationCompleted';", name: 'PEERS C.11' },
    "const password = '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';",
    "const image = { token: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' };",
    "const apiKey = 'https://api.example.com/v1/keys';",
    // Found while running the rule over real services (payload, parse-server, hackathon-starter, keystone, medusa).
    { code: "revoke({ accessToken: 'access-1', refreshToken: 'refresh-1' });", name: 'word plus counter' },
    { code: "const session = { totpSecret: 'JBSWY3DPEHPK3PXP' };", name: 'the Google Authenticator sample secret' },
    { code: "const uri = 'mongodb://user!with%40%2B%20symbols:password!with%40%2B%20symbols@localhost:1234/parse';", name: 'percent-encoded stand-in' },
    { code: "const queue = { jobToken: 'job-2024-05' };", name: 'words and numbers' },
    { code: "const color = { token: 'color-primary-500' };", name: 'design token' },
    { code: "const paseto = { token: 'v4.local' };", name: 'version and word' },
    { code: "const seed = { password: 'e10adc3949ba59abbe56e057f20f883e' };", name: 'a digest of a password' },
    { code: "const t = { token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c' };", name: 'the jwt.io sample token' },
    "const apiKey = '987e6543-e21b-12d3-a456-426614174999';",
    "const swagger = { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } } };",
    "const schema = { password: { type: 'string', minLength: 8, example: 'P@ssw0rd123' } };",
    "const ERRORS = { INVALID_TOKEN: 'invalid_token', TOKEN_EXPIRED: 'token_expired' };",
    "const cookies = { accessTokenCookie: 'at_v2', refreshTokenCookieName: 'rt' };",
    "const ttl = { TOKEN_TTL: '15m', token_expiry: '7d' };",
    "const oauth = { tokenEndpointAuthMethod: 'client_secret_basic', grant_type: 'client_credentials' };",
    "export const SECRET_KEY_BASE = 'development_secret_key_base_do_not_use';",
    // Not stored: types, comparisons, enum members, arguments.
    "type T = { password: 'hunter22' };",
    "interface Creds { token: 'a8f5f167f44f4964e6c998dee827110c' }",
    "enum Field { Password = 'Pa55w0rd!' }",
    "if (password === 'hunter22') {}",
    "switch (token) { case 'a8f5f167f44f4964e6c998dee827110c': break; }",
    "login('admin', 'hunter22');",
    { code: "import crypto from 'crypto'; crypto.createHmac('sha256', 'public-domain-separator-v1');", name: 'PEERS C.12: HMAC salt' },
    { code: "const salt = 'f3a9c2e1b7d4a6c8e0f2b4d6a8c0e2f4';", name: 'PEERS C.12: salts are not secrets' },
    // Env fallbacks that open nothing: stand-ins, empty values, references.
    "const apiKey = process.env.API_KEY || 'your-api-key';",
    "const apiKey = process.env.API_KEY || 'YOUR_API_KEY';",
    "const token = process.env.TOKEN ?? '';",
    "const secret = process.env.SECRET || 'undefined';",
    "const secretFile = process.env.SECRET_FILE || '/run/secrets/app';",
    "const credentials = process.env.CREDENTIALS || 'include';",
    // Dev-only branches: a developer's login on their machine is not the deploy's config (issue 6).
    { code: "const secret = process.env.NODE_ENV === 'production' ? process.env.JWT_SECRET : 'dev-secret';", name: 'issue 6: dev-only branch' },
    { code: "if (process.env.NODE_ENV !== 'production') {\n  seedAdmin({ password: 'Adm1n!2024' });\n}", name: 'issue 6: dev-only branch' },
    { code: "if (process.env.NODE_ENV === 'production') {\n  start();\n} else {\n  const adminToken = 'dev-only-9fK2mQ7xLp3Tz8Rv';\n}", name: 'issue 6: else of a production check' },
    { code: "const isDev = process.env.NODE_ENV === 'development';\nconst jwtSecret = isDev ? 'Zk3Lm9Qx2Vb7Np4Rt8Ws' : process.env.JWT_SECRET;", name: 'issue 6: a derived flag' },
    { code: "const token = !isProduction && 'Zk3Lm9Qx2Vb7Np4Rt8Ws';", name: 'issue 6: dev-only &&' },
    {
      code: "const token = process.env.ADMIN_TOKEN || 'Zk3Lm9Qx2Vb7';",
      filename: 'src/db/seed-admin.ts',
      project: devScriptProject({ seed: 'ts-node src/db/seed-admin.ts' }),
      name: 'issue 6: an admin token seeded by an entry point only a dev script starts',
    },
    // Settings that share a secret word.
    "fetch(url, { credentials: 'include' });",
    "const opts = { credentials: 'same-origin' };",
    "const headers = { Authorization: 'Basic dXNlcm5hbWU6cGFzc3dvcmQ=' };",
    "const auth = 'bearer';",
    // Firebase web configs and Algolia search-only keys are public by design.
    `const firebaseConfig = { apiKey: '${GOOGLE}', authDomain: 'x.firebaseapp.com', appId: '1:2:web:3' };`,
    "docsearch({ appId: 'N3ZF861Q5G', apiKey: 'f52fa93b9068fe8824beab5727ae84a1', indexName: 'docs' });",
    // Key shapes only with real bodies.
    "const awsKey = 'AKIAIOSFODNN7EXAMPLE';",
    "const gh = 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';",
    "const stripe = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';",
    { code: "const pem = '-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----';", name: 'PEERS C.7' },
    "const pemHeader = '-----BEGIN RSA PRIVATE KEY-----';",
    "const pub = '-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9x2Lq7W3vQeZ8mJ1nB5cXkL0pR4sT6uV8wY2zA1bC3dE5fG7hI9jK\\n-----END PUBLIC KEY-----';",
    // URLs without a real password.
    "const url = 'postgres://user:${PASSWORD}@db/app';",
    'const url = `postgres://app:${process.env.DB_PASSWORD}@db/app`;',
    "const url = 'postgres://user:<password>@db/app';",
    "const url = 'postgres://user:password@db/app';",
    "const url = 'mongodb://user:****@db/app';",
    "const url = 'https://git@github.com/org/repo.git';",
    "const url = 'https://user:s3cr3tPw9@example.com/path';",
    "const url = 'redis://cache:6379';",
    // Slots with stand-ins.
    "import jwt from 'jsonwebtoken'; jwt.sign(payload, 'secret');",
    "import jwt from 'jsonwebtoken'; jwt.sign(payload, process.env.JWT_SECRET);",
    "import session from 'express-session'; app.use(session({ secret: process.env.SESSION_SECRET }));",
    "import cookieParser from 'cookie-parser'; app.use(cookieParser('foo bar baz'));",
    "import { Sequelize } from 'sequelize'; new Sequelize('database', 'username', 'password');",
    "sign(payload, 'keyboard cat 42');",
    // Tests are quiet by default.
    { code: "const dbPassword = 'hunter22';", filename: 'test/db.test.ts' },
    // Options.
    { code: "const legacyToken = 'a8f5f167f44f4964e6c998dee827110c';", options: { ignoreNames: ['^legacy'] } },
    { code: "const apiKey = 'demo-4f9a8b7c6d5e';", options: { ignoreValues: ['^demo-'] } },
    { code: "const signingKey = 'q8Zr4LmN2pXw7Tv3Ks';", options: { minEntropyLength: 24 } },
  ],
  invalid: [
    {
      name: 'issue 3: Move to environment variable, no default for a secret',
      code: "const dbPassword = 'hunter2';\n",
      errors: [{
        messageId: 'byName', line: 1, column: 20,
        fixes: [{ title: 'Move to environment variable DB_PASSWORD', output: "const dbPassword = process.env.DB_PASSWORD || missingEnv('DB_PASSWORD');\n\nfunction missingEnv(name: string): never {\n  throw new Error('Environment variable ' + name + ' is not set');\n}\n" }],
      }],
    },
    {
      name: 'issue 3: nested config path names the variable',
      code: "export default {\n  db: { host: 'db', password: 'S3cure!Vault9' },\n};\n",
      errors: [{
        messageId: 'byName', line: 2, column: 31,
        fixes: [{
          title: 'Move to environment variable DB_PASSWORD',
          output: "export default {\n  db: { host: 'db', password: process.env.DB_PASSWORD || missingEnv('DB_PASSWORD') },\n};\n\nfunction missingEnv(name: string): never {\n  throw new Error('Environment variable ' + name + ' is not set');\n}\n",
        }],
      }],
    },
    {
      name: 'issue 3: a URL with credentials moves whole, named by its scheme',
      code: "mongoose.connect('mongodb://app:Zq8vL2pX9w@db.internal:27017/shop');\n",
      errors: [{
        messageId: 'urlCredentials', line: 1, column: 18,
        fixes: [{ title: 'Move to environment variable MONGODB_URI', output: "mongoose.connect(process.env.MONGODB_URI || missingEnv('MONGODB_URI'));\n\nfunction missingEnv(name: string): never {\n  throw new Error('Environment variable ' + name + ' is not set');\n}\n" }],
      }],
    },
    {
      name: 'issue 3: a random-looking fallback of an env read is removed, not moved',
      code: "const secret = process.env.JWT_SECRET || 'q8Zr4LmW2xTt9VbN6cYe3Kp';\n",
      errors: [{
        messageId: 'defaultCredential', line: 1, column: 42, severity: 'error',
        fixes: [{ title: 'Remove the hard-coded fallback', output: "const secret = process.env.JWT_SECRET || missingEnv('JWT_SECRET');\n\nfunction missingEnv(name: string): never {\n  throw new Error('Environment variable ' + name + ' is not set');\n}\n" }],
      }],
    },
    {
      code: "const dbPassword = 'hunter2';",
      errors: [{
        messageId: 'byName', line: 1, column: 20, endLine: 1, endColumn: 29,
        message: 'Hard-coded password in "dbPassword"; read it from the environment (III. Config).',
      }],
    },
    {
      code: "const config = {\n  db: { host: 'db', password: 'S3cure!Vault9' },\n};",
      errors: [{ messageId: 'byName', line: 2, column: 31 }],
    },
    {
      code: "class Client {\n  private readonly apiKey = '" + HEX32 + "';\n}",
      errors: [{ messageId: 'byName', line: 2, column: 29, message: 'Hard-coded API key in "apiKey"; read it from the environment (III. Config).' }],
    },
    { code: `function connect(token = '${HEX32}') {}`, errors: [{ messageId: 'byName', line: 1, column: 26 }] },
    { code: "const { password = 'hunter22' } = options;", errors: [{ messageId: 'byName', line: 1, column: 20 }] },
    { code: "config.password = 'Tr0ub4dor&3';", errors: [{ messageId: 'byName', line: 1, column: 19 }] },
    { code: "config['db_password'] = 'Tr0ub4dor&3';", errors: [{ messageId: 'byName', line: 1, column: 25 }] },
    { code: "const clientSecret = 'GOCSPX-9fK2mQ7xLp3Tz8Rv1Wn';", errors: [{ messageId: 'byName', line: 1, column: 22 }] },
    { code: "const csrf = { secret: 'aB3$dE5^' };", errors: [{ messageId: 'byName', line: 1, column: 24 }] },
    { code: "const headers = { 'X-Auth-Token': '5f2b9c1a8e7d6f4a3b2c1d0e' };", errors: [{ messageId: 'byName', line: 1, column: 35 }] },
    { code: "const aws = { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ3kL9mNpT' };", errors: [{ messageId: 'byName', line: 1, column: 32 }] },
    { code: "const partner = { apiKey: '1b4e28ba-2fa1-11d2-883f-00c04fc2dd41' };", errors: [{ messageId: 'byName', line: 1, column: 27 }] },
    { code: "const ws = new WebSocket('wss://feed:s3cretW5@stream.vendor.io/feed');", errors: [{ messageId: 'urlCredentials', line: 1, column: 26 }] },
    { code: "exports.SECRET = 'asfdlajsdfaf234';", errors: [{ messageId: 'byName', line: 1, column: 18 }], name: 'nestjs-realworld config' },
    { code: "const JWT_SECRET_KEY = 'x7Gk2Lq9Vz4Rm8Tp';", errors: [{ messageId: 'byName', line: 1, column: 24, message: 'Hard-coded secret key in "JWT_SECRET_KEY"; read it from the environment (III. Config).' }] },
    { code: "const mail = { auth: { user: 'mailer', pass: 'x9!kLm2q' } };", errors: [{ messageId: 'byName', line: 1, column: 46 }] },
    {
      code: `const headers = { Authorization: 'Bearer ${HEX32}' };`,
      errors: [{ messageId: 'byName', line: 1, column: 34, message: 'Hard-coded credential in "Authorization"; read it from the environment (III. Config).' }],
    },
    { code: "const headers = { 'x-api-key': 'a8f5f167f44f4964e6c9' };", errors: [{ messageId: 'byName', line: 1, column: 32 }] },
    { code: "headers.set('X-API-Key', 'a8f5f167f44f4964e6c9');", errors: [{ messageId: 'byName', line: 1, column: 26 }] },
    { code: "const options = { auth: 'deploy:Kx8!mQ2z' };", errors: [{ messageId: 'byName', line: 1, column: 25 }], name: 'http.request auth' },
    { code: "const signingKey = 'q8Zr4LmN2pXw7Tv3KsYb';", errors: [{ messageId: 'byName', line: 1, column: 20, message: 'Hard-coded key in "signingKey"; read it from the environment (III. Config).' }] },
    { code: "const credentials = 'Zk3Lm9Qx2Vb7Np4Rt8Ws';", errors: [{ messageId: 'byName', line: 1, column: 21 }] },
    { code: "const secret = isProd ? 'Zk3Lm9Qx2Vb7Np4R' : 'dev-secret';", errors: [{ messageId: 'byName', line: 1, column: 25 }] },
    { code: "if (process.env.NODE_ENV !== 'development') {\n  config.secret = 'Zk3Lm9Qx2Vb7Np4Rt8Ws';\n}", errors: [{ messageId: 'byName', line: 2, column: 19, severity: 'error' }], name: 'not development is not dev-only' },
    {
      code: `const jwtSecret = process.env.JWT_SECRET || '${HEX32}';`,
      errors: [{ messageId: 'defaultCredential', line: 1, column: 45, severity: 'error' }],
      name: 'a real-looking secret as an env fallback still ships in the code',
    },
    {
      code: `const s = process.env.JWT_SECRET ?? '${HEX32}';`,
      errors: [{ messageId: 'defaultCredential', line: 1, column: 37, message: '"JWT_SECRET" falls back to a hard-coded secret when the variable is unset: require it and ship no default (III. Config).' }],
    },
    { code: "const dbPassword = 'hunter2';", filename: 'scripts/seed.ts', errors: [{ messageId: 'byName', line: 1, column: 20, severity: 'warning' }], name: 'scripts are not skipped, but lowered' },
    {
      code: "const key = 'Zk3Lm9Qx2Vb7Np4Rt8Ws6Yu1';\nconst apiKey = key;\nconst signingKey = 'q8Zr4LmN2pXw7Tv3KsYb';",
      filename: 'scripts/rotate.ts',
      errors: [{ messageId: 'byName', line: 3, column: 20, severity: 'warning' }],
      name: 'a random value in a tooling script is still a warning only',
    },
    { code: `const awsKey = '${AWS}';`, filename: 'scripts/deploy.ts', errors: [{ messageId: 'knownKey', line: 1, column: 16, severity: 'error' }], name: 'a known key format is an error in a script too' },
    // Default credentials (issue 6): read from the environment already, so the advice is to require it.
    {
      code: "const adminPassword = process.env.ADMIN_PASSWORD || 'changeme';\n",
      errors: [{
        messageId: 'defaultCredential', line: 1, column: 53, severity: 'warning',
        message: '"ADMIN_PASSWORD" falls back to a hard-coded password when the variable is unset: require it and ship no default (III. Config).',
        fixes: [{ title: 'Remove the hard-coded fallback', output: "const adminPassword = process.env.ADMIN_PASSWORD || missingEnv('ADMIN_PASSWORD');\n\nfunction missingEnv(name: string): never {\n  throw new Error('Environment variable ' + name + ' is not set');\n}\n" }],
      }],
    },
    { code: "const jwtSecret = process.env.JWT_SECRET ?? 'dev-secret';", errors: [{ messageId: 'defaultCredential', line: 1, column: 45, severity: 'warning' }] },
    { code: "const jwtSecret = process.env.JWT_SECRET || 'k9Lm2Qx7';", errors: [{ messageId: 'defaultCredential', line: 1, column: 45, severity: 'warning' }] },
    {
      code: "export const JWT_PASSWORD = process.env.JWT_SECRET || 'default_secret';",
      errors: [{ messageId: 'defaultCredential', line: 1, column: 55, severity: 'warning', message: '"JWT_SECRET" falls back to a hard-coded secret when the variable is unset: require it and ship no default (III. Config).' }],
      name: 'the variable names what the default stands for (GURURAJ115/brainly-backend)',
    },
    { code: "const { DB_PASSWORD = 'hunter22' } = process.env;", errors: [{ messageId: 'defaultCredential', line: 1, column: 23, severity: 'warning' }] },
    { code: "app.use(session({ secret: process.env.SESSION_SECRET || 'orders-session-secret' }));", errors: [{ messageId: 'defaultCredential', line: 1, column: 57, severity: 'warning' }] },
    // Severity: only a credential beyond doubt is an error; a person's weak password, a short key, a browser key warn.
    { code: "const password = 'hunter22';", errors: [{ messageId: 'byName', line: 1, column: 18, severity: 'warning' }] },
    { code: "const password = 'Tr1cky-Orders-2023';", errors: [{ messageId: 'byName', line: 1, column: 18, severity: 'error' }], name: 'a strong person-made password' },
    { code: `const apiKey = '${HEX32}';`, errors: [{ messageId: 'byName', line: 1, column: 16, severity: 'error' }] },
    { code: `const mapsKey = '${GOOGLE}';`, filename: 'src/components/Map.tsx', errors: [{ messageId: 'knownKey', line: 1, column: 17, severity: 'warning' }], name: 'issue 6: a browser Maps key' },
    { code: "const url = 'postgres://app:Qm7vR2xk@localhost:5432/app';", errors: [{ messageId: 'urlCredentials', line: 1, column: 13, severity: 'warning' }], name: 'a local database login' },
    { code: "const url = 'postgres://app:Rep0rting-Pw-77@10.0.3.18:5432/orders';", errors: [{ messageId: 'urlCredentials', line: 1, column: 13, severity: 'error' }] },
    { code: "import session from 'express-session';\napp.use(session({ secret: 'Zk3Lm9Qx2Vb7Np4Rt8Ws' }));", errors: [{ messageId: 'callSlot', line: 2, column: 27, severity: 'error' }] },
    {
      code: "const secret = 'Zk3Lm9Qx2Vb7Np4Rt8Ws6Yu1';",
      options: {},
      project: devScriptProject({ start: 'node dist/app.js', dev: 'ts-node src/app.ts', 'db:seed': 'ts-node src/seed.ts' }),
      errors: [{ messageId: 'byName', line: 1, column: 16, severity: 'error' }],
      name: 'a file a dev script starts is not dev-only when it is also the app',
    },
    // Known key shapes, anywhere.
    {
      code: `const t = "${GITHUB}";`,
      errors: [{ messageId: 'knownKey', line: 1, column: 11, message: 'GitHub token "ghp_…" in source; revoke it and read it from the environment (III. Config).' }],
    },
    { code: `client.configure({ id: '${AWS}' });`, errors: [{ messageId: 'knownKey', line: 1, column: 24, message: 'AWS access key ID "AKIA…" in source; revoke it and read it from the environment (III. Config).' }] },
    { code: `const stripe = new Stripe('${STRIPE_LIVE}');`, errors: [{ messageId: 'knownKey', line: 1, column: 27 }] },
    { code: `const slack = new WebClient('${SLACK}');`, errors: [{ messageId: 'knownKey', line: 1, column: 29 }] },
    { code: `const maps = createClient({ key: '${GOOGLE}' });`, errors: [{ messageId: 'knownKey', line: 1, column: 34 }] },
    { code: `const npmrc = '//registry.npmjs.org/:_authToken=${NPM}';`, errors: [{ messageId: 'knownKey', line: 1, column: 15 }] },
    { code: `enum Keys { Deploy = '${GITHUB}' }`, errors: [{ messageId: 'knownKey', line: 1, column: 22 }] },
    { code: `const hook = 'https://hooks.slack.com/services/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';`, errors: [{ messageId: 'knownKey', line: 1, column: 14 }] },
    {
      code: `const key = '${PEM}';`,
      errors: [{ messageId: 'privateKey', line: 1, column: 13, message: 'Private key block in source; revoke it and load it from the environment or a secret store (III. Config).' }],
    },
    {
      code: `const key =\n  '-----BEGIN PRIVATE KEY-----\\n' +\n  '${PEM_BODY}\\n' +\n  '-----END PRIVATE KEY-----';`,
      errors: [{ messageId: 'privateKey', line: 2, column: 3 }],
    },
    // Credentials in URLs and connection strings.
    {
      code: "const url = 'postgres://app:s3cr3tP4ss@db.internal:5432/app';",
      errors: [{ messageId: 'urlCredentials', line: 1, column: 13, message: 'Password in a "postgres" URL is hard-coded; read the URL or its password from the environment (III. Config).' }],
    },
    { code: "mongoose.connect('mongodb+srv://admin:Sup3rS3cret9@cluster0.ab1cd.mongodb.net/app');", errors: [{ messageId: 'urlCredentials', line: 1, column: 18 }] },
    { code: "const redis = new Redis('redis://:s3cretPw9@cache:6379');", errors: [{ messageId: 'urlCredentials', line: 1, column: 25 }] },
    { code: 'const url = `mongodb://app:Sup3rS3cret9@${host}/db`;', errors: [{ messageId: 'urlCredentials', line: 1, column: 13 }] },
    { code: "const cs = 'Server=db;Database=app;User Id=sa;Password=Str0ng!Vault9;';", errors: [{ messageId: 'connectionString', line: 1, column: 12 }] },
    // API slots.
    {
      code: "import jwt from 'jsonwebtoken';\nconst t = jwt.sign(payload, 'keyboard cat 42');",
      errors: [{ messageId: 'callSlot', line: 2, column: 29, message: 'Hard-coded JWT secret passed to jwt.sign(); read it from the environment (III. Config).' }],
    },
    { code: "import { verify } from 'jsonwebtoken';\nverify(token, 'Zk3Lm9Qx');", errors: [{ messageId: 'callSlot', line: 2, column: 15 }] },
    {
      code: "import session from 'express-session';\napp.use(session({ secret: 'keyboard cat', resave: false }));",
      errors: [{ messageId: 'callSlot', line: 2, column: 27, message: 'Hard-coded session secret passed to session(); read it from the environment (III. Config).' }],
    },
    { code: "const cookieSession = require('cookie-session');\napp.use(cookieSession({ keys: ['k3y-one-9x', 'k3y-two-8y'] }));", errors: [{ messageId: 'callSlot', line: 2, column: 32 }, { messageId: 'callSlot', line: 2, column: 46 }] },
    { code: "import cookieParser from 'cookie-parser';\napp.use(cookieParser('manny is cool'));", errors: [{ messageId: 'callSlot', line: 2, column: 22 }] },
    { code: "import fastifyCookie from '@fastify/cookie';\nfastify.register(fastifyCookie, { secret: 'my-cookie-signer' });", errors: [{ messageId: 'callSlot', line: 2, column: 43 }] },
    { code: "import { Sequelize } from 'sequelize';\nnew Sequelize('app', 'app', 'Pa55w0rd!x');", errors: [{ messageId: 'callSlot', line: 2, column: 29, message: 'Hard-coded database password passed to new Sequelize(); read it from the environment (III. Config).' }] },
    { code: "import crypto from 'node:crypto';\ncrypto.createCipheriv('aes-256-cbc', 'Zk3Lm9Qx2Vb7Np4Rt8Ws6Yu1', iv);", errors: [{ messageId: 'callSlot', line: 2, column: 38 }] },
  ],
});

describe('config/no-hardcoded-secret messages', () => {
  const secrets = [GITHUB, AWS, STRIPE_LIVE, SLACK, GOOGLE, NPM, HEX32, 's3cr3tP4ss', 'hunter2'];
  const code = [
    `const a = '${GITHUB}';`,
    `const b = '${AWS}';`,
    `const c = '${STRIPE_LIVE}';`,
    `const d = '${SLACK}';`,
    `const e = '${GOOGLE}';`,
    `const f = '${NPM}';`,
    `const apiKey = '${HEX32}';`,
    "const url = 'postgres://app:s3cr3tP4ss@db/app';",
    "const password = 'hunter2';",
  ].join('\n');

  it('never echo the secret', () => {
    const findings = runCase(rule, { code });
    assert.equal(findings.length, 9);
    for (const finding of findings) {
      for (const secret of secrets) assert.ok(!finding.message.includes(secret), `${finding.message} echoes ${secret.slice(0, 4)}…`);
      const quoted = /"([^"]*)…"/.exec(finding.message);
      if (quoted) assert.ok(quoted[1].length <= 4, finding.message);
    }
  });
});
