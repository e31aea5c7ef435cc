// argv → scan → format → exit code. The analyzer (and TypeScript with it) is loaded only once the
// arguments are known to be good, so `--help`, `--version` and usage errors answer at once.
import fs from 'node:fs';
import path from 'node:path';
import type { Severity } from '../analyzer';
import type { ScanConfigProblem, ScanOptions, ScanResult } from '../project/scan';
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './args';
import type { Report } from './formatters/report';
import { escapeForTerminal } from './formatters/escape';
import { checkOutputTarget, writeReportFile } from './output';
import { describeFsError, readRegularFile } from '../project/read';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colors in stylish output). */
  isTTY: boolean;
  /** Whether stderr is a terminal (progress on long scans). */
  stderrIsTTY?: boolean;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
/**
 * Usage or configuration error, a report that could not be written, or an incomplete run: a file, folder or
 * package.json that could not be read or analyzed, or a rule that failed on a file (the full report is still
 * printed first). A crash of the tool itself also exits 2.
 */
export const EXIT_USAGE = 2;

const NAME = 'twelve-factor-lint';

/** Runs the command; resolves with the exit code. Never rejects. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
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
    return await lint(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${NAME}: ${escapeForTerminal(error.message)}\nRun "${NAME} --help" for usage.\n`);
    } else {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      io.stderr(`${NAME}: internal error, please report it with the command you ran.\n${detail}\n`);
    }
    return EXIT_USAGE;
  }
}

async function lint(options: CliOptions, io: CliIo): Promise<number> {
  const { RULES, RULE_IDS } = require('../analyzer') as typeof import('../analyzer');
  if (options.init) return init(io, RULES);

  for (const given of options.paths) {
    if (!fs.existsSync(path.resolve(io.cwd, given))) throw new UsageError(`no such file or directory: ${given}`);
  }
  if (options.configFile !== undefined && !fs.existsSync(path.resolve(io.cwd, options.configFile))) {
    throw new UsageError(`config file not found: ${options.configFile}`);
  }
  // A folder or /proc path for -o is known before the scan: say so now, not after it.
  const outputTarget = options.outputFile !== undefined ? path.resolve(io.cwd, options.outputFile) : undefined;
  if (outputTarget !== undefined) {
    const problem = checkOutputTarget(outputTarget);
    if (problem) throw new UsageError(`cannot write the report to ${options.outputFile}: ${problem}`);
  }
  const ruleLevels: Record<string, CliOptions['rules'][number]['level']> = {};
  for (const { id, level } of options.rules) {
    if (!RULE_IDS.has(id)) throw new UsageError(`unknown rule "${id}" in --rule (known: ${[...RULE_IDS].sort().join(', ')})`);
    ruleLevels[id] = level;
  }
  const scanOptions: ScanOptions = {
    ...(options.configFile !== undefined ? { configFile: path.resolve(io.cwd, options.configFile) } : {}),
    ruleLevels,
    ...(options.includeTests ? { includeTestsAndScripts: true } : {}),
  };

  if (options.printConfig !== undefined) {
    const target = path.resolve(io.cwd, options.printConfig);
    if (!fs.existsSync(target)) throw new UsageError(`no such file: ${options.printConfig}`);
    if (!isFile(target)) throw new UsageError(`--print-config needs a file, and ${options.printConfig} is a folder`);
    const { effectiveConfigJson } = require('./print-config') as typeof import('./print-config');
    const { json, problems } = effectiveConfigJson(target, RULES, scanOptions);
    if (problems.length > 0) return configFailure(problems.map((p) => displayPath(p, io.cwd)), io);
    io.stdout(json);
    return EXIT_OK;
  }

  let baseline: import('./baseline').Baseline | undefined;
  if (options.baseline !== undefined) {
    const { readBaseline } = require('./baseline') as typeof import('./baseline');
    const read = readBaseline(path.resolve(io.cwd, options.baseline));
    if ('error' in read) throw new UsageError(read.error);
    baseline = read;
  }
  const paths = options.paths.map((p) => path.resolve(io.cwd, p));

  let fixSummary: string | undefined;
  if (options.fix !== undefined) {
    const { computeFixes, unifiedDiff } = require('./fix') as typeof import('./fix');
    const fixed = computeFixes(paths, scanOptions, options.fixTypes);
    for (const file of fixed.rejected) {
      io.stderr(`${NAME}: warning: ${displayPath(file, io.cwd)}: its fixed text would not parse; left unchanged (please report it)\n`);
    }
    const files = fixed.changes.size;
    if (options.fix === 'dry-run') {
      const written = writeOutput(unifiedDiff(fixed, io.cwd), options, io);
      if (!written) return EXIT_USAGE;
      io.stderr(`${NAME}: ${files === 0 ? 'no fixes to apply' : `${plural(fixed.applied, 'fix', 'fixes')} would change ${plural(files, 'file')}`} (dry run: nothing written)\n`);
    } else {
      for (const [file, change] of fixed.changes) {
        try {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, change.after);
        } catch (error) {
          throw new UsageError(`could not write ${displayPath(file, io.cwd)}: ${describeFsError(error)}`);
        }
      }
      fixSummary = files === 0 ? 'no fixes to apply' : `applied ${plural(fixed.applied, 'fix', 'fixes')} in ${plural(files, 'file')}`;
    }
  }

  let cache: import('./cache').ResultCache | undefined;
  if (options.cache) {
    const { ResultCache, cacheFilePath } = require('./cache') as typeof import('./cache');
    cache = ResultCache.load(cacheFilePath(io.cwd, options.cacheLocation), toolIdentity());
  }
  const threads = options.concurrency === 'off' ? 1 : (require('./workers') as typeof import('./workers')).threadCount(options.concurrency);
  const progress = io.stderrIsTTY && options.fix !== 'dry-run' ? progressLine(io) : undefined;
  const { runScan } = require('./scan-runner') as typeof import('./scan-runner');
  let result: ScanResult;
  try {
    result = await runScan(paths, { ...scanOptions, cache, threads, ...(progress ? { progress: progress.update } : {}) });
  } finally {
    progress?.clear();
  }
  if (cache) {
    const problem = cache.save();
    if (problem) io.stderr(`${NAME}: warning: ${problem}\n`);
  }
  if (fixSummary) io.stderr(`${NAME}: ${fixSummary}\n`);

  if (result.configProblems.length > 0) return configFailure(result.configProblems.map((p) => describeConfigProblem(p, io.cwd)), io);
  for (const warning of result.pathWarnings) {
    io.stderr(`${NAME}: warning: ${escapeForTerminal(displayPath(warning.path, io.cwd))}: ${warning.message}; skipped\n`);
  }

  const { repositoryRoot } = require('./repository') as typeof import('./repository');
  const root = repositoryRoot(io.cwd);
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string): string | undefined => {
    if (!texts.has(file)) texts.set(file, readText(file));
    return texts.get(file);
  };

  let files = result.files;
  if (options.baselineWrite !== undefined) {
    const { buildBaseline, serializeBaseline } = require('./baseline') as typeof import('./baseline');
    const target = path.resolve(io.cwd, options.baselineWrite);
    const written = buildBaseline(files, root, textOf);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, serializeBaseline(written));
    } catch (error) {
      throw new UsageError(`could not write the baseline ${options.baselineWrite}: ${describeFsError(error)}`);
    }
    const count = Object.values(written.files).reduce((n, rules) => n + Object.values(rules).reduce((m, list) => m + list.reduce((k, e) => k + e.count, 0), 0), 0);
    io.stderr(`${NAME}: wrote ${plural(count, 'finding')} in ${plural(Object.keys(written.files).length, 'file')} to ${options.baselineWrite}\n`);
    baseline = written;
  }
  if (baseline) {
    const { applyBaseline } = require('./baseline') as typeof import('./baseline');
    const applied = applyBaseline(files, baseline, root, textOf);
    files = applied.files;
    if (options.baselineWrite === undefined) reportBaseline(applied, options.baseline!, io);
  }

  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of files) for (const d of file.diagnostics) counts[d.severity]++;
  if (options.quiet) files = files.map((file) => ({ ...file, diagnostics: file.diagnostics.filter((d) => d.severity === 'error') }));
  const report: Report = {
    cwd: io.cwd,
    files,
    filesScanned: result.filesScanned,
    filesSkipped: result.filesSkipped,
    root,
    disabledRules: disabledRules(RULES, ruleLevels, options, io.cwd),
    textOf,
  };

  if (options.fix !== 'dry-run' && !writeOutput(format(report, options, io, RULES), options, io)) return EXIT_USAGE;

  const failedFiles = files.filter((file) => file.failed !== undefined).length;
  const failedRules = files.reduce((sum, file) => sum + (file.ruleFailures?.length ?? 0), 0);
  if (failedFiles > 0 || failedRules > 0) {
    const parts = [
      ...(failedFiles > 0 ? [`${failedFiles} ${failedFiles === 1 ? 'file' : 'files'} could not be read or analyzed`] : []),
      ...(failedRules > 0 ? [`${failedRules} ${failedRules === 1 ? 'rule' : 'rules'} failed on a file`] : []),
    ];
    io.stderr(`${NAME}: ${parts.join(' and ')} (listed in the report); the report is incomplete.\n`);
    return EXIT_USAGE;
  }

  if (counts.error > 0) return EXIT_PROBLEMS;
  if (options.maxWarnings !== undefined && counts.warning > options.maxWarnings) {
    io.stderr(`${NAME}: ${counts.warning} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

function format(report: Report, options: CliOptions, io: CliIo, rules: readonly import('../analyzer').RuleDefinition[]): string {
  switch (options.format) {
    case 'json':
      return (require('./formatters/json') as typeof import('./formatters/json')).formatJson(report);
    case 'sarif': {
      const { formatSarif } = require('./formatters/sarif') as typeof import('./formatters/sarif');
      const { readToolInfo, packageRoot } = require('./package-info') as typeof import('./package-info');
      return formatSarif(report, readToolInfo(), rules, { docsRoot: packageRoot() });
    }
    case 'markdown':
      return (require('./formatters/markdown') as typeof import('./formatters/markdown')).formatMarkdown(report, rules, io.env);
    case 'html': {
      const { readToolInfo } = require('./package-info') as typeof import('./package-info');
      return (require('./formatters/html') as typeof import('./formatters/html')).formatHtml(report, rules, readToolInfo(), io.env);
    }
    default:
      return (require('./formatters/stylish') as typeof import('./formatters/stylish')).formatStylish(report, options.outputFile === undefined && useColor(io));
  }
}

/**
 * Writes the report (or the dry run's diff) to `-o` or stdout; false when it could not be written anywhere. Never loses
 * the report: when `-o` cannot be written, it goes to stdout, and the run exits 2.
 */
