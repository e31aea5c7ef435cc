import rule from '../../../server/src/analyzer/rules/disposability/exit-on-uncaught';
import { EMPTY_PROJECT, type ProjectView } from '../../../server/src/analyzer/project';
import { runRuleTests } from '../../support/rule-tester';

const library: ProjectView = { ...EMPTY_PROJECT, root: '/p', dependencies: new Set(), isLibrary: true };
const electron: ProjectView = { ...EMPTY_PROJECT, root: '/p', dependencies: new Set(['electron']) };
const message = (event: string): string =>
  `This '${event}' handler reports the error and carries on: the process keeps serving in an unknown state. Exit after reporting (process.exit(1)) and let the process manager start a fresh one (IX. Disposability).`;

runRuleTests(rule, {
  valid: [
    // Exits after reporting, directly or later.
    "process.on('uncaughtException', (err) => {\n  logger.fatal(err);\n  process.exit(1);\n});",
    "process.on('uncaughtException', (err) => {\n  console.error(err);\n  server.close(() => process.exit(1));\n});",
    "process.on('uncaughtException', (err) => {\n  Sentry.captureException(err);\n  Sentry.flush(2000).then(() => process.exit(1));\n});",
    "process.on('uncaughtException', (err) => {\n  console.error(err);\n  setTimeout(() => process.exit(1), 1000).unref();\n});",
    "process.on('uncaughtException', (err) => {\n  console.error(err);\n  process.exitCode = 1;\n});",
    "process.on('uncaughtException', (err) => {\n  console.error(err);\n  process.kill(process.pid, 'SIGTERM');\n});",
    "process.on('uncaughtException', (err) => {\n  console.error(err);\n  if (process.env.NODE_ENV === 'production') process.exit(1);\n});",
    "const isDev = process.env.NODE_ENV !== 'production';\nprocess.on('uncaughtException', (err) => {\n  console.error(err);\n  if (!isDev) process.exit(1);\n});",
    // Rethrows: Node's default crash follows.
    "process.on('unhandledRejection', (reason) => {\n  throw reason;\n});",
    "process.on('unhandledRejection', (reason) => {\n  logger.error(reason);\n  throw reason;\n});",
    // Hands over to a shutdown function, in this file or elsewhere.
    "process.on('uncaughtException', (err) => {\n  logger.error(err);\n  shutdown(1);\n});",
    "process.on('uncaughtException', (err) => gracefulShutdown('uncaughtException', err));",
    "process.on('uncaughtException', exitHandler);",
    "function onFatal(err) {\n  console.error(err);\n  process.exit(1);\n}\nprocess.on('uncaughtException', onFatal);",
    "const onFatal = (err) => {\n  report(err);\n};\nfunction report(err) {\n  console.error(err);\n  process.exit(1);\n}\nprocess.on('uncaughtException', onFatal);",
    "process.on('uncaughtException', (err) => {\n  console.error(err);\n  this.server.close();\n});",
    // A handler whose calls the rule cannot see into: an imported function, an unknown object.
    "import { onError } from './errors';\nprocess.on('uncaughtException', onError);",
    "process.on('uncaughtException', (err) => {\n  errorService.report(err);\n});",
    "process.on('uncaughtException', (err) => {\n  notifyAdmins(err);\n});",
    "process.on('uncaughtException', logger.error.bind(logger));",
    // Two handlers for the event: one of them exits.
    "process.on('uncaughtException', (err) => console.error(err));\nprocess.on('uncaughtException', () => process.exit(1));",
    {
      name: 'uptime-kuma: a listener added around a pool close and removed again',
      code: "async function close() {\n  const listener = (reason) => {\n    noReject = false;\n  };\n  process.addListener('unhandledRejection', listener);\n  await pool.close();\n  process.removeListener('unhandledRejection', listener);\n}",
    },
    // A monitor observes and Node still crashes.
    "process.on('uncaughtExceptionMonitor', (err) => console.error(err));",
    // Other events, other emitters.
    "process.on('warning', (w) => console.warn(w));",
    "worker.on('uncaughtException', (err) => console.error(err));",
    "emitter.on('error', (err) => console.error(err));",
    // A library leaves the process to its host; an Electron app keeps its window; tests and scripts.
    { code: "process.on('uncaughtException', (err) => console.error(err));", project: library },
    { code: "process.on('uncaughtException', (err) => console.error(err));", project: electron },
    { filename: 'test/setup.ts', code: "process.on('unhandledRejection', (err) => console.error(err));" },
    { filename: 'scripts/seed.ts', code: "process.on('unhandledRejection', (err) => console.error(err));" },
  ],
  invalid: [
    {
      name: 'logger.fatal logs; it does not end the process (pino, winston)',
      code: "process.on('uncaughtException', (err) => {\n  logger.fatal(err);\n});",
      errors: [{ messageId: 'carriesOn', line: 1, column: 1, endLine: 1, endColumn: 31, message: message('uncaughtException') }],
    },
    {
      name: 'logs and carries on',
      code: "process.on('uncaughtException', (err) => {\n  console.error('Uncaught exception', err);\n});",
      errors: [{ messageId: 'carriesOn', line: 1, column: 1, endLine: 1, endColumn: 31, message: message('uncaughtException') }],
    },
    {
      name: 'a reporter, then nothing',
      code: "import * as Sentry from '@sentry/node';\nprocess.on('unhandledRejection', (reason) => {\n  Sentry.captureException(reason);\n  logger.error({ err: reason }, 'unhandled rejection');\n});",
      errors: [{ messageId: 'carriesOn', line: 2, column: 1, message: message('unhandledRejection') }],
    },
    {
      name: 'Wiki.js: a logger and a telemetry reporter',
      code: "process.on('uncaughtException', (err) => {\n  WIKI.logger.warn(err)\n  WIKI.telemetry.sendError(err)\n})",
      errors: [{ messageId: 'carriesOn', line: 1, column: 1 }],
    },
    {
      name: 'uptime-kuma: a handler made of console and an errorLog method',
      code: "let unexpectedErrorHandler = (error, promise) => {\n  console.trace(error);\n  UptimeKumaServer.errorLog(error, false);\n};\nprocess.addListener('unhandledRejection', unexpectedErrorHandler);\nprocess.addListener('uncaughtException', unexpectedErrorHandler);",
      errors: [
        { messageId: 'carriesOn', line: 5, column: 1 },
        { messageId: 'carriesOn', line: 6, column: 1 },
      ],
    },
    {
      name: 'teable: the rejection is rethrown into an uncaughtException handler that only logs',
      code: "process.on('unhandledRejection', (reason, promise) => {\n  logger.error(`Unhandled Rejection at: ${promise}, reason: ${reason}`);\n  throw reason;\n});\nprocess.on('uncaughtException', (error) => {\n  logger.error(error);\n});",
      errors: [{ messageId: 'carriesOn', line: 5, column: 1, message: message('uncaughtException') }],
    },
    {
      name: 'MagicMirror: ignores some errors, logs the rest, never quits',
      code: "process.on('uncaughtException', function (err) {\n  if (!err.stack.includes('node_modules/systeminformation')) {\n    Log.error('Whoops! There was an uncaught exception...');\n    Log.error(err);\n  }\n});",
      errors: [{ messageId: 'carriesOn', line: 1, column: 1 }],
    },
    {
      name: 'console.error as the handler itself',
      code: "process.on('unhandledRejection', console.error);",
      errors: [{ messageId: 'carriesOn', line: 1, column: 1 }],
    },
    {
      name: 'a named function of the file that only logs',
      code: "function logError(err: Error) {\n  this.logger.error(`Uncaught: ${err.message}`, err.stack);\n}\nprocess.once('uncaughtException', logError);",
      errors: [{ messageId: 'carriesOn', line: 4, column: 1 }],
    },
    {
      name: 'each event once',
      code: "process.on('uncaughtException', (e) => console.log(e));\nprocess.on('unhandledRejection', (e) => console.log(JSON.stringify(e)));",
      errors: [
        { messageId: 'carriesOn', line: 1, column: 1 },
        { messageId: 'carriesOn', line: 2, column: 1 },
      ],
    },
    {
      name: 'exits only outside production',
      code: "process.on('uncaughtException', (err) => {\n  logger.error('Uncaught Exception:', err);\n  if (process.env.NODE_ENV === 'production') {\n    logger.error('Continuing despite uncaught exception in production');\n  } else {\n    process.exit(1);\n  }\n});",
      errors: [{ messageId: 'carriesOn', line: 1, column: 1 }],
    },
    {
      name: 'an empty handler swallows the error',
      code: "process.on('uncaughtException', () => {});",
      errors: [{ messageId: 'carriesOn', line: 1, column: 1 }],
    },
  ],
});
