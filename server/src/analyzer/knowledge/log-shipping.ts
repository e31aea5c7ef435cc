// Logger transports and clients that send a process's log to a log service from inside the process (XI. Logs:
// routing belongs to the execution environment). Enrichers that only add fields (`@newrelic/winston-enricher`),
// formatters for a platform's stdout agent, error reporters (Sentry, Bugsnag) and OpenTelemetry exporters (they send
// to a collector the environment runs) are not here.

export interface LogShipper {
  /** The service the module sends logs to, for messages. */
  service: string;
  /** Transports the module adds to `winston.transports` when loaded (`require('winston-papertrail')`). */
  registers?: readonly string[];
  /** The exports that ship, when the module also exports what does not (a console transport, a logger class). */
  exports?: readonly string[];
}

/** Modules by npm name. */
export const LOG_SHIPPERS: Readonly<Record<string, LogShipper>> = {
  'winston-papertrail': { service: 'Papertrail', registers: ['Papertrail'] },
  'winston-loggly': { service: 'Loggly', registers: ['Loggly'] },
  'winston-loggly-bulk': { service: 'Loggly', registers: ['Loggly'] },
  'bunyan-loggly': { service: 'Loggly' },
  'node-loggly-bulk': { service: 'Loggly' },
  '@logtail/winston': { service: 'Better Stack (Logtail)' },
  '@logtail/pino': { service: 'Better Stack (Logtail)' },
  '@logtail/node': { service: 'Better Stack (Logtail)' },
  'winston-loki': { service: 'Grafana Loki' },
  'pino-loki': { service: 'Grafana Loki' },
  'datadog-winston': { service: 'Datadog' },
  'pino-datadog-transport': { service: 'Datadog' },
  'pino-datadog': { service: 'Datadog' },
  'winston-cloudwatch': { service: 'Amazon CloudWatch Logs', registers: ['CloudWatch'] },
  'winston-aws-cloudwatch': { service: 'Amazon CloudWatch Logs' },
  'winston-elasticsearch': { service: 'Elasticsearch' },
  'pino-elasticsearch': { service: 'Elasticsearch' },
  '@google-cloud/logging-winston': { service: 'Google Cloud Logging' },
  '@google-cloud/logging-bunyan': { service: 'Google Cloud Logging' },
  'winston-logzio': { service: 'Logz.io' },
  'logzio-nodejs': { service: 'Logz.io' },
  '@axiomhq/winston': { service: 'Axiom' },
  '@axiomhq/pino': { service: 'Axiom' },
  '@axiomhq/logging': { service: 'Axiom', exports: ['AxiomJSTransport'] },
  'winston-graylog2': { service: 'Graylog', registers: ['Graylog2'] },
  'winston-logstash': { service: 'Logstash', registers: ['Logstash'] },
  'winston-mongodb': { service: 'MongoDB', registers: ['MongoDB'] },
  'pino-mongodb': { service: 'MongoDB' },
  'winston-splunk-httplogger': { service: 'Splunk' },
  '@datalust/winston-seq': { service: 'Seq' },
  'winston-seq': { service: 'Seq' },
  'pino-seq': { service: 'Seq' },
  'winston-newrelic-agent-transport': { service: 'New Relic' },
};

/** The shipper a module (`winston-loki`, `@logtail/pino/dist/x`) stands for, or undefined. */
export function logShipperOf(module: string): { name: string; shipper: LogShipper } | undefined {
  const name = module.startsWith('@') ? module.split('/').slice(0, 2).join('/') : module.split('/')[0];
  const shipper = Object.prototype.hasOwnProperty.call(LOG_SHIPPERS, name) ? LOG_SHIPPERS[name] : undefined;
  return shipper && { name, shipper };
}