function writeOutput(output: string, options: CliOptions, io: CliIo): boolean {
  if (options.outputFile !== undefined) {
    const failure = writeReportFile(path.resolve(io.cwd, options.outputFile), output);
    if (failure === undefined) return true;
    io.stderr(`${NAME}: cannot write the report to ${escapeForTerminal(options.outputFile)}: ${failure}; it follows on stdout instead.\n`);
  }
  try {
    io.stdout(output);
  } catch (error) {
    io.stderr(`${NAME}: cannot write the report to stdout: ${describeFsError(error)}.\n`);
    return false;
  }
  return options.outputFile === undefined;
}

function init(io: CliIo, rules: readonly import('../analyzer').RuleDefinition[]): number {
  const { writeStarterConfig } = require('./init') as typeof import('./init');
  const outcome = writeStarterConfig(io.cwd, rules);
  if ('error' in outcome) throw new UsageError(outcome.error);
  io.stdout(`Wrote ${displayPath(outcome.written, io.cwd)}: every rule at its default level; edit it, and see docs/configuration.md.\n`);
  return EXIT_OK;
}

function configFailure(lines: readonly string[], io: CliIo): number {
  for (const line of lines) io.stderr(`${NAME}: ${escapeForTerminal(line)}\n`);
  io.stderr(`${NAME}: fix the config file (see "${NAME} --help"); nothing was reported.\n`);
  return EXIT_USAGE;
}

