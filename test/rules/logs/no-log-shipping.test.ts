import rule from '../../../server/src/analyzer/rules/logs/no-log-shipping';
import { EMPTY_PROJECT, type ProjectView } from '../../../server/src/analyzer/project';
import { runRuleTests } from '../../support/rule-tester';

const library: ProjectView = { ...EMPTY_PROJECT, root: '/p', dependencies: new Set(), isLibrary: true };

const message = (service: string, module: string): string =>
  `Logs sent to ${service} from inside the app (${module}); write them to stdout and let the environment route them (XI. Logs).`;

runRuleTests(rule, {
  valid: [
    // stdout, and what only adds fields or formats for a platform's agent.
    "import winston from 'winston';\nconst logger = winston.createLogger({ transports: [new winston.transports.Console()] });",
    "import winston from 'winston';\nimport newrelicFormatter from '@newrelic/winston-enricher';\nconst logger = winston.createLogger({ format: newrelicFormatter(winston)(), transports: [new winston.transports.Console()] });",
    "import pino from 'pino';\nconst logger = pino({ transport: { target: 'pino-pretty' } });",
    // Error reporting is not log routing.
    "import Sentry from 'winston-transport-sentry-node';\nconst logger = winston.createLogger({ transports: [new Sentry({ sentry: { dsn } })] });",
    // winston.transports.Papertrail only exists once winston-papertrail is loaded; a name alone is not a shipper.
    "import winston from 'winston';\nconst t = new winston.transports.Papertrail({ host: 'x' });",
    // @axiomhq/logging's console transport and logger class ship nothing themselves; OpenTelemetry goes to a collector.
    "import { ConsoleTransport, Logger } from '@axiomhq/logging';\nexport const logger = new Logger({ transports: [new ConsoleTransport()] });",
    "import pino from 'pino';\nexport const logger = pino({ transport: { target: 'pino-opentelemetry-transport' } });",
    // Names that look alike: a local class, a string that is not a transport target.
    "class Loki {}\nnew Loki();",
    "const docs = { target: '_blank', href: 'https://github.com/grafana/loki' };",
    "const label = 'pino-loki';",
    // A CloudWatch Logs subscription forwarder is the environment's log routing.
    "import winston from 'winston';\nimport 'winston-papertrail';\nexport const handler = async (event) => {\n  const payload = Buffer.from(event.awslogs.data, 'base64');\n  new winston.transports.Papertrail({ host: process.env.PAPERTRAIL_HOST });\n};",
    {
      name: 'reaction: a published logger library that offers a Loggly stream',
      code: "import loggly from 'node-loggly-bulk';\nexport class Bunyan2Loggly {\n  constructor(config) {\n    this.client = loggly.createClient(config);\n  }\n}",
      project: library,
    },
    // Tests and scripts.
    { filename: 'test/logger.test.ts', code: "import LokiTransport from 'winston-loki';\nnew LokiTransport({ host: 'http://loki:3100' });" },
    { filename: 'scripts/ship.ts', code: "import LokiTransport from 'winston-loki';\nnew LokiTransport({ host: 'http://loki:3100' });" },
  ],
  invalid: [
    {
      name: 'winston-loki',
      code: "import winston from 'winston';\nimport LokiTransport from 'winston-loki';\nexport const logger = winston.createLogger({\n  transports: [new LokiTransport({ host: process.env.LOKI_URL })],\n});",
      errors: [{ messageId: 'ships', line: 4, column: 16, endLine: 4, endColumn: 33, message: message('Grafana Loki', 'winston-loki') }],
    },
    {
      name: 'winston-papertrail registers winston.transports.Papertrail',
      code: "const winston = require('winston');\nrequire('winston-papertrail').Papertrail;\nconst paper = new winston.transports.Papertrail({ host: 'logs.papertrailapp.com', port: 12345 });",
      errors: [{ messageId: 'ships', line: 3, column: 15, message: message('Papertrail', 'winston-papertrail') }],
    },
    {
      name: 'the named export, required',
      code: "const { Papertrail } = require('winston-papertrail');\nconst t = new Papertrail({ host: process.env.PT_HOST });",
      errors: [{ messageId: 'ships', line: 2, column: 11 }],
    },
    {
      name: 'winston 2: winston.add(transport, options)',
      code: "const winston = require('winston');\nrequire('winston-loggly-bulk');\nwinston.add(winston.transports.Loggly, { token: process.env.LOGGLY_TOKEN, subdomain: 'acme' });",
      errors: [{ messageId: 'ships', line: 3, column: 13, message: message('Loggly', 'winston-loggly-bulk') }],
    },
    {
      name: 'Logtail client and transport: one finding',
      code: "import { Logtail } from '@logtail/node';\nimport { LogtailTransport } from '@logtail/winston';\nconst logtail = new Logtail(process.env.LOGTAIL_TOKEN);\nexport const logger = winston.createLogger({ transports: [new LogtailTransport(logtail)] });",
      errors: [
        { messageId: 'ships', line: 3, column: 17, message: message('Better Stack (Logtail)', '@logtail/node') },
      ],
    },
    {
      name: 'pino transport targets',
      code: "import pino from 'pino';\nexport const logger = pino({\n  transport: {\n    targets: [\n      { target: 'pino-pretty' },\n      { target: 'pino-loki', options: { host: process.env.LOKI_HOST } },\n    ],\n  },\n});",
      errors: [{ messageId: 'ships', line: 6, column: 9, message: message('Grafana Loki', 'pino-loki') }],
    },
    {
      name: 'dub: Axiom transport of @axiomhq/logging, reported at the transport, not the logger',
      code: "import { AxiomJSTransport, ConsoleTransport, Logger } from '@axiomhq/logging';\nexport const logger = new Logger({\n  transports: isAxiomEnabled ? [new AxiomJSTransport({ axiom: axiomClient, dataset: process.env.AXIOM_DATASET })] : [new ConsoleTransport()],\n});",
      errors: [{ messageId: 'ships', line: 3, column: 33, message: message('Axiom', '@axiomhq/logging') }],
    },
    {
      name: 'pino-elasticsearch stream',
      code: "import pinoElastic from 'pino-elasticsearch';\nconst stream = pinoElastic({ index: 'logs', node: process.env.ES_URL });",
      errors: [{ messageId: 'ships', line: 2, column: 16, message: message('Elasticsearch', 'pino-elasticsearch') }],
    },
    {
      name: 'Google Cloud Logging for winston',
      code: "import { LoggingWinston } from '@google-cloud/logging-winston';\nconst loggingWinston = new LoggingWinston();",
      errors: [{ messageId: 'ships', line: 2, column: 24 }],
    },
    {
      name: 'winston-mongodb stores the log in a database',
      code: "const winston = require('winston');\nrequire('winston-mongodb');\nlogger.add(new winston.transports.MongoDB({ db: process.env.MONGO_URL, collection: 'logs' }));",
      errors: [{ messageId: 'ships', line: 3, column: 12, message: message('MongoDB', 'winston-mongodb') }],
    },
  ],
});
