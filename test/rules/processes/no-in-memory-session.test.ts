import rule from '../../../server/src/analyzer/rules/processes/no-in-memory-session';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests(rule, {
  valid: [
    // A shared store.
    `import session from 'express-session'; import RedisStore from 'connect-redis';
app.use(session({ store: new RedisStore({ client }), secret: process.env.SESSION_SECRET!, resave: false }));`,
    `const session = require('express-session'); const pgSession = require('connect-pg-simple')(session);
app.use(session({ store: new pgSession({ pool }), secret: process.env.SECRET }));`,
    `import session from 'express-session'; const store = makeStore(); app.use(session({ store, secret: 's' }));`,
    // Options this file cannot see: a variable from elsewhere, a spread, a computed key.
    `import session from 'express-session'; import { options } from './config'; app.use(session(options));`,
    `import session from 'express-session'; export function setup(app, opts) { app.use(session(opts)); }`,
    `import * as session from 'express-session'; app.use(session({ ...sessionOptions, secret: 'x' }));`,
    `import session from 'express-session'; const key = 'store'; app.use(session({ [key]: redisStore, secret: 'x' }));`,
    {
      name: 'the store is added to the options object later (express-session README pattern)',
      code: `import session from 'express-session';
const sess = { secret: 'keyboard cat', cookie: {} };
if (process.env.NODE_ENV === 'production') { sess.store = new RedisStore({ client }); }
app.use(session(sess));`,
    },
    `import session from 'express-session'; const sess = { secret: 'x' }; Object.assign(sess, extra); app.use(session(sess));`,
    // Cookie-based sessions hold no server-side state.
    `import cookieSession from 'cookie-session'; app.use(cookieSession({ name: 'session', keys: [process.env.KEY!] }));`,
    `const session = require('koa-session'); app.keys = [k]; app.use(session(app));`,
    `const session = require('koa-session'); app.use(session({ key: 'koa.sess', maxAge: 86400000 }, app));`,
    `import secureSession from '@fastify/secure-session'; fastify.register(secureSession, { key });`,
    `import fastifySession from '@fastify/session'; app.register(fastifySession, { secret: s, store: new RedisStore({ client }) });`,
    // Other libraries called `session`.
    `import { session } from 'telegraf'; bot.use(session());`,
    `import session from './session'; app.use(session({ secret: 'x' }));`,
    // Tests and scripts.
    { code: `import session from 'express-session'; app.use(session({ secret: 'x' }));`, filename: 'test/helpers/app.ts' },
    {
      name: 'a one-off web installer (NodeBB install/web.js)',
      code: `const session = require('express-session'); app.use(session({ secret: 'x', resave: false }));`,
      filename: 'install/web.js',
    },
    // Module-level collections that are not user state, or not filled by requests.
    `const routes = new Map(); export function register(path, handler) { routes.set(path, handler); }`,
    `const users = [{ id: 1, name: 'admin' }]; app.get('/users', (req, res) => res.json(users));`,
    `const userCache = new Map(); app.get('/users/:id', async (req, res) => { userCache.set(req.params.id, await load(req.params.id)); });`,
    `const tokenCache = {}; app.post('/t', (req, res) => { tokenCache[req.body.k] = req.body.v; });`,
    `const loginAttempts = new Map(); app.post('/login', (req, res) => { loginAttempts.set(req.ip, 1); });`,
    `const sessionsByRequest = new WeakMap(); app.use((req, res, next) => { sessionsByRequest.set(req, {}); next(); });`,
    {
      name: 'socket presence is bound to the process anyway (socket.io chat)',
      code: `const users = {}; io.on('connection', (socket) => { socket.on('join', (name) => { users[socket.id] = name; }); });`,
    },
    {
      name: 'live terminal sessions keyed by project (node-pty)',
      code: `const pty = require('node-pty'); const sessions = new Map();
app.post('/terminal/:id', (req, res) => { sessions.set(req.params.id, { pty: pty.spawn('bash') }); });`,
    },
    {
      name: 'a map of live client objects',
      code: `const sessions = new Map();
app.post('/chat', (req, res) => { sessions.set(req.body.id, new ClaudeSession({ id: req.body.id })); });`,
    },
    {
      name: 'filled at start-up, read by handlers',
      code: `const users = new Map(); function load(list) { for (const u of list) users.set(u.id, u); }
app.get('/u/:id', (req, res) => res.json(users.get(req.params.id)));`,
    },
    {
      name: 'a local of the same name shadows the module-level one',
      code: `const sessions = new Map(); app.post('/x', (req, res) => { const sessions = []; sessions.push(req.body); });`,
    },
    {
      name: 'a browser module (no request handler)',
      code: `const sessions = new Map(); function start(tabId) { sessions.set(tabId, { started: Date.now() }); }`,
    },
  ],
  invalid: [
    {
      code: `const session = require('express-session');
app.use(session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
}));`,
      filename: 'src/app.js',
      errors: [
        {
          messageId: 'defaultStore',
          line: 2,
          column: 9,
          endColumn: 16,
          message:
            'express-session has no "store", so sessions live in this process\'s memory; use a shared store such as Redis (VI. Processes).',
        },
      ],
    },
    {
      name: 'node_passport_login app.js',
      code: `import session from 'express-session';
app.use(
  session({ secret: 'secret', resave: true, saveUninitialized: true })
);`,
      errors: [{ messageId: 'defaultStore', line: 3, column: 3 }],
    },
    {
      code: `app.use(require('express-session')({ secret: 'x' }));`,
      errors: [{ messageId: 'defaultStore', line: 1, column: 9 }],
    },
    {
      code: `import * as session from 'express-session';
app.use(session());`,
      errors: [{ messageId: 'defaultStore', line: 2, column: 9 }],
    },
    {
      name: 'an options const seen in full',
      code: `import session from 'express-session';
const sess = { secret: 'keyboard cat', cookie: {} };
if (process.env.NODE_ENV === 'production') { sess.cookie.secure = true; }
app.use(session(sess));`,
      errors: [{ messageId: 'defaultStore', line: 4, column: 9 }],
    },
    {
      code: `const session = require('koa-generic-session');
app.use(session());`,
      errors: [{ messageId: 'defaultStore', line: 2, column: 9 }],
    },
    {
      code: `const fastify = require('fastify')();
fastify.register(require('@fastify/cookie'));
fastify.register(require('@fastify/session'), { secret: 'a secret with minimum length of 32 characters' });`,
      filename: 'src/server.js',
      errors: [
        {
          messageId: 'defaultStore',
          line: 3,
          column: 18,
          message:
            '@fastify/session has no "store", so sessions live in this process\'s memory; use a shared store such as Redis (VI. Processes).',
        },
      ],
    },
    {
      code: `import fastifySession from '@fastify/session';
await app.register(fastifySession, { secret: process.env.SECRET!, cookie: { secure: true } });`,
      errors: [{ messageId: 'defaultStore', line: 2, column: 20 }],
    },
    {
      code: `import session from 'express-session';
app.use(session({ secret: 'x', store: new session.MemoryStore() }));`,
      errors: [
        {
          messageId: 'memoryStore',
          line: 2,
          column: 39,
          message:
            'MemoryStore keeps sessions in this process; they are lost on restart and not shared between instances (VI. Processes).',
        },
      ],
    },
    {
      code: `import session, { MemoryStore } from 'express-session';
const store = new MemoryStore();
app.use(session({ store, secret: 'x' }));`,
      errors: [{ messageId: 'memoryStore', line: 2, column: 15 }],
    },
    {
      name: 'memorystore is leak-free but still process memory',
      code: `const session = require('express-session');
const MemoryStore = require('memorystore')(session);
app.use(session({ store: new MemoryStore({ checkPeriod: 86400000 }), secret: 'x' }));`,
      filename: 'src/app.js',
      errors: [{ messageId: 'memoryStore', line: 3, column: 26 }],
    },
    {
      code: `const express = require('express');
const app = express();
const sessions = new Map();
app.post('/login', (req, res) => {
  const id = crypto.randomUUID();
  sessions.set(id, { user: req.body.user });
  res.cookie('sid', id).end();
});`,
      filename: 'src/server.js',
      errors: [
        {
          messageId: 'moduleState',
          line: 3,
          column: 7,
          endColumn: 15,
          message:
            'Module-level "sessions" keeps user state in this process; it is lost on restart and not shared between instances (VI. Processes).',
        },
      ],
    },
    {
      name: 'a nested callback inside a route handler',
      code: `const users = [];
router.post('/signup', async (req, res) => {
  bcrypt.hash(req.body.password, 10, (err, hash) => { users.push({ name: req.body.name, hash }); });
});`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      name: 'JWT tutorial refresh-token list',
      code: `let refreshTokens = [];
app.post('/token', (req, res) => { refreshTokens.push(req.body.token); });
app.delete('/logout', (req, res) => { refreshTokens = refreshTokens.filter((t) => t !== req.body.token); });`,
      errors: [{ messageId: 'moduleState', line: 1, column: 5 }],
    },
    {
      name: 'a node:http handler function',
      code: `const sessions = new Map();
async function handleApi(req, res, url) { sessions.set(makeId(), 'user-1'); }`,
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
    {
      name: 'a shopping cart keyed by user',
      code: `const carts: Record<string, string[]> = {};
export async function POST(request: Request) { const { user, item } = await request.json(); carts[user] = [item]; }`,
      filename: 'app/api/cart/route.ts',
      errors: [{ messageId: 'moduleState', line: 1, column: 7 }],
    },
  ],
});