const MAX_STALE_LISTED = 20;

function reportBaseline(applied: import('./baseline').BaselineResult, file: string, io: CliIo): void {
  if (applied.matched > 0) io.stderr(`${NAME}: ${plural(applied.matched, 'finding')} held by the baseline ${file} not reported\n`);
  if (applied.stale.length === 0) return;
  const total = applied.stale.reduce((n, e) => n + e.count, 0);
  io.stderr(`${NAME}: ${plural(total, 'baseline entry', 'baseline entries')} no longer occur (fixed or changed); prune them with --baseline-write ${file}:\n`);
  for (const entry of applied.stale.slice(0, MAX_STALE_LISTED)) {
    io.stderr(`  ${entry.file}  ${entry.ruleId}${entry.count > 1 ? ` ×${entry.count}` : ''}  ${entry.message}\n`);
  }
  if (applied.stale.length > MAX_STALE_LISTED) io.stderr(`  … and ${applied.stale.length - MAX_STALE_LISTED} more\n`);
}

/** Rules off for the whole run: by --rule, or in the config file that applies to the current folder. */
function disabledRules(rules: readonly import('../analyzer').RuleDefinition[], ruleLevels: Record<string, string>, options: CliOptions, cwd: string): Set<string> {
  const { ProjectLocator } = require('../project/loader') as typeof import('../project/loader');
  const configured = options.configFile !== undefined ? undefined : new ProjectLocator().configFor(cwd).config;
  const off = new Set<string>();
  for (const rule of rules) {
    const level = ruleLevels[rule.id] ?? configured?.rules[rule.id]?.level;
    if (level === 'off') off.add(rule.id);
  }
  return off;
}

