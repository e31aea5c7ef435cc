// argv → scan → format → exit code. The analyzer (and TypeScript with it) is loaded only once the
// arguments are known to be good, so `--help`, `--version` and usage errors answer at once.
import fs from 'node:fs';
import path from 'node:path';
import type { Severity } from '../analyzer/rule';
import type { ScanConfigProblem } from '../project/scan';
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './args';
import type { Report } from './formatters/report';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colors in stylish output). */
  isTTY: boolean;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

const NAME = 'twelve-factor-lint';

/** Runs the command; returns the exit code. Never throws. */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    const options = parseCliArgs(argv);
    if (options.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT_OK;
    }
    if (options.version) {
      const { readToolInfo } = require('./package-info') as typeof import('./package-info');
      io.stdout(`${readToolInfo().version}\n`);
      return EXIT_OK;
    }
    return lint(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${NAME}: ${error.message}\nRun "${NAME} --help" for usage.\n`);
    } else {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      io.stderr(`${NAME}: internal error, please report it with the command you ran.\n${detail}\n`);
    }
    return EXIT_USAGE;
  }
}

function lint(options: CliOptions, io: CliIo): number {
  for (const given of options.paths) {
    if (!fs.existsSync(path.resolve(io.cwd, given))) throw new UsageError(`no such file or directory: ${given}`);
  }
  if (options.configFile !== undefined && !isFile(path.resolve(io.cwd, options.configFile))) {
    throw new UsageError(`config file not found: ${options.configFile}`);
  }

  const { RULES, RULE_IDS } = require('../analyzer/rules/index') as typeof import('../analyzer/rules/index');
  const ruleLevels: Record<string, CliOptions['rules'][number]['level']> = {};
  for (const { id, level } of options.rules) {
    if (!RULE_IDS.has(id)) throw new UsageError(`unknown rule "${id}" in --rule (known: ${[...RULE_IDS].sort().join(', ')})`);
    ruleLevels[id] = level;
  }

  const { scan } = require('../project/scan') as typeof import('../project/scan');
  const result = scan(
    options.paths.map((p) => path.resolve(io.cwd, p)),
    {
      ...(options.configFile !== undefined ? { configFile: path.resolve(io.cwd, options.configFile) } : {}),
      ruleLevels,
      ...(options.includeTests ? { includeTestsAndScripts: true } : {}),
    },
  );

  if (result.configProblems.length > 0) {
    for (const problem of result.configProblems) io.stderr(`${NAME}: ${describeConfigProblem(problem, io.cwd)}\n`);
    io.stderr(`${NAME}: fix the config file (see "${NAME} --help"); nothing was reported.\n`);
    return EXIT_USAGE;
  }
  for (const warning of result.pathWarnings) {
    io.stderr(`${NAME}: warning: ${displayPath(warning.path, io.cwd)}: ${warning.message}; skipped\n`);
  }

  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of result.files) for (const d of file.diagnostics) counts[d.severity]++;
  const files = options.quiet
    ? result.files.map((file) => ({ ...file, diagnostics: file.diagnostics.filter((d) => d.severity === 'error') }))
    : result.files;
  const { repositoryRoot } = require('./repository') as typeof import('./repository');
  const report: Report = {
    cwd: io.cwd,
    files,
    filesScanned: result.filesScanned,
    filesSkipped: result.filesSkipped,
    root: repositoryRoot(io.cwd),
  };

  let output: string;
  if (options.format === 'json') {
    output = (require('./formatters/json') as typeof import('./formatters/json')).formatJson(report);
  } else if (options.format === 'sarif') {
    const { formatSarif } = require('./formatters/sarif') as typeof import('./formatters/sarif');
    const { readToolInfo, packageRoot } = require('./package-info') as typeof import('./package-info');
    output = formatSarif(report, readToolInfo(), RULES, { docsRoot: packageRoot() });
  } else {
    const { formatStylish } = require('./formatters/stylish') as typeof import('./formatters/stylish');
    output = formatStylish(report, options.outputFile === undefined && useColor(io));
  }

  if (options.outputFile !== undefined) {
    const target = path.resolve(io.cwd, options.outputFile);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, output);
  } else {
    io.stdout(output);
  }

  if (counts.error > 0) return EXIT_PROBLEMS;
  if (options.maxWarnings !== undefined && counts.warning > options.maxWarnings) {
    io.stderr(`${NAME}: ${counts.warning} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

function useColor(io: CliIo): boolean {
  // https://no-color.org: any non-empty NO_COLOR turns colors off.
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '') return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return io.isTTY;
}

function describeConfigProblem(problem: ScanConfigProblem, cwd: string): string {
  const where = problem.line !== undefined ? `:${problem.line}:${problem.column ?? 1}` : '';
  return `${displayPath(problem.file, cwd)}${where}: ${problem.message}`;
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative === '' || relative.startsWith('..') ? file : relative).split(path.sep).join('/');
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
