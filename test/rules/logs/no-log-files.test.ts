import rule from '../../../server/src/analyzer/rules/logs/no-log-files';
import { runRuleTests } from '../../support/rule-tester';

const named = (file: string): string =>
  `Logs written to the file "${file}"; write them to stdout and let the environment route them (XI. Logs).`;
const unnamed = 'Logs written to a file; write them to stdout and let the environment route them (XI. Logs).';

runRuleTests(rule, {
  valid: [
    // The fix: stdout.
    "import pino from 'pino';\nconst logger = pino();",
    "import pino from 'pino';\nconst logger = pino(pino.destination(1));",
    "import pino from 'pino';\nconst logger = pino(pino.destination(process.stdout.fd));",
    "import pino from 'pino';\nconst logger = pino(pino.destination({ dest: 1, sync: false }));",
    "import pino from 'pino';\nconst logger = pino(pino.destination('/dev/stdout'));",
    "import pino from 'pino';\nconst logger = pino({ transport: { target: 'pino/file', options: { destination: 1 } } });",
    "import pino from 'pino';\nconst logger = pino({ transport: { target: 'pino/file' } });",
    "import pino from 'pino';\nconst logger = pino({ transport: { target: 'pino/file', options: { destination: '/dev/stderr' } } });",
    "import pino from 'pino';\nconst logger = pino({ transport: { target: 'pino-pretty', options: { colorize: true } } });",
    "import winston from 'winston';\nconst logger = winston.createLogger({ transports: [new winston.transports.Console()] });",
    "const { createLogger, transports } = require('winston');\ncreateLogger({ transports: [new transports.Console(), new transports.Http({ host: 'logs' })] });",
    "import winston from 'winston';\nnew winston.transports.File({ filename: '/dev/stdout' });",
    "import bunyan from 'bunyan';\nbunyan.createLogger({ name: 'api', streams: [{ stream: process.stdout }] });",
    "import log4js from 'log4js';\nlog4js.configure({ appenders: { out: { type: 'stdout' } }, categories: { default: { appenders: ['out'], level: 'info' } } });",
    // The deployment chooses the file: env-driven, no default path in the code.
    "import winston from 'winston';\nnew winston.transports.File({ filename: process.env.LOG_FILE });",
    "import pino from 'pino';\nconst logger = pino(pino.destination(process.env.LOG_DEST));",
    "import winston from 'winston';\nif (process.env.LOG_TO_FILE) {\n  logger.add(new winston.transports.File({ filename: 'app.log' }));\n}",
    "import { transports } from 'winston';\nconst t = config.logToFile ? new transports.File({ filename: 'app.log' }) : new transports.Console();",
    {
      name: 'parse-server: file transports only when the caller passes a folder',
      code: "import DailyRotateFile from 'winston-daily-rotate-file';\nfunction configure(options) {\n  if (!_.isNil(options.dirname)) {\n    transports.push(new DailyRotateFile({ filename: 'parse-server.info', ...options }));\n  }\n}",
    },
    // Unrelated File classes and streams.
    "const f = new File(['hello'], 'notes.log', { type: 'text/plain' });",
    "import { File } from './models/file';\nnew File({ filename: 'app.log' });",
    "const transports = { File: class {} };\nnew transports.File({ filename: 'app.log' });",
    "import { transports } from 'typeorm-logger';\nnew transports.File({ filename: 'x.log' });",
    // fs writes that are not logs, and reads of logs.
    "import fs from 'node:fs';\nfs.writeFileSync('report.json', JSON.stringify(data));",
    "import fs from 'fs';\nconst out = fs.createWriteStream(path.join(uploadDir, file.name));",
    "import fs from 'fs';\nfs.createReadStream('access.log').pipe(res);",
    "import { readFile } from 'fs/promises';\nawait readFile('./app.log', 'utf8');",
    "import fs from 'fs';\nfs.appendFileSync(target, line);",
    "const fs = { appendFile() {} };\nfs.appendFile('app.log', line);",
    // A method named addStream on something that has no file path.
    'logger.addStream({ stream: process.stderr, level: "warn" });',
    // Tests and scripts.
    { filename: 'test/logger.test.ts', code: "import winston from 'winston';\nnew winston.transports.File({ filename: 'test.log' });" },
    { filename: 'scripts/migrate.ts', code: "import fs from 'fs';\nfs.appendFileSync('migrate.log', 'done\\n');" },
  ],
  invalid: [
    {
      name: 'winston README pattern',
      code:
        "import winston from 'winston';\nconst logger = winston.createLogger({\n  transports: [\n    new winston.transports.File({ filename: 'error.log', level: 'error' }),\n    new winston.transports.File({ filename: 'combined.log' }),\n  ],\n});",
      errors: [
        { messageId: 'logFileNamed', line: 4, column: 5, endLine: 4, endColumn: 32, message: named('error.log') },
        { messageId: 'logFileNamed', line: 5, column: 5, message: named('combined.log') },
      ],
    },
    {
      code: "const { createLogger, format, transports } = require('winston');\ncreateLogger({ transports: [new transports.File({ filename: 'logs/app.log' })] });",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 29, endColumn: 48, message: named('logs/app.log') }],
    },
    {
      name: 'destructured File class',
      code: "import { transports } from 'winston';\nconst { File } = transports;\nexport const t = new File({ filename: `${process.cwd()}/logs/errors.log` });",
      errors: [{ messageId: 'logFileNamed', line: 3, column: 18, message: named('…/logs/errors.log') }],
    },
    {
      name: 'filename from a constant',
      code: "import * as winston from 'winston';\nconst LOG_FILE = './logs/api.log';\nwinston.add(new winston.transports.File({ filename: LOG_FILE }));",
      errors: [{ messageId: 'logFileNamed', line: 3, column: 13, message: named('./logs/api.log') }],
    },
    {
      name: 'filename unknown: still a file transport',
      code: "import winston from 'winston';\nnew winston.transports.File({ filename: config.logPath });",
      errors: [{ messageId: 'logFile', line: 2, column: 1, message: unnamed }],
    },
    {
      name: 'env read with a file default',
      code: "import winston from 'winston';\nnew winston.transports.File({ filename: process.env.LOG_FILE || 'app.log' });",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 1, message: named('app.log') }],
    },
    {
      name: 'NODE_ENV production branch still writes a file in production',
      code: "import winston from 'winston';\nif (process.env.NODE_ENV === 'production') {\n  logger.add(new winston.transports.File({ filename: 'prod.log' }));\n}",
      errors: [{ messageId: 'logFileNamed', line: 3, column: 14, message: named('prod.log') }],
    },
    {
      code: "import DailyRotateFile from 'winston-daily-rotate-file';\nconst t = new DailyRotateFile({ filename: 'app-%DATE%.log', datePattern: 'YYYY-MM-DD' });",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 11, endColumn: 30, message: named('app-%DATE%.log') }],
    },
    {
      code: "import winston from 'winston';\nimport 'winston-daily-rotate-file';\nnew winston.transports.DailyRotateFile({ dirname: 'logs' });",
      errors: [{ messageId: 'logFile', line: 3, column: 1 }],
    },
    {
      code: "import pino from 'pino';\nconst logger = pino(pino.destination('./app.log'));",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 21, endColumn: 37, message: named('./app.log') }],
    },
    {
      code: "const pino = require('pino');\nconst logger = pino(pino.destination({ dest: path.join(__dirname, 'logs', 'app.log'), sync: false }));",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 21, message: named('…/logs/app.log') }],
    },
    {
      code: "import { pino, destination } from 'pino';\nexport const logger = pino(destination('/var/log/api.log'));",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 28, message: named('/var/log/api.log') }],
    },
    {
      name: 'pino/file transport',
      code: "import pino from 'pino';\nconst logger = pino({\n  transport: { target: 'pino/file', options: { destination: './app.log', mkdir: true } },\n});",
      errors: [{ messageId: 'logFileNamed', line: 3, column: 16, endColumn: 35, message: named('./app.log') }],
    },
    {
      name: 'pino transport targets inside a Fastify logger option',
      code:
        "import Fastify from 'fastify';\nconst app = Fastify({\n  logger: {\n    transport: {\n      targets: [\n        { target: 'pino-pretty' },\n        { target: 'pino/file', options: { destination: 'logs/server.log' } },\n      ],\n    },\n  },\n});",
      errors: [{ messageId: 'logFileNamed', line: 7, column: 11, message: named('logs/server.log') }],
    },
    {
      name: 'pino-roll',
      code: "import pino from 'pino';\nconst transport = pino.transport({ target: 'pino-roll', options: { file: 'logs/app', frequency: 'daily' } });",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 36, message: named('logs/app') }],
    },
    {
      name: 'Fastify logger file option',
      code: "import fastify from 'fastify';\nconst app = fastify({ logger: { level: 'info', file: '/var/log/app.log' } });",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 48, message: named('/var/log/app.log') }],
    },
    {
      name: 'rotating-file-stream with morgan',
      code: "import morgan from 'morgan';\nimport { createStream } from 'rotating-file-stream';\nconst accessLogStream = createStream('access.log', { interval: '1d', path: 'log' });\napp.use(morgan('combined', { stream: accessLogStream }));",
      errors: [{ messageId: 'logFileNamed', line: 3, column: 25, endColumn: 37, message: named('access.log') }],
    },
    {
      name: 'rotating-file-stream v1 default call',
      code: "const rfs = require('rotating-file-stream');\nconst stream = rfs('access.log', { interval: '1d' });",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 16, message: named('access.log') }],
    },
    {
      name: 'morgan with an fs stream',
      code: "import fs from 'fs';\nimport morgan from 'morgan';\nconst accessLogStream = fs.createWriteStream(path.join(__dirname, 'access.log'), { flags: 'a' });\napp.use(morgan('combined', { stream: accessLogStream }));",
      errors: [{ messageId: 'logFileNamed', line: 3, column: 25, endColumn: 45, message: named('…/access.log') }],
    },
    {
      name: 'bunyan file streams',
      code: "import bunyan from 'bunyan';\nconst log = bunyan.createLogger({\n  name: 'api',\n  streams: [\n    { level: 'info', stream: process.stdout },\n    { level: 'error', path: '/var/log/api-error.log' },\n    { type: 'rotating-file', path: '/var/log/api.log', period: '1d' },\n  ],\n});",
      errors: [
        { messageId: 'logFileNamed', line: 6, column: 23, message: named('/var/log/api-error.log') },
        { messageId: 'logFileNamed', line: 7, column: 30, message: named('/var/log/api.log') },
      ],
    },
    {
      name: 'bunyan addStream',
      code: "log.addStream({ type: 'rotating-file', path: 'logs/app.log', period: '1d' });",
      errors: [{ messageId: 'logFileNamed', line: 1, column: 40, message: named('logs/app.log') }],
    },
    {
      name: 'log4js file and dateFile appenders',
      code:
        "import log4js from 'log4js';\nlog4js.configure({\n  appenders: {\n    out: { type: 'stdout' },\n    app: { type: 'file', filename: 'application.log' },\n    daily: { type: 'dateFile', filename: 'logs/daily.log', pattern: 'yyyy-MM-dd' },\n  },\n  categories: { default: { appenders: ['out', 'app', 'daily'], level: 'info' } },\n});",
      errors: [
        { messageId: 'logFileNamed', line: 5, column: 12, endColumn: 24, message: named('application.log') },
        { messageId: 'logFileNamed', line: 6, column: 14, message: named('logs/daily.log') },
      ],
    },
    {
      name: 'log4js config held in a constant',
      code: "const log4js = require('log4js');\nconst config = { appenders: { file: { type: 'fileSync', filename: 'sync.log' } }, categories: {} };\nlog4js.configure(config);",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 39, message: named('sync.log') }],
    },
    {
      name: 'hand-rolled append to a .log file',
      code: "import fs from 'node:fs';\nexport function audit(line: string) {\n  fs.appendFileSync('./audit.log', line + '\\n');\n}",
      errors: [{ messageId: 'logFileNamed', line: 3, column: 3, endColumn: 20, message: named('./audit.log') }],
    },
    {
      code: "import { appendFile } from 'fs/promises';\nawait appendFile(`logs/${date}.txt`, entry);",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 7, message: named('logs/….txt') }],
    },
    {
      code: "const fs = require('fs');\nfs.promises.writeFile('error.log', String(err));",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 1, message: named('error.log') }],
    },
    {
      name: 'pino with a string destination',
      code: "const pino = require('pino');\nmodule.exports = pino({ level: process.env.LOG_LEVEL || 'info' }, './logs/server.log');",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 18, endColumn: 22, message: named('./logs/server.log') }],
    },
    {
      name: 'pino/file destination through a path constant',
      code: "import pino from 'pino';\nimport path from 'path';\nconst dest = path.join(process.cwd(), 'pino-logs/log.log');\nexport default pino({ transport: { target: 'pino/file', options: { destination: dest, mkdir: true } } });",
      errors: [{ messageId: 'logFileNamed', line: 4, column: 36, message: named('…/pino-logs/log.log') }],
    },
    {
      name: 'koa-log4 wraps log4js',
      code: "import log4js from 'koa-log4';\nlog4js.configure({\n  appenders: { pool: { type: 'dateFile', filename: path.join('logs/', 'pool'), pattern: '.yyyy-MM-dd.log' }, console: { type: 'console' } },\n  categories: { default: { appenders: ['pool', 'console'], level: 'info' } },\n});",
      errors: [{ messageId: 'logFileNamed', line: 3, column: 24, message: named('logs/pool') }],
    },
    {
      name: 'log4js 1.x appenders array with lower-case datefile',
      code: "const log4js = require('log4js');\nlog4js.configure({ appenders: [{ type: 'datefile', filename: 'log/', pattern: 'yyyy-MM-dd.log' }] });",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 34, message: named('log/') }],
    },
    {
      name: 'log4js 0.x appender factory',
      code: "import log4js from 'log4js';\nlog4js.addAppender(log4js.appenders.file(`${config.logs_dir}/koa.log`), 'koa');",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 20, message: named('…/koa.log') }],
    },
    {
      name: 'JavaScript file',
      filename: 'src/logger.js',
      code: "const winston = require('winston');\nmodule.exports = winston.createLogger({ transports: [new winston.transports.File({ filename: 'app.log' })] });",
      errors: [{ messageId: 'logFileNamed', line: 2, column: 54, message: named('app.log') }],
    },
  ],
});