/** The tool's version and build: a rebuilt or upgraded tool never reads an older tool's cache. */
function toolIdentity(): string {
  const { readToolInfo } = require('./package-info') as typeof import('./package-info');
  let build = '';
  try {
    const stat = fs.statSync(__filename);
    build = `${stat.size}-${Math.round(stat.mtimeMs)}`;
  } catch {
    build = 'unknown';
  }
  return `${readToolInfo().version}+${build}`;
}

/** "Scanning 1200/3687 files" on stderr, redrawn at most every 100 ms, shown only once a scan has run for 500 ms. */
export function progressLine(io: Pick<CliIo, 'stderr'>, now: () => number = Date.now): { update: (done: number, total: number) => void; clear: () => void } {
  const started = now();
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const time = now();
      if (time - started < 500 || (time - last < 100 && done < total)) return;
      last = time;
      shown = true;
      io.stderr(`\r${NAME}: ${done}/${total} files\u001b[K`);
    },
    clear() {
      if (shown) io.stderr('\r\u001b[K');
    },
  };
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function readText(file: string): string | undefined {
  return readRegularFile(file, Number.MAX_SAFE_INTEGER).text;
}

function useColor(io: CliIo): boolean {
  // https://no-color.org: any non-empty NO_COLOR turns colors off.
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '') return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return io.isTTY;
}

function describeConfigProblem(problem: ScanConfigProblem, cwd: string): string {
  const where = problem.line !== undefined ? `:${problem.line}:${problem.column ?? 1}` : '';
  return escapeForTerminal(`${displayPath(problem.file, cwd)}${where}: ${problem.message}`);
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
