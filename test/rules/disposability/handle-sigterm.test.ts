import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyze, resolveProjectFindings } from '../../../server/src/analyzer/analyze';
import { EMPTY_PROJECT, ProjectIndex, parsePackageJson, type ProjectView } from '../../../server/src/analyzer/project';
import rule from '../../../server/src/analyzer/rules/disposability/handle-sigterm';
import { walkSourceFiles } from '../../../server/src/project/files';
import { ProjectLocator } from '../../../server/src/project/loader';
import { lineColumn, runRuleTests } from '../../support/rule-tester';

const withExpress: ProjectView = { ...EMPTY_PROJECT, root: '/p', dependencies: new Set(['express']) };
const library: ProjectView = { ...EMPTY_PROJECT, root: '/p', dependencies: new Set(), isLibrary: true };
const withReact: ProjectView = { ...EMPTY_PROJECT, root: '/p', dependencies: new Set(['react']) };

runRuleTests(rule, {
  valid: [
    // A handler in the same file, before or after the listen call.
    `import express from 'express';
const app = express();
const server = app.listen(process.env.PORT);
process.on('SIGTERM', () => server.close());`,
    `const http = require('http');
process.once('SIGTERM', () => process.exit(0));
http.createServer(handler).listen(8080);`,
    {
      name: 'signals listed in a variable, registered in a loop',
      code: `import http from 'node:http';
const signals = ['SIGINT', 'SIGTERM'];
const server = http.createServer();
server.listen(3000);
signals.forEach((signal) => process.on(signal, () => server.close()));`,
    },
    {
      name: 'for-of over a literal list',
      code: `import express from 'express';
const app = express();
const server = app.listen(3000);
for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => server.close());`,
    },
    `import express from 'express';
const app = express();
['SIGINT', 'SIGTERM'].forEach((sig) => process.on(sig, shutdown));
app.listen(3000);`,
    {
      name: 'graceful-shutdown library in the same file',
      code: `import http from 'http';
import { createTerminus } from '@godaddy/terminus';
const server = http.createServer(app);
createTerminus(server, { signals: ['SIGTERM'] });
server.listen(3000);`,
    },
    {
      name: 'NestJS shutdown hooks',
      code: `import { NestFactory } from '@nestjs/core';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableShutdownHooks();
  await app.listen(3000);
}`,
    },
    // Not servers.
    "emitter.listen('change', onChange);",
    "import { EventEmitter } from 'events'; const bus = new EventEmitter(); bus.listen();",
    "recognizer.listen(); socket.listen(5);",
    {
      name: 'an app of unknown origin in a file and project that use no server framework',
      code: "import app from './app';\napp.listen(3000);",
      project: withReact,
    },
    {
      name: 'unknown origin, no package.json',
      code: "import app from './app';\napp.listen(3000);",
    },
    {
      name: 'a package other than a server framework',
      code: "import { createServer } from 'vite';\nconst server = await createServer({});\nawait server.listen();",
      project: withExpress,
    },
    {
      name: 'a listen-like method on an object that is not named like a server',
      code: "import express from 'express';\nconst queue = makeQueue();\nqueue.listen('jobs');",
    },
    {
      name: 'electron app is not an http app',
      code: "import { app } from 'electron';\napp.listen?.();",
      project: withExpress,
    },
    {
      name: 'start() on something that is not a Hapi server',
      code: "import express from 'express';\nconst server = express();\nserver.start();\nworker.start();",
    },
    {
      name: 'a member of another object',
      code: "import express from 'express';\nconfig.app.listen(3000);",
    },
    // A random port: a throwaway server (supertest-style tests in files not named like tests, tools).
    "import express from 'express';\nconst app = express();\nconst server = app.listen();",
    "import http from 'http';\nhttp.createServer(h).listen(0, '127.0.0.1');",
    "import express from 'express';\nconst app = express();\napp.listen(() => ready());",
    "import Fastify from 'fastify';\nconst app = Fastify();\nawait app.listen({ port: 0 });",
    {
      name: 'a library that starts a server on its caller\'s port (engine.io listen)',
      code: `import { createServer } from 'http';
export function listen(port: number, callback?: () => void) {
  const server = createServer();
  server.listen(port, callback);
  return server;
}`,
      project: library,
    },
    {
      name: 'a library method whose port is aliased from a parameter (socket.io attach)',
      code: `import { createServer } from 'http';
export class Server {
  attach(srv: number | object) {
    if (typeof srv === 'number') {
      const port = srv;
      srv = createServer();
      srv.listen(port);
    }
  }
}`,
      project: library,
    },
    // Quiet in tests: they start throwaway servers.
    {
      name: 'test file',
      filename: 'test/server.test.ts',
      code: "import http from 'http';\nhttp.createServer(h).listen(0);",
    },
    {
      name: 'spec file',
      filename: 'src/app.spec.ts',
      code: "import express from 'express';\nconst app = express();\napp.listen(0);",
    },
  ],
  invalid: [
    // Issue 6: servers built by framework factories (w3tecch/express-typescript-boilerplate's expressLoader.ts).
    {
      name: "routing-controllers' createExpressServer",
      code: `import { createExpressServer } from 'routing-controllers';
const expressApp = createExpressServer({ controllers: [] });
const server = expressApp.listen(process.env.PORT);`,
      errors: [{ messageId: 'noHandler', line: 3, column: 16 }],
    },
    {
      name: "routing-controllers' useExpressServer on an app it returns",
      code: `import * as rc from 'routing-controllers';
const app = rc.useExpressServer(makeApp(), { controllers: [] });
app.listen(3000);`,
      errors: [{ messageId: 'noHandler', line: 3, column: 1 }],
    },
    {
      name: 'createKoaServer chained',
      code: `const { createKoaServer } = require('routing-controllers');
createKoaServer({ controllers: [] }).listen(3000);`,
      errors: [{ messageId: 'noHandler', line: 2, column: 38 }],
    },
    {
      name: 'express',
      code: `import express from 'express';
const app = express();
app.get('/', (req, res) => res.send('ok'));
app.listen(process.env.PORT);`,
      errors: [
        {
          messageId: 'noHandler',
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 11,
          message:
            'This server starts listening, but no file of the project handles SIGTERM: stop accepting connections and close it gracefully (IX. Disposability).',
        },
      ],
    },
    {
      name: 'express via require, CommonJS',
      filename: 'src/index.js',
      code: "const express = require('express');\nconst app = express();\nmodule.exports = app.listen(3000);",
      errors: [{ messageId: 'noHandler', line: 3, column: 18, endColumn: 28 }],
    },
    {
      name: 'http.createServer chained',
      code: "import http from 'node:http';\nhttp.createServer((req, res) => res.end()).listen(8080);",
      errors: [{ messageId: 'noHandler', line: 2, column: 44, endColumn: 50 }],
    },
    {
      name: 'named createServer from https',
      code: "import { createServer } from 'https';\nconst server = createServer(opts, app);\nserver.listen(443);",
      errors: [{ messageId: 'noHandler', line: 3, column: 1, endColumn: 14 }],
    },
    {
      name: 'net server assigned later',
      code: "import * as net from 'net';\nlet server;\nserver = net.createServer(onSocket);\nserver.listen(7000);",
      errors: [{ messageId: 'noHandler', line: 4, column: 1 }],
    },
    {
      name: 'http2 secure server via inline require',
      code: "const server = require('http2').createSecureServer(opts);\nserver.listen(8443);",
      errors: [{ messageId: 'noHandler', line: 2, column: 1 }],
    },
    {
      name: 'listen called in a function declared before the server',
      code: "import express from 'express';\nfunction start() {\n  app.listen(3000);\n}\nconst app = express();\nstart();",
      errors: [{ messageId: 'noHandler', line: 3, column: 3 }],
    },
    {
      name: 'koa',
      code: "import Koa from 'koa';\nconst app = new Koa();\napp.use(router.routes());\napp.listen(3000);",
      errors: [{ messageId: 'noHandler', line: 4, column: 1 }],
    },
    {
      name: 'koa wrapped in http.createServer',
      code: "const Koa = require('koa');\nconst http = require('http');\nconst app = new Koa();\nhttp.createServer(app.callback()).listen(3000);",
      errors: [{ messageId: 'noHandler', line: 4, column: 35 }],
    },
    {
      name: 'fastify, default import',
      code: "import Fastify from 'fastify';\nconst fastify = Fastify({ logger: true });\nawait fastify.listen({ port: 3000 });",
      errors: [{ messageId: 'noHandler', line: 3, column: 7, endColumn: 21 }],
    },
    {
      name: 'fastify, called on require',
      filename: 'server.js',
      code: "const fastify = require('fastify')({ logger: true });\nfastify.listen({ port: 3000 }, (err) => {});",
      errors: [{ messageId: 'noHandler', line: 2, column: 1 }],
    },
    {
      name: 'hapi',
      code: "import Hapi from '@hapi/hapi';\nconst init = async () => {\n  const server = Hapi.server({ port: 3000 });\n  await server.start();\n};",
      errors: [{ messageId: 'noHandler', line: 4, column: 9, endColumn: 21 }],
    },
    {
      name: 'NestJS',
      code: `import { NestFactory } from '@nestjs/core';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  await app.listen(3000);
}
bootstrap();`,
      errors: [{ messageId: 'noHandler', line: 4, column: 9, endColumn: 19 }],
    },
    {
      name: 'a class holding the server in a field',
      code: `import express from 'express';
export class App {
  private app = express();
  start() {
    this.app.listen(this.port);
  }
}`,
      errors: [{ messageId: 'noHandler', line: 5, column: 5, endColumn: 20 }],
    },
    {
      name: 'an app from another file, in a file that imports http',
      code: "import http from 'http';\nimport app from './app';\nconst server = http.createServer(app);\nserver.listen(3000);\napp.listen(3001);",
      errors: [
        { messageId: 'noHandler', line: 4, column: 1 },
        { messageId: 'noHandler', line: 5, column: 1 },
      ],
    },
    {
      name: 'an app from another file, in a project that declares express',
      code: "import app from './app';\napp.listen(Number(process.env.PORT));",
      project: withExpress,
      errors: [{ messageId: 'noHandler', line: 2, column: 1 }],
    },
    {
      name: 'bin/www is application code',
      filename: 'bin/www.js',
      code: "#!/usr/bin/env node\nvar app = require('../app');\nvar http = require('http');\nvar server = http.createServer(app);\nserver.listen(port);",
      errors: [{ messageId: 'noHandler', line: 5, column: 1 }],
    },
    {
      name: 'an application function taking the port as a parameter',
      code: "import express from 'express';\nexport function start(port: number) {\n  express().listen(port);\n}",
      errors: [{ messageId: 'noHandler', line: 3, column: 13, endColumn: 19 }],
    },
    {
      name: 'a library that starts its own server on a port from the environment',
      code: "import http from 'http';\nhttp.createServer(h).listen(process.env.PORT);",
      project: library,
      errors: [{ messageId: 'noHandler', line: 2, column: 22 }],
    },
    {
      name: 'SIGINT alone is not SIGTERM',
      code: "import express from 'express';\nconst app = express();\nprocess.on('SIGINT', () => process.exit());\napp.listen(3000);",
      errors: [{ messageId: 'noHandler', line: 4, column: 1 }],
    },
    // "Add graceful shutdown" (issue 3): the handler lands after the statement that starts the server.
    {
      name: 'fix keeps the server an Express app.listen drops',
      code: "import express from 'express';\nconst app = express();\napp.listen(3000); // start\n",
      errors: [
        {
          messageId: 'noHandler',
          line: 3,
          column: 1,
          fixes: [
            {
              title: 'Add graceful shutdown',
              output: `import express from 'express';
const app = express();
const server = app.listen(3000); // start

// Stop accepting connections, let requests in flight finish, then exit; give up after 10 s.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close((err) => process.exit(err ? 1 : 0));
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'fix picks a free name, in a CommonJS file without semicolons and with double quotes',
      filename: 'src/index.js',
      code: 'const Koa = require("koa")\nconst server = require("./config").server\nconst app = new Koa()\napp.listen(server.port)\nstart()\n',
      errors: [
        {
          messageId: 'noHandler',
          line: 4,
          column: 1,
          fixes: [
            {
              title: 'Add graceful shutdown',
              output: `const Koa = require("koa")
const server = require("./config").server
const app = new Koa()
const httpServer = app.listen(server.port)

// Stop accepting connections, let requests in flight finish, then exit; give up after 10 s.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    setTimeout(() => process.exit(1), 10_000).unref()
    httpServer.close((err) => process.exit(err ? 1 : 0))
  })
}
start()
`,
            },
          ],
        },
      ],
    },
    {
      name: 'fix closes a node server it was called on, inside a callback, with tab indentation',
      code: "import http from 'node:http';\nconst server = http.createServer(handler);\ndb.connect().then(() => {\n\tserver.listen(8080);\n});",
      errors: [
        {
          messageId: 'noHandler',
          line: 4,
          column: 2,
          fixes: [
            {
              title: 'Add graceful shutdown',
              output: `import http from 'node:http';
const server = http.createServer(handler);
db.connect().then(() => {
\tserver.listen(8080);

\t// Stop accepting connections, let requests in flight finish, then exit; give up after 10 s.
\tfor (const signal of ['SIGTERM', 'SIGINT']) {
\t\tprocess.once(signal, () => {
\t\t\tsetTimeout(() => process.exit(1), 10_000).unref();
\t\t\tserver.close((err) => process.exit(err ? 1 : 0));
\t\t});
\t}
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'fix uses the declared server of a chained createServer().listen()',
      code: "import http from 'http';\nconst srv = http.createServer(h).listen(8080);",
      errors: [
        {
          messageId: 'noHandler',
          line: 2,
          column: 34,
          fixes: [
            {
              title: 'Add graceful shutdown',
              output: `import http from 'http';
const srv = http.createServer(h).listen(8080);

// Stop accepting connections, let requests in flight finish, then exit; give up after 10 s.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    setTimeout(() => process.exit(1), 10_000).unref();
    srv.close((err) => process.exit(err ? 1 : 0));
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'fix closes Fastify itself: await listen() returns an address',
      code: "import Fastify from 'fastify';\nconst app = Fastify();\nasync function main() {\n  const address = await app.listen({ port: 3000 });\n  app.log.info(address);\n}",
      errors: [
        {
          messageId: 'noHandler',
          line: 4,
          column: 25,
          fixes: [
            {
              title: 'Add graceful shutdown',
              output: `import Fastify from 'fastify';
const app = Fastify();
async function main() {
  const address = await app.listen({ port: 3000 });

  // Stop accepting connections, let requests in flight finish, then exit; give up after 10 s.
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => {
      setTimeout(() => process.exit(1), 10_000).unref();
      app.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
  app.log.info(address);
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'fix stops a Hapi server',
      code: "import Hapi from '@hapi/hapi';\nconst init = async () => {\n  const server = Hapi.server({ port: 3000 });\n  await server.start();\n};",
      errors: [
        {
          messageId: 'noHandler',
          line: 4,
          column: 9,
          fixes: [
            {
              title: 'Add graceful shutdown',
              output: `import Hapi from '@hapi/hapi';
const init = async () => {
  const server = Hapi.server({ port: 3000 });
  await server.start();

  // Stop accepting connections, let requests in flight finish, then exit; give up after 10 s.
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => {
      setTimeout(() => process.exit(1), 10_000).unref();
      server.stop({ timeout: 10_000 }).then(() => process.exit(0), () => process.exit(1));
    });
  }
};`,
            },
          ],
        },
      ],
    },
    {
      name: 'fix enables NestJS shutdown hooks before listening',
      code: "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();",
      errors: [
        {
          messageId: 'noHandler',
          line: 4,
          column: 9,
          fixes: [
            {
              title: 'Add graceful shutdown',
              output: `import { NestFactory } from '@nestjs/core';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableShutdownHooks();
  await app.listen(3000);
}
bootstrap();`,
            },
          ],
        },
      ],
    },
    {
      name: 'fix in a class method keeps this.app\'s server in a local',
      code: "import express from 'express';\nexport class App {\n    private app = express();\n    start() {\n        this.app.listen(this.port);\n    }\n}",
      errors: [
        {
          messageId: 'noHandler',
          line: 5,
          column: 9,
          fixes: [
            {
              title: 'Add graceful shutdown',
              output: `import express from 'express';
export class App {
    private app = express();
    start() {
        const server = this.app.listen(this.port);

        // Stop accepting connections, let requests in flight finish, then exit; give up after 10 s.
        for (const signal of ['SIGTERM', 'SIGINT']) {
            process.once(signal, () => {
                setTimeout(() => process.exit(1), 10_000).unref();
                server.close((err) => process.exit(err ? 1 : 0));
            });
        }
    }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'fix for an app imported from another file of an Express project',
      code: "import app from './app';\napp.listen(Number(process.env.PORT));",
      project: withExpress,
      errors: [
        {
          messageId: 'noHandler',
          line: 2,
          column: 1,
          fixes: [
            {
              title: 'Add graceful shutdown',
              output: `import app from './app';
const server = app.listen(Number(process.env.PORT));

// Stop accepting connections, let requests in flight finish, then exit; give up after 10 s.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close((err) => process.exit(err ? 1 : 0));
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'issue 6: fix on a chained app.listen(port, cb).on(\'error\', …): the chain is still the server',
      code: "import express from 'express';\nconst app = express();\napp.listen(3000, () => {}).on('error', (e) => { throw e; });\n",
      errors: [{
        messageId: 'noHandler', line: 3, column: 1,
        fixes: [{ title: 'Add graceful shutdown', output: `import express from 'express';
const app = express();
const server = app.listen(3000, () => {}).on('error', (e) => { throw e; });

// Stop accepting connections, let requests in flight finish, then exit; give up after 10 s.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close((err) => process.exit(err ? 1 : 0));
  });
}
` }],
      }],
    },
    {
      name: 'issue 6: fix on const server = http.createServer(app).listen(…).on(…) inside an async main()',
      code: "import express from 'express';\nimport http from 'http';\nconst app = express();\nasync function main() {\n  await connect();\n  const server = http.createServer(app).listen(3000).on('error', onError);\n}\nmain();\n",
      errors: [{
        messageId: 'noHandler', line: 6, column: 41,
        fixes: [{ title: 'Add graceful shutdown', output: `import express from 'express';
import http from 'http';
const app = express();
async function main() {
  await connect();
  const server = http.createServer(app).listen(3000).on('error', onError);

  // Stop accepting connections, let requests in flight finish, then exit; give up after 10 s.
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => {
      setTimeout(() => process.exit(1), 10_000).unref();
      server.close((err) => process.exit(err ? 1 : 0));
    });
  }
}
main();
` }],
      }],
    },
    {
      name: 'issue 6: fix on server = app.listen(…) assigned to a module variable',
      code: "import express from 'express';\nconst app = express();\nlet server;\nexport function start() {\n  server = app.listen(3000);\n}\n",
      errors: [{
        messageId: 'noHandler', line: 5, column: 12,
        fixes: [{ title: 'Add graceful shutdown', output: `import express from 'express';
const app = express();
let server;
export function start() {
  server = app.listen(3000);

  // Stop accepting connections, let requests in flight finish, then exit; give up after 10 s.
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => {
      setTimeout(() => process.exit(1), 10_000).unref();
      server.close((err) => process.exit(err ? 1 : 0));
    });
  }
}
` }],
      }],
    },
    {
      name: 'issue 6: fix on Fastify listen(…).then(…): the instance closes itself',
      code: "import Fastify from 'fastify';\nconst app = Fastify();\napp.listen({ port: 3000 }).then(() => ready());\n",
      errors: [{
        messageId: 'noHandler', line: 3, column: 1,
        fixes: [{ title: 'Add graceful shutdown', output: `import Fastify from 'fastify';
const app = Fastify();
app.listen({ port: 3000 }).then(() => ready());

// Stop accepting connections, let requests in flight finish, then exit; give up after 10 s.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    setTimeout(() => process.exit(1), 10_000).unref();
    app.close().then(() => process.exit(0), () => process.exit(1));
  });
}
` }],
      }],
    },
    {
      name: 'no fix: an Express listen followed by something that is not the server',
      code: "import express from 'express';\nconst app = express();\napp.listen(3000).address();\n",
      errors: [{ messageId: 'noHandler', line: 3, column: 1, fixes: [] }],
    },
    {
      name: 'no fix: servers started in a loop (the first to close would exit the process)',
      code: "import express from 'express';\nconst app = express();\nfor (const port of [3000, 3001]) {\n  app.listen(port);\n}\n",
      errors: [{ messageId: 'noHandler', line: 4, column: 3, fixes: [] }],
    },
    // No fix where no statement can be inserted, or where the framework is unknown: the docs page shows the pattern.
    {
      name: 'no fix: the server is exported as it starts',
      filename: 'src/index.js',
      code: "const express = require('express');\nconst app = express();\nmodule.exports = app.listen(3000);",
      errors: [{ messageId: 'noHandler', line: 3, column: 18, fixes: [] }],
    },
    {
      name: 'no fix: listen in an arrow body',
      code: "import express from 'express';\nconst app = express();\nconnect().then(() => app.listen(3000));",
      errors: [{ messageId: 'noHandler', line: 3, column: 22, fixes: [] }],
    },
    {
      name: 'no fix: an app from another file when the project also has Fastify',
      code: "import app from './app';\napp.listen(3000);",
      project: { ...EMPTY_PROJECT, root: '/p', dependencies: new Set(['express', 'fastify']) },
      errors: [{ messageId: 'noHandler', line: 2, column: 1, fixes: [] }],
    },
    {
      name: 'no fix: an anonymous Fastify instance cannot be closed later',
      filename: 'server.js',
      code: "require('fastify')().listen({ port: 3000 });",
      errors: [{ messageId: 'noHandler', line: 1, column: 22, fixes: [] }],
    },
  ],
});

/**
 * Multi-file cases: each folder under test/fixtures/disposability/handle-sigterm holds one or more projects (each
 * with its own package.json), and `expected.json` lists the findings (`file:line:column`) once every file is indexed.
 */
describe('disposability/handle-sigterm across files', () => {
  const fixtures = path.resolve(__dirname, '../../../../test/fixtures/disposability/handle-sigterm');
  for (const name of fs.readdirSync(fixtures).sort()) {
    const root = path.join(fixtures, name);
    it(name, () => {
      const expected = JSON.parse(fs.readFileSync(path.join(root, 'expected.json'), 'utf8')) as string[];
      const locator = new ProjectLocator();
      const projects = new Map<string, ProjectIndex>();
      const projectOf = (file: string): ProjectIndex => {
        const projectRoot = locator.projectRootOf(path.dirname(file));
        let index = projects.get(projectRoot);
        if (!index) {
          index = new ProjectIndex(projectRoot);
          index.setPackageJson(parsePackageJson(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')));
          projects.set(projectRoot, index);
        }
        return index;
      };
      const results = [...walkSourceFiles(root)].map((file) => {
        const text = fs.readFileSync(file, 'utf8');
        const project = projectOf(file);
        const result = analyze({ fileName: file, text, project, rules: [rule] });
        project.setFile(file, result.facts);
        return { file, text, project, findings: result.findings };
      });
      const actual = results.flatMap(({ file, text, project, findings }) =>
        resolveProjectFindings(findings, project, file).map((finding) => {
          const { line, column } = lineColumn(text, finding.start);
          return `${path.relative(root, file).split(path.sep).join('/')}:${line}:${column}`;
        }),
      );
      assert.deepEqual(actual, expected);
    });
  }
});
