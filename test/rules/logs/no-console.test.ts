import rule from '../../../server/src/analyzer/rules/logs/no-console';
import { EMPTY_PROJECT } from '../../../server/src/analyzer/project';
import { runRuleTests } from '../../support/rule-tester';

const message = (method: string): string =>
  `console.${method} in application code; log structured events to stdout with a logger (XI. Logs).`;

runRuleTests(rule, {
  valid: [
    // The fix itself: a structured logger writing to stdout.
    "import pino from 'pino';\nconst logger = pino();\nlogger.info({ port: 3000 }, 'listening');",
    'process.stdout.write(JSON.stringify({ level: "info", msg: "up" }) + "\\n");',
    { name: 'one JSON event per line is a structured log on stdout', code: 'console.log(JSON.stringify({ level: "info", msg: "started" }));' },
    // Methods that print nothing by themselves, or only on a broken invariant.
    "console.time('boot');",
    'console.groupEnd();',
    "console.assert(items.length > 0, 'items expected');",
    'console.clear();',
    // Console construction and console passed on as a logger object: the library decides.
    'const out = new console.Console({ stdout: process.stdout, stderr: process.stderr });',
    "import { Console } from 'node:console';\nconst c = new Console(process.stdout);",
    'const app = fastify({ logger: console });',
    'const log = console.log.bind(console);',
    'if (typeof console !== "undefined") start();',
    // A local variable or parameter named console is not the global one.
    'function run(console: { log(m: string): void }) {\n  console.log("x");\n}',
    'const console = makeLogger();\nconsole.info("ready");',
    'function handler() {\n  const { console } = deps;\n  console.error("boom");\n}',
    "import console from './my-console';\nconsole.warn('x');",
    { name: 'shadowing declared after use (hoisted var)', code: 'function f() {\n  console.log("a");\n  var console = other;\n}' },
    // Tests and scripts legitimately print.
    { filename: 'test/app.test.ts', code: 'console.log("debug");' },
    { filename: 'src/app.spec.ts', code: 'console.log("debug");' },
    { filename: 'scripts/seed.ts', code: 'console.log("seeded 10 users");' },
    { filename: 'bin/server.js', code: 'console.log("usage: server [port]");' },
    { filename: 'src/tool.ts', code: '#!/usr/bin/env node\nconsole.log("done");' },
    { filename: 'webpack.config.js', code: 'console.log("building");' },
    { name: 'parse-server CI check script', filename: 'ci/nodeEngineCheck.js', code: 'console.log(`all dependencies satisfy the engine`);' },
    { name: 'Prisma seed script outside a seeds/ folder', filename: 'src/prisma/seed.ts', code: 'main().catch((e) => { console.error(e); process.exit(1); });' },
    { filename: 'benchmarks/routes.js', code: 'console.log(`${ops} ops/sec`);' },
    // CLI programs: their output is their interface.
    { filename: 'src/cli.ts', code: 'console.log("created project");' },
    { filename: 'src/commands/init.ts', code: 'console.log("initialised");' },
    "import { Command } from 'commander';\nnew Command().action(() => console.log('ok'));",
    "const yargs = require('yargs');\nconsole.log(yargs.argv);",
    "import ora from 'ora';\nconsole.log('done');",
    'const [, , input] = process.argv;\nconsole.log(`reading ${input}`);',
    // Front-end code: console is the browser's log.
    { filename: 'src/components/Button.tsx', code: 'export const Button = () => { console.log("render"); return null; };' },
    { filename: 'src/App.jsx', code: 'console.log("app");' },
    "import React from 'react';\nexport function useThing() { console.log('hook'); }",
    "import { ref } from 'vue';\nconst count = ref(0);\nconsole.log(count);",
    "import { Component } from '@angular/core';\nconsole.log('component');",
    "import { useRouter } from 'next/router';\nconsole.log(useRouter);",
    "import Head from 'next/head';\nconsole.log(Head);",
    "'use client';\nexport function track() { console.log('clicked'); }",
    "import './styles.css';\nconsole.log('boot');",
    "require('./main.scss');\nconsole.log('boot');",
    'document.getElementById("app").textContent = "hi";\nconsole.log("mounted");',
    'window.addEventListener("load", () => console.log("loaded"));',
    'const token = localStorage.getItem("t");\nconsole.log(token);',
    'export const isBrowser = typeof window !== "undefined";\nconsole.log("universal");',
    'if (import.meta.env.DEV) {}\nconsole.log("vite");',
    { filename: 'public/js/main.js', code: 'console.log("client script");' },
    { filename: 'static/app.js', code: 'console.log("client script");' },
    { filename: 'src/pages/index.js', code: 'export default function Home() { console.log("x"); return <div />; }' },
    // The logger implementation wraps console: that is where the fix lives.
    { filename: 'src/logger.ts', code: 'export const info = (msg: string) => console.log(msg);' },
    { filename: 'src/utils/log.js', code: 'module.exports = (msg) => console.log(new Date().toISOString(), msg);' },
    { filename: 'src/logging/index.ts', code: 'export function out(msg: string) { console.log(msg); }' },
    'class ConsoleLogger {\n  warn(msg: string) { console.warn(msg); }\n}',
    'export const logger = {\n  info: (msg: string) => console.log(msg),\n  error: (msg: string) => console.error(msg),\n};',
    'const nestLogger: LoggerService = { log(message) { console.log(message); } } as LoggerService;',
    'function log(...args: unknown[]) { console.log(...args); }',
    { name: 'minimatch: a debug hook', code: 'class M {\n  debug = () => {};\n  constructor(opts: { debug?: boolean }) {\n    if (opts.debug) this.debug = (...args: unknown[]) => console.error(...args);\n  }\n}' },
    'const emitWarning = (msg: string) => (process.emitWarning ? process.emitWarning(msg) : console.error(msg));',
    'function printWarning(m: string) { console.warn(m); }',
    { filename: 'install.js', code: 'console.error(`[pkg] Trying to download ${url}`);' },
    { filename: 'lib/browser.js', code: 'console.warn(msg);' },
    // Output the author kept out of production.
    "if (process.env.NODE_ENV !== 'production') {\n  console.log('query', sql);\n}",
    'if (process.env.DEBUG) console.debug(payload);',
    'if (isDev) { console.log(req.body); }',
    'process.env.VERBOSE && console.log("verbose");',
    // allow option, like ESLint's no-console.
    { options: { allow: ['warn', 'error'] }, code: 'console.error("failed", err);\nconsole.warn("slow");' },
    // Unrelated objects.
    'logger.log("x");',
    'myConsole.log("x");',
    'this.console.log("x");',
  ],
  invalid: [
    {
      code: "app.listen(port, () => console.log(`listening on ${port}`));",
      errors: [{ messageId: 'console', line: 1, column: 24, endLine: 1, endColumn: 35, message: message('log') }],
    },
    {
      code: "try {\n  await db.connect();\n} catch (err) {\n  console.error('db connection failed', err);\n}",
      errors: [{ messageId: 'console', line: 4, column: 3, endColumn: 16, message: message('error') }],
    },
    {
      name: 'a callback is a call',
      code: 'main().catch(console.error);',
      errors: [{ messageId: 'console', line: 1, column: 14, endColumn: 27 }],
    },
    {
      code: "console.info('order created', order.id);\nconsole.warn('retrying');\nconsole.debug(payload);",
      errors: [
        { messageId: 'console', line: 1, column: 1, message: message('info') },
        { messageId: 'console', line: 2, column: 1, message: message('warn') },
        { messageId: 'console', line: 3, column: 1, message: message('debug') },
      ],
    },
    {
      code: "console['log']('bracket access');",
      errors: [{ messageId: 'console', line: 1, column: 1, endColumn: 15, message: message('log') }],
    },
    {
      code: 'console.table(rows);\nconsole.dir(obj, { depth: 3 });\nconsole.trace("here");',
      errors: [
        { messageId: 'console', line: 1, column: 1, message: message('table') },
        { messageId: 'console', line: 2, column: 1, message: message('dir') },
        { messageId: 'console', line: 3, column: 1, message: message('trace') },
      ],
    },
    {
      name: 'optional call',
      code: 'console.log?.("x");',
      errors: [{ messageId: 'console', line: 1, column: 1, endColumn: 12 }],
    },
    {
      name: 'allow keeps the other methods',
      options: { allow: ['warn', 'error'] },
      code: 'console.error("failed");\nconsole.log("ok");',
      errors: [{ messageId: 'console', line: 2, column: 1, message: message('log') }],
    },
    {
      name: 'shadowing in another function does not hide the global',
      code: 'function a(console: Log) { console.log("a"); }\nfunction b() { console.log("b"); }',
      errors: [{ messageId: 'console', line: 2, column: 16 }],
    },
    {
      name: 'a file that imports a logger but still prints',
      code: "import pino from 'pino';\nconst logger = pino();\nexport function handle() {\n  console.log('handled');\n}",
      errors: [{ messageId: 'console', line: 4, column: 3 }],
    },
    {
      name: 'Next.js API route is server code',
      filename: 'pages/api/users.ts',
      code: "import type { NextApiRequest, NextApiResponse } from 'next';\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  console.log(req.query);\n  res.json({});\n}",
      errors: [{ messageId: 'console', line: 3, column: 3 }],
    },
    {
      name: 'route handler using next/server',
      filename: 'app/api/orders/route.ts',
      code: "import { NextResponse } from 'next/server';\nexport async function GET() {\n  console.log('GET orders');\n  return NextResponse.json([]);\n}",
      errors: [{ messageId: 'console', line: 3, column: 3 }],
    },
    {
      name: 'vercel/commerce: next/headers is not next/head',
      filename: 'lib/shopify/index.ts',
      code: "import { cookies, headers } from 'next/headers';\nexport async function getMenu() {\n  console.log('Skipping getMenu - Shopify not configured');\n}",
      errors: [{ messageId: 'console', line: 3, column: 3 }],
    },
    {
      name: 'a server action importing redirect from next/navigation',
      filename: 'components/cart/actions.ts',
      code: "'use server';\nimport { redirect } from 'next/navigation';\nexport async function addItem() {\n  try {\n    await addToCart();\n  } catch (e) {\n    console.error(e);\n  }\n}",
      errors: [{ messageId: 'console', line: 7, column: 5 }],
    },
    {
      name: 'a module whose name starts like a front-end one',
      code: "import { Reactor } from 'reactor-core';\nimport { list } from 'listr-lite';\nconsole.log(Reactor, list);",
      errors: [{ messageId: 'console', line: 3, column: 1 }],
    },
    {
      name: 'folders above the project root do not count (a checkout under ~/cli/)',
      filename: '/home/dev/cli/orders-api/src/server.ts',
      project: { ...EMPTY_PROJECT, root: '/home/dev/cli/orders-api' },
      code: "console.log('starting');",
      errors: [{ messageId: 'console', line: 1, column: 1 }],
    },
    {
      name: 'JavaScript service',
      filename: 'src/server.js',
      code: "const express = require('express');\nconst app = express();\napp.get('/', (req, res) => {\n  console.log('hit /');\n  res.send('ok');\n});",
      errors: [{ messageId: 'console', line: 4, column: 3 }],
    },
    {
      name: 'a NODE_ENV check elsewhere does not hide the call',
      code: "const isProd = process.env.NODE_ENV === 'production';\nconsole.log('mode', isProd);",
      errors: [{ messageId: 'console', line: 2, column: 1 }],
    },
    {
      name: 'a dev branch does not cover its else branch',
      code: "if (process.env.NODE_ENV === 'development') {\n  debugDump();\n} else {\n  console.log('prod start');\n}",
      errors: [{ messageId: 'console', line: 4, column: 3 }],
    },
    {
      name: 'a document variable that is not the DOM',
      code: 'const document = await Orders.findOne({ id });\nconsole.log(document.total);',
      errors: [{ messageId: 'console', line: 2, column: 1 }],
    },
  ],
});
