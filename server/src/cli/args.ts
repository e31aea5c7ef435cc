// Command-line arguments → options. Kept free of the analyzer so `--help` and `--version` start instantly.
import { parseArgs } from 'node:util';

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

const LEVELS = ['off', 'error', 'warning', 'warn', 'info', 'hint', 'default'] as const;
export type CliRuleLevel = 'off' | 'error' | 'warning' | 'info' | 'hint' | 'default';

export interface CliOptions {
  paths: string[];
  format: Format;
  outputFile?: string;
  maxWarnings?: number;
  quiet: boolean;
  configFile?: string;
  includeTests: boolean;
  /** `--rule id=level`, in the order given; the rule ids are checked once the registry is loaded. */
  rules: Array<{ id: string; level: CliRuleLevel }>;
  help: boolean;
  version: boolean;
}

/** A mistake in how the command was called: reported on stderr with exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: twelve-factor-lint [options] [paths...]

Reports twelve-factor app problems (12factor.net) in Node.js services written in TypeScript or JavaScript.
Paths are files or folders (default: the current folder). Folders are walked for .ts, .tsx, .mts, .cts,
.js, .jsx, .mjs and .cjs files, leaving out node_modules, .git, build output and the config file's
ignorePatterns. Each file uses the nearest .twelvefactorrc.json; its project is the nearest package.json.

Options:
  -f, --format <name>      stylish (default), json or sarif
  -o, --output-file <path> write the report to a file instead of stdout
  -c, --config <path>      use this config file instead of the nearest .twelvefactorrc.json
      --rule <id=level>    set a rule's level: off, error, warning, info, hint (repeatable)
      --include-tests      also check tests, fixtures and scripts (includeTestsAndScripts)
      --quiet              report errors only
      --max-warnings <n>   exit with code 1 when there are more than n warnings
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 no error-level problems, 1 error-level problems (or more warnings than --max-warnings),
2 usage or configuration error, a report that could not be written, an incomplete run (a file, folder or
package.json that could not be read or analyzed, or a rule that failed; the report is printed first), or a crash.

Positions are 1-based; columns count UTF-16 code units (as editors and ESLint do).`;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;

  const format = values.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`invalid --format "${format}" (expected ${FORMATS.join(', ')})`);
  }

  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const text = values['max-warnings'];
    if (!/^\d+$/.test(text)) throw new UsageError(`invalid --max-warnings "${text}" (expected a whole number, 0 or more)`);
    maxWarnings = Number(text);
  }

  const rules = (values.rule ?? []).map(parseRuleOption);

  for (const [name, value] of [
    ['--output-file', values['output-file']],
    ['--config', values.config],
  ] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`${name} needs a path`);
  }

  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: format as Format,
    ...(values['output-file'] !== undefined ? { outputFile: values['output-file'] } : {}),
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    quiet: values.quiet ?? false,
    ...(values.config !== undefined ? { configFile: values.config } : {}),
    includeTests: values['include-tests'] ?? false,
    rules,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      'output-file': { type: 'string', short: 'o' },
      config: { type: 'string', short: 'c' },
      rule: { type: 'string', multiple: true },
      'include-tests': { type: 'boolean' },
      quiet: { type: 'boolean' },
      'max-warnings': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function parseRuleOption(text: string): { id: string; level: CliRuleLevel } {
  const match = /^\s*([^=:\s]+)\s*[=:]\s*(\S+)\s*$/.exec(text);
  if (!match) throw new UsageError(`invalid --rule "${text}" (expected <rule id>=<level>, e.g. logs/no-console=off)`);
  const [, id, rawLevel] = match;
  if (!(LEVELS as readonly string[]).includes(rawLevel)) {
    throw new UsageError(`invalid level "${rawLevel}" in --rule "${text}" (expected off, error, warning, info or hint)`);
  }
  return { id, level: rawLevel === 'warn' ? 'warning' : (rawLevel as CliRuleLevel) };
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1];
    return `unknown option ${option ? `"${option}"` : message}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /'([^']+)'/.exec(message)?.[1];
    return option && /missing/.test(message) ? `option ${option} needs a value` : message;
  }
  return message;
}
