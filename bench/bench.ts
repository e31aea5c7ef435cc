// `npm run bench`: prints throughput, memory, start-up and editor-latency figures. Never asserts a timing: the
// machines are shared and noisy, so every figure sits next to a baseline measured in the same run (interleaved),
// and the report gives medians with min/max. `node out/bench/bench.js --write` also writes bench/RESULTS.md.
// BENCH_RUNS (default 5) sets the number of interleaved rounds of the whole-scan comparison. `--eslint` adds an
// ESLint baseline on the same files (bench/eslint-baseline.ts; installed once into the git-ignored bench/.cache/).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI_V8_FLAGS } from '../server/src/cli/v8-flags';
import { CORPUS_FOLDERS, REPO_ROOT, corpusPaths, corpusStats, prefixHolding, type CorpusStats } from './corpus';
import { corpusFiles, eslintArgs, readEslintReport, setUpEslint } from './eslint-baseline';
import { runServerBench, type ServerBenchResult } from './lsp';
import { runIndexTypingBench, type IndexTypingResult } from './lsp-index';
import { generateService, writeGeneratedWorkspace } from './service-gen';
import { max, mb, median, mib, min, ms, percentile, table } from './stats';

const CLI = path.join(REPO_ROOT, 'server/out/cli.js');
const HOOK = path.join(__dirname, 'rss-hook.js');
const FLOOR = path.join(__dirname, 'floor.js');
const INPROC = path.join(__dirname, 'inproc.js');
const RULE_COST = path.join(__dirname, 'rule-cost.js');
const INDEX_COST = path.join(__dirname, 'index-cost.js');
/** `--index-only`: run only the background-index section (facts only vs facts + findings). */
const INDEX_ONLY = process.argv.includes('--index-only');
const INDEX_RUNS = 3;
/** The per-rule cost pass reads every n-th file of the corpus. */
const RULE_COST_EVERY = 4;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const INPROC_RUNS = Math.min(RUNS, 3);
const WRITE = process.argv.includes('--write');
/** `--eslint`: also time ESLint 9 + typescript-eslint + SonarJS's secret rules on the same files (installs them once). */
const ESLINT = process.argv.includes('--eslint');
const ESLINT_RUNS = 3;
const NOTES_MARKER = '<!-- notes: kept by --write -->';
/** `--modes-only`: only the CI modes section (concurrency and cache against the floor), for a quick look. */
const MODES_ONLY = process.argv.includes('--modes-only');
/** `--scan-only`: only the whole-scan section (the CLI against the parse+walk floor), for a quick look. */
const SCAN_ONLY = process.argv.includes('--scan-only');

interface ChildRun {
  wallMs: number;
  rssKiB: number;
  cpuMs: number;
  summary?: Record<string, number>;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), '12f-bench-'));

/** Runs `node <args>` with the peak-memory hook preloaded; wall time is the whole process, spawn to exit. */
function runNode(args: readonly string[], options: { cwd?: string; nodeFlags?: readonly string[] } = {}): ChildRun {
  const rssFile = path.join(scratch, 'rss.json');
  const summaryFile = path.join(scratch, 'summary.json');
  fs.rmSync(rssFile, { force: true });
  fs.rmSync(summaryFile, { force: true });
  const started = performance.now();
  const child = spawnSync(process.execPath, [...(options.nodeFlags ?? []), '--require', HOOK, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, BENCH_RSS_FILE: rssFile, BENCH_SUMMARY_FILE: summaryFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  // The CLI exits 1 when it reports error-level problems; 2 is a usage error or a crash.
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`node ${args.join(' ').slice(0, 300)} exited with ${child.status ?? child.signal}:\n${child.stderr}`);
  }
  const usage = JSON.parse(fs.readFileSync(rssFile, 'utf8')) as { maxRssKiB: number; userMs: number; systemMs: number };
  const run: ChildRun = { wallMs, rssKiB: usage.maxRssKiB, cpuMs: usage.userMs + usage.systemMs };
  if (fs.existsSync(summaryFile)) run.summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as Record<string, number>;
  return run;
}

const cliReport = path.join(scratch, 'report.json');
const runCli = (paths: readonly string[]): ChildRun => runNode([CLI, '--format', 'json', '--output-file', cliReport, ...paths]);
const runFloor = (paths: readonly string[]): ChildRun => runNode([FLOOR, ...paths]);
/** The floor with the analyzer's parse mode (JSDoc skipped): what the rule layer itself adds. */
const runFloorNoJsdoc = (paths: readonly string[]): ChildRun => runNode([FLOOR, '--no-jsdoc', ...paths]);
/** The floor under the V8 settings the CLI gives itself (cli/v8-flags.ts): the same JIT tuning on both sides. */
const runFloorTuned = (paths: readonly string[]): ChildRun => runNode([FLOOR, ...paths], { nodeFlags: CLI_V8_FLAGS });
const runInproc = (paths: readonly string[]): ChildRun => runNode([INPROC, ...paths], { nodeFlags: ['--expose-gc'] });
const modeReport = (mode: string): string => path.join(scratch, `report-${mode}.json`);
const cacheFile = path.join(scratch, 'lint.cache');
/** The CLI in a CI mode: `auto` = --concurrency auto, `cached` = --cache on an unchanged corpus (primed first), `off` = neither. */
const runMode = (mode: 'off' | 'auto' | 'cached', paths: readonly string[]): ChildRun =>
  runNode([
    CLI,
    '--format',
    'json',
    '--output-file',
    modeReport(mode),
    ...(mode === 'auto' ? ['--concurrency', 'auto'] : mode === 'cached' ? ['--cache', '--cache-location', cacheFile] : []),
    ...paths,
  ]);

/**
 * `--concurrency auto` and a second `--cache` run against the single-threaded parse floor, interleaved in one run
 * (issue 10's targets: ≤ 0.7× and ≤ 0.2× the floor's wall time), and the three modes' reports compared byte for byte.
 */
function modesSection(full: readonly string[], stats: CorpusStats): { section: string; verdicts: string[] } {
  log('CI modes: priming the cache…');
  fs.rmSync(cacheFile, { force: true });
  runMode('cached', full);
  const runs: Record<'floor' | 'off' | 'auto' | 'cached', ChildRun[]> = { floor: [], off: [], auto: [], cached: [] };
  const orders = [
    ['floor', 'off', 'auto', 'cached'],
    ['cached', 'auto', 'off', 'floor'],
    ['auto', 'floor', 'cached', 'off'],
  ] as const;
  for (let round = 0; round < RUNS; round++) {
    log(`CI modes vs floor, round ${round + 1}/${RUNS}…`);
    for (const which of orders[round % orders.length]) runs[which].push(which === 'floor' ? runFloor(full) : runMode(which, full));
  }
  const reports = (['off', 'auto', 'cached'] as const).map((mode) => fs.readFileSync(modeReport(mode), 'utf8'));
  const identical = reports.every((text) => text === reports[0]);
  const findings = (JSON.parse(reports[0]) as { diagnostics: unknown[] }).diagnostics.length;
  const wall = (list: ChildRun[]) => median(list.map((r) => r.wallMs));
  const floor = wall(runs.floor);
  const pairs = (list: ChildRun[]) => list.map((r, i) => (r.wallMs / runs.floor[i].wallMs).toFixed(2)).join(', ');
  const row = (label: string, list: ChildRun[]): string[] => [
    label,
    ms(wall(list)),
    range(list.map((r) => r.wallMs), ms),
    `${(wall(list) / floor).toFixed(2)}×`,
    pairs(list),
    ms(median(list.map((r) => r.cpuMs))),
    mib(median(list.map((r) => r.rssKiB))),
  ];
  const autoRatio = wall(runs.auto) / floor;
  const cachedRatio = wall(runs.cached) / floor;
  const section =
    `### CI modes vs parse+walk floor (${RUNS} interleaved rounds, whole process each; ${os.cpus().length} CPUs)\n\n` +
    `${stats.files} files. Reports of the three CLI modes byte for byte: ${identical ? 'identical' : 'DIFFERENT'} (${findings} findings).\n\n` +
    table(
      ['measure', 'median', 'min – max', 'wall / floor (medians)', 'per-round ratios', 'CPU (user+sys)', 'peak RSS'],
      [
        row('floor: parse+walk, single thread', runs.floor),
        row('CLI, single thread', runs.off),
        row('CLI `--concurrency auto`', runs.auto),
        row('CLI `--cache`, second run on the unchanged corpus', runs.cached),
      ],
    );
  const verdicts = [
    `--concurrency auto / floor: ${autoRatio.toFixed(2)}× wall (target ≤ 0.7×) ${autoRatio <= 0.7 ? 'met' : 'NOT met'}; ` +
      `--cache second run / floor: ${cachedRatio.toFixed(2)}× (target ≤ 0.2×) ${cachedRatio <= 0.2 ? 'met' : 'NOT met'}; ` +
      `findings identical in every mode: ${identical ? 'yes' : 'NO'}.`,
  ];
  return { section, verdicts };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function range(values: readonly number[], format: (v: number) => string): string {
  return `${format(min(values))} – ${format(max(values))}`;
}

function rate(files: number, bytes: number, wallMs: number): [string, string] {
  const seconds = wallMs / 1000;
  return [`${Math.round(files / seconds)}`, (bytes / 1e6 / seconds).toFixed(2)];
}

interface RuleCostSummary {
  files: number;
  bytes: number;
  parseMs: number;
  variants: Record<string, number>;
}

interface Subset {
  label: string;
  folders: string[];
  stats: CorpusStats;
  floor: ChildRun;
  cli: ChildRun;
  inproc: ChildRun;
}

interface IndexCostSummary {
  mode: 'facts' | 'findings';
  files: number;
  findings: number;
  loopMs: number;
  cpuMs: number;
  retainedBytes: number;
  findingsBytes: number;
  reportMs: number;
  reportBytes: number;
  fullReportBytes: number;
  projects: number;
}

/**
 * The language server's background index, before issue 11 (facts only) and now (facts and findings), interleaved:
 * in-process over the corpus (library code, few findings) and over a generated monorepo (many findings), and over
 * stdio while a file is typed in.
 */
async function indexSection(full: readonly string[], sections: string[], verdicts: string[]): Promise<void> {
  const workspace = path.join(scratch, 'index-workspace');
  const linesPerFile = 400;
  const generatedFiles = writeGeneratedWorkspace(workspace, 4, 150, linesPerFile);
  const corpora: Array<{ label: string; paths: readonly string[] }> = [
    { label: `corpus (${CORPUS_FOLDERS.length} node_modules folders)`, paths: full },
    { label: `generated monorepo (4 packages, ${generatedFiles} files of ${linesPerFile} lines)`, paths: [workspace] },
  ];
  const rows: string[][] = [];
  const ratios: string[] = [];
  for (const corpus of corpora) {
    const runs: Record<'facts' | 'findings', IndexCostSummary[]> = { facts: [], findings: [] };
    for (let round = 0; round < INDEX_RUNS; round++) {
      log(`Background index in-process, ${corpus.label}, round ${round + 1}/${INDEX_RUNS}…`);
      for (const mode of round % 2 === 0 ? (['facts', 'findings'] as const) : (['findings', 'facts'] as const)) {
        runs[mode].push(runNode([INDEX_COST, mode, ...corpus.paths], { nodeFlags: ['--expose-gc'] }).summary as unknown as IndexCostSummary);
      }
    }
    for (const mode of ['facts', 'findings'] as const) {
      const r = runs[mode];
      const last = r[r.length - 1];
      rows.push([
        corpus.label,
        mode === 'facts' ? 'before: facts only' : 'now: facts + findings',
        `${last.files}`,
        `${last.findings}`,
        ms(median(r.map((x) => x.loopMs))),
        ms(median(r.map((x) => x.cpuMs))),
        `${(median(r.map((x) => x.retainedBytes)) / 1048576).toFixed(1)} MiB`,
        mode === 'facts' ? '—' : `${(last.findingsBytes / 1048576).toFixed(2)} MiB (${last.findings ? Math.round(last.findingsBytes / last.findings) : 0} B/finding)`,
        `${ms(median(r.map((x) => x.reportMs)))}, ${(last.reportBytes / 1024).toFixed(0)} KiB (${(last.fullReportBytes / 1024).toFixed(0)} KiB with findings)`,
      ]);
    }
    const cpu = median(runs.findings.map((x) => x.cpuMs)) / median(runs.facts.map((x) => x.cpuMs));
    const heap = median(runs.findings.map((x) => x.retainedBytes)) - median(runs.facts.map((x) => x.retainedBytes));
    ratios.push(`${corpus.label}: CPU ${cpu.toFixed(2)}×, heap +${(heap / 1048576).toFixed(1)} MiB`);
  }

  const typed = path.join(workspace, 'packages', 'service-0', 'src', 'routes', 'r0.ts');
  const typingOffset = generateService(linesPerFile).typingOffset;
  const typing: Record<'facts' | 'findings', IndexTypingResult[]> = { facts: [], findings: [] };
  for (let round = 0; round < INDEX_RUNS; round++) {
    log(`Background index over stdio while typing, round ${round + 1}/${INDEX_RUNS}…`);
    for (const mode of round % 2 === 0 ? (['facts', 'findings'] as const) : (['findings', 'facts'] as const)) {
      typing[mode].push(await runIndexTypingBench(workspace, typed, typingOffset, mode, scratch));
    }
  }
  const typingRows = (['facts', 'findings'] as const).map((mode) => {
    const r = typing[mode];
    const during = r.flatMap((x) => x.duringMs);
    const after = r.flatMap((x) => x.afterMs);
    return [
      mode === 'facts' ? 'before: facts only' : 'now: facts + findings',
      `${r[0].files}`,
      ms(median(r.map((x) => x.indexMs))),
      mib(median(r.map((x) => x.serverRssKiB ?? Number.NaN))),
      `${ms(median(during))} / ${ms(percentile(during, 90))} / ${ms(max(during))} (${during.length})`,
      `${ms(median(after))} / ${ms(percentile(after, 90))} (${after.length})`,
    ];
  });
  sections.push(
    `### Background index: facts only (before issue 11) vs facts and findings (now), ${INDEX_RUNS} interleaved rounds\n\n` +
      'In-process (`bench/index-cost.ts`): one `Workspace` indexes the folders; "before" is the same code with `enable` ' +
      'false for the folder, which runs no rule (the old `analyze({ rules: [] })`). Heap retained after GC with the index ' +
      'alive; the findings\' own share is what the heap gives back when the findings index is emptied. The report is ' +
      'what the view asks for (counts only; a file\'s findings come with `twelveFactor/fileFindings`).\n\n' +
      table(
        ['workspace', 'index', 'files', 'findings kept', 'wall', 'CPU', 'heap retained', 'of which findings', 'twelveFactor/report'],
        rows,
      ) +
      '\n\n' +
      `Over stdio (\`bench/lsp-index.ts\`), the generated monorepo: initialized → "Indexed" log, server peak RSS, and ` +
      'one-character edits typed into one of its files meanwhile (didChange → publishDiagnostics, median / p90 / max, ' +
      'and count), while the index runs (it yields every 8 ms) and after.\n\n' +
      table(['index', 'files', 'indexed after', 'peak RSS', 'keystroke while indexing', 'keystroke after'], typingRows),
  );
  const during = (mode: 'facts' | 'findings') => percentile(typing[mode].flatMap((x) => x.duringMs), 90);
  verdicts.push(
    `Background index with findings: ${ratios.join('; ')}; keystroke p90 while indexing ${ms(during('findings'))} ` +
      `(facts only ${ms(during('facts'))}).`,
  );
}

async function main(): Promise<void> {
  for (const needed of [CLI, path.join(REPO_ROOT, 'server/out/server.js'), FLOOR, INPROC, HOOK, INDEX_COST]) {
    if (!fs.existsSync(needed)) throw new Error(`${needed} is missing: run npm run build first`);
  }
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const sections: string[] = [];
  const verdicts: string[] = [];
  if (MODES_ONLY) {
    const full = corpusPaths();
    const modes = modesSection(full, corpusStats(full));
    process.stdout.write(`\nLoad average ${loadBefore[0].toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end.\n\n${modes.section}\n\n${modes.verdicts.join('\n')}\n`);
    fs.rmSync(scratch, { recursive: true, force: true });
    return;
  }
  if (INDEX_ONLY) {
    await indexSection(corpusPaths(), sections, verdicts);
    process.stdout.write(`\n${[...sections, '### Targets', verdicts.map((v) => `- ${v}`).join('\n')].join('\n\n')}\n`);
    fs.rmSync(scratch, { recursive: true, force: true });
    return;
  }

  // --- corpus ----------------------------------------------------------------------------------------------
  const full = corpusPaths();
  const stats = corpusStats(full);
  const corpusLine =
    `Corpus: ${CORPUS_FOLDERS.length} folders of node_modules, ${stats.files} files (${stats.tsFiles} TypeScript), ` +
    `${mb(stats.bytes)}; ${stats.skipped} more skipped by the skip rules (minified or > maxFileSize); ` +
    `largest ${stats.largestFile} (${mb(stats.largestBytes)}).`;
  log(corpusLine);

  // --- start-up ----------------------------------------------------------------------------------------------
  log('Start-up…');
  const tinyDir = path.join(scratch, 'tiny');
  fs.mkdirSync(tinyDir);
  fs.writeFileSync(path.join(tinyDir, 'index.ts'), "export const greeting = 'hello';\n");
  const startup: Array<{ label: string; run: () => ChildRun; runs: ChildRun[] }> = [
    { label: '`node -e 0`', run: () => runNode(['-e', '0']), runs: [] },
    { label: "`node -e \"require('typescript')\"`", run: () => runNode(['-e', "require('typescript')"]), runs: [] },
    { label: '`cli.js --version`', run: () => runNode([CLI, '--version']), runs: [] },
    { label: '`cli.js` on one tiny file', run: () => runCli([path.join(tinyDir, 'index.ts')]), runs: [] },
  ];
  for (let round = 0; round < RUNS; round++) for (const entry of startup) entry.runs.push(entry.run());
  const nodeBase = median(startup[0].runs.map((r) => r.wallMs));
  sections.push(
    '### Start-up (whole process, spawn to exit)\n\n' +
      table(
        ['command', 'median', 'min – max', 'minus `node -e 0`', 'peak RSS'],
        startup.map((entry) => {
          const walls = entry.runs.map((r) => r.wallMs);
          return [entry.label, ms(median(walls)), range(walls, ms), ms(median(walls) - nodeBase), mib(median(entry.runs.map((r) => r.rssKiB)))];
        }),
      ),
  );

  // --- whole scan vs the parse+walk floor, interleaved -------------------------------------------------------
  const floorRuns: ChildRun[] = [];
  const floorNoJsdocRuns: ChildRun[] = [];
  const floorTunedRuns: ChildRun[] = [];
  const cliRuns: ChildRun[] = [];
  const inprocRuns: ChildRun[] = [];
  for (let round = 0; round < RUNS; round++) {
    log(`Whole scan vs floor, round ${round + 1}/${RUNS}…`);
    const order = round % 2 === 0 ? ['floor', 'cli', 'floorTuned', 'floorNoJsdoc', 'inproc'] : ['cli', 'floorNoJsdoc', 'floorTuned', 'floor', 'inproc'];
    for (const which of order) {
      if (which === 'floor') floorRuns.push(runFloor(full));
      else if (which === 'floorTuned') floorTunedRuns.push(runFloorTuned(full));
      else if (which === 'floorNoJsdoc') floorNoJsdocRuns.push(runFloorNoJsdoc(full));
      else if (which === 'cli') cliRuns.push(runCli(full));
      else if (round < INPROC_RUNS) inprocRuns.push(runInproc(full));
    }
  }
  const report = JSON.parse(fs.readFileSync(cliReport, 'utf8')) as { filesScanned: number; diagnostics: unknown[] };
  const floorFiles = floorRuns[0].summary?.files ?? Number.NaN;
  const sameFiles = report.filesScanned === floorFiles + stats.otherFiles && floorFiles === stats.files;
  const floorWall = floorRuns.map((r) => r.wallMs);
  const cliWall = cliRuns.map((r) => r.wallMs);
  const wallRatio = median(cliWall) / median(floorWall);
  const pairRatios = cliRuns.map((r, i) => r.wallMs / floorRuns[i].wallMs);
  const cpuRatio = median(cliRuns.map((r) => r.cpuMs)) / median(floorRuns.map((r) => r.cpuMs));
  const cpuRatioNoJsdoc = median(cliRuns.map((r) => r.cpuMs)) / median(floorNoJsdocRuns.map((r) => r.cpuMs));
  const wallRatioNoJsdoc = median(cliWall) / median(floorNoJsdocRuns.map((r) => r.wallMs));
  const cpuRatioTuned = median(cliRuns.map((r) => r.cpuMs)) / median(floorTunedRuns.map((r) => r.cpuMs));
  const wallRatioTuned = median(cliWall) / median(floorTunedRuns.map((r) => r.wallMs));
  const floorLoop = floorRuns.map((r) => r.summary?.loopMs ?? Number.NaN);
  const inprocLoop = inprocRuns.map((r) => r.summary?.loopMs ?? Number.NaN);
  const loopRatio = median(inprocLoop) / median(floorLoop);
  const row = (label: string, walls: number[], runs: ChildRun[]): string[] => [
    label,
    ms(median(walls)),
    range(walls, ms),
    ...rate(stats.files, stats.bytes, median(walls)),
    runs.length ? ms(median(runs.map((r) => r.cpuMs))) : '—',
    runs.length ? mib(median(runs.map((r) => r.rssKiB))) : '—',
  ];
  sections.push(
    `### Whole scan vs parse+walk floor (${RUNS} interleaved rounds; in-process ${INPROC_RUNS})\n\n` +
      `${corpusLine}\n` +
      `Files analyzed: CLI ${report.filesScanned} (the ${stats.files} sources and ${stats.otherFiles} package.json, ` +
      `Dockerfile and .env files, which the floor does not read), floor ${floorFiles}, corpus walk ${stats.files}` +
      `${sameFiles ? ' (same sources)' : ' (DIFFERENT: the comparison is off)'}; CLI findings: ${report.diagnostics.length}.\n\n` +
      table(
        ['measure', 'median', 'min – max', 'files/s', 'MB/s', 'CPU (user+sys)', 'peak RSS'],
        [
          row('floor: parse+walk, whole process', floorWall, floorRuns),
          row('floor without JSDoc (the analyzer\'s parse mode), whole process', floorNoJsdocRuns.map((r) => r.wallMs), floorNoJsdocRuns),
          row(`floor under the CLI's V8 flags (${CLI_V8_FLAGS.join(' ')}), whole process`, floorTunedRuns.map((r) => r.wallMs), floorTunedRuns),
          row('CLI `--format json`, whole process', cliWall, cliRuns),
          row('floor loop, in-process (no start-up)', floorLoop, []),
          row('analyzer scan(), in-process (no start-up, no report)', inprocLoop, inprocRuns),
        ],
      ) +
      '\n\n' +
      `- CLI / floor, wall (medians): **${wallRatio.toFixed(2)}×** (target ≤ 1.3×); per-round ratios ` +
      `${pairRatios.map((r) => r.toFixed(2)).join(', ')} (median ${median(pairRatios).toFixed(2)}×)\n` +
      `- CLI / floor, CPU time (medians): ${cpuRatio.toFixed(2)}×\n` +
      `- CLI / floor without JSDoc (same parse mode as the analyzer: the rule layer's own overhead), CPU ` +
      `${cpuRatioNoJsdoc.toFixed(2)}×, wall ${wallRatioNoJsdoc.toFixed(2)}×\n` +
      `- CLI / floor under the CLI's V8 flags (the same JIT tuning on both sides): CPU ${cpuRatioTuned.toFixed(2)}×, ` +
      `wall ${wallRatioTuned.toFixed(2)}×\n` +
      `- analyzer scan() / floor loop, in-process (medians): ${loopRatio.toFixed(2)}×\n` +
      `- module load before work starts: floor ${ms(median(floorRuns.map((r) => r.summary?.loadMs ?? Number.NaN)))}, ` +
      `in-process scan ${ms(median(inprocRuns.map((r) => r.summary?.loadMs ?? Number.NaN)))}`,
  );
  verdicts.push(
    `Whole scan / floor: wall medians ${wallRatio.toFixed(2)}×, median per-round ${median(pairRatios).toFixed(2)}×, ` +
      `CPU time ${cpuRatio.toFixed(2)}× (the steadiest figure on a loaded machine) — target ≤ 1.3× ` +
      `${Math.max(wallRatio, cpuRatio) <= 1.3 ? 'met' : Math.min(wallRatio, cpuRatio, median(pairRatios)) <= 1.3 ? 'met by some measures only' : 'NOT met'}` +
      `; against a floor that also skips JSDoc, CPU ${cpuRatioNoJsdoc.toFixed(2)}×; against the floor under the CLI's ` +
      `V8 flags, CPU ${cpuRatioTuned.toFixed(2)}×.`,
  );

  if (SCAN_ONLY) {
    process.stdout.write(`\nLoad average ${loadBefore[0].toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end.\n\n${sections.at(-1)}\n\n${verdicts.join('\n')}\n`);
    fs.rmSync(scratch, { recursive: true, force: true });
    return;
  }

  // --- CI modes: worker threads and the cache, against the same floor ---------------------------------------
  {
    const modes = modesSection(full, stats);
    sections.push(modes.section);
    verdicts.push(...modes.verdicts);
  }

  // --- optional: ESLint on the same files, interleaved with the floor and the CLI ------------------------------
  if (ESLINT) {
    const setup = setUpEslint(log);
    const files = corpusFiles(full);
    const eslintOut = path.join(scratch, 'eslint.json');
    const eslintRuns: ChildRun[] = [];
    const eFloor: ChildRun[] = [];
    const eCli: ChildRun[] = [];
    const orders = [
      ['floor', 'cli', 'eslint'],
      ['eslint', 'floor', 'cli'],
      ['cli', 'eslint', 'floor'],
    ];
    for (let round = 0; round < ESLINT_RUNS; round++) {
      log(`ESLint baseline, round ${round + 1}/${ESLINT_RUNS}…`);
      for (const which of orders[round % orders.length]) {
        if (which === 'floor') eFloor.push(runFloor(full));
        else if (which === 'cli') eCli.push(runCli(full));
        else eslintRuns.push(runNode(eslintArgs(files, eslintOut)));
      }
    }
    const eslintReport = readEslintReport(eslintOut);
    const med = (runs: ChildRun[], pick: (r: ChildRun) => number): number => median(runs.map(pick));
    const wall = (r: ChildRun): number => r.wallMs;
    const cpu = (r: ChildRun): number => r.cpuMs;
    const rss = (r: ChildRun): number => r.rssKiB;
    const ratios = (runs: ChildRun[], base: ChildRun[]): string =>
      `${(med(runs, wall) / med(base, wall)).toFixed(2)}× wall, ${(med(runs, cpu) / med(base, cpu)).toFixed(2)}× CPU, ` +
      `${(med(runs, rss) / med(base, rss)).toFixed(2)}× RSS`;
    const eRow = (label: string, runs: ChildRun[]): string[] => [
      label,
      ms(med(runs, wall)),
      range(runs.map(wall), ms),
      ...rate(stats.files, stats.bytes, med(runs, wall)),
      ms(med(runs, cpu)),
      mib(med(runs, rss)),
      ratios(runs, eFloor),
      ratios(runs, eCli),
    ];
    // The rest are "Definition for rule … was not found": the corpus's disable directives name rules not loaded here.
    const enabled = Object.entries(eslintReport.byRule).filter(([rule]) => setup.rules.includes(rule));
    const directiveNoise = eslintReport.messages - enabled.reduce((sum, [, count]) => sum + count, 0);
    const byRule = [...enabled.sort((a, b) => b[1] - a[1]).map(([rule, count]) => `${rule} ${count}`), `other (directives naming rules not loaded) ${directiveNoise}`].join(', ');
    const speedup = med(eslintRuns, wall) / med(eCli, wall);
    const cpuSpeedup = med(eslintRuns, cpu) / med(eCli, cpu);
    sections.push(
      `### ESLint baseline on the same files (${ESLINT_RUNS} interleaved rounds, whole process each)\n\n` +
        `${setup.versions}; no type information (parserOptions.project off). Rules: ${setup.rules.join(', ')}. ` +
        `ESLint is given the ${files.length} files our walker keeps (node_modules un-ignored in its config); it reported on ` +
        `${eslintReport.files}${eslintReport.files === stats.files ? ' (same)' : ` (DIFFERENT from our ${stats.files})`}, ` +
        `${eslintReport.fatal} of them unparsable; its messages: ${eslintReport.messages} (${byRule}).\n\n` +
        table(
          ['measure', 'median', 'min – max', 'files/s', 'MB/s', 'CPU (user+sys)', 'peak RSS', 'ratio to floor', 'ratio to CLI'],
          [
            eRow('floor: parse+walk, whole process', eFloor),
            eRow('CLI `--format json`, whole process', eCli),
            eRow('ESLint 9 + typescript-eslint + sonarjs secrets, whole process', eslintRuns),
          ],
        ),
    );
    verdicts.push(
      `ESLint baseline / CLI: wall ${speedup.toFixed(2)}×, CPU ${cpuSpeedup.toFixed(2)}× — target ≥ 4× ` +
        `${Math.min(speedup, cpuSpeedup) >= 4 ? 'met' : Math.max(speedup, cpuSpeedup) >= 4 ? 'met by one measure only' : 'NOT met'}.`,
    );
  }

  // --- memory against corpus size ---------------------------------------------------------------------------
  const subsets: Subset[] = [];
  for (const [label, fraction] of [
    ['¼', 0.25],
    ['½', 0.5],
  ] as const) {
    log(`Memory, ${label} of the corpus…`);
    const folders = prefixHolding(fraction);
    const paths = corpusPaths(folders);
    subsets.push({ label, folders, stats: corpusStats(paths), floor: runFloor(paths), cli: runCli(paths), inproc: runInproc(paths) });
  }
  const medianRun = (runs: ChildRun[]): ChildRun => {
    const sorted = [...runs].sort((a, b) => a.rssKiB - b.rssKiB);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  };
  subsets.push({ label: 'full', folders: [...CORPUS_FOLDERS], stats, floor: medianRun(floorRuns), cli: medianRun(cliRuns), inproc: medianRun(inprocRuns) });
  sections.push(
    '### Peak memory against corpus size (subsets are prefixes of the folder list; full = median run above)\n\n' +
      table(
        ['subset', 'folders', 'files', 'size', 'largest file', 'floor peak RSS', 'CLI peak RSS', 'in-process scan: heap retained after GC'],
        subsets.map((s) => [
          s.label,
          `${s.folders.length}`,
          `${s.stats.files}`,
          mb(s.stats.bytes),
          mb(s.stats.largestBytes),
          mib(s.floor.rssKiB),
          mib(s.cli.rssKiB),
          s.inproc.summary
            ? `${((s.inproc.summary.retainedBytes ?? 0) / 1048576).toFixed(1)} MiB (${Math.round((s.inproc.summary.retainedBytes ?? 0) / s.stats.files)} B/file, ${s.inproc.summary.diagnostics} findings)`
            : 'n/a',
        ]),
      ),
  );

  // --- where the analysis time goes ------------------------------------------------------------------------
  log('Per-rule cost…');
  const cost = runNode([RULE_COST, String(RULE_COST_EVERY), ...full]).summary as unknown as RuleCostSummary;
  const base = cost.variants['no rules'];
  const walk = cost.variants['empty walk'];
  const share = (value: number): string => `${((100 * value) / cost.parseMs).toFixed(1)} %`;
  const ruleRows = Object.entries(cost.variants)
    .filter(([name]) => name.includes('/'))
    .map(([name, value]) => [name, value - base] as const)
    .sort((a, b) => b[1] - a[1]);
  sections.push(
    `### Where the analysis time goes (CPU time, every ${RULE_COST_EVERY}th corpus file: ${cost.files} files, ${mb(cost.bytes)}; ` +
      'each file parsed once, then the same tree analyzed per variant)\n\n' +
      table(
        ['part', 'CPU', 'relative to parse'],
        [
          ['parse (ts.createSourceFile)', ms(cost.parseMs), '100 %'],
          ['empty recursive forEachChild walk', ms(walk), share(walk)],
          ['analyze() with no rules: walk + dispatch + project facts + imports', ms(base), share(base)],
          ...ruleRows.map(([name, value]) => [`+ ${name} (alone, minus no-rules)`, ms(value), share(value)]),
          ['analyze() with all rules (tree given, no parse)', ms(cost.variants['all rules']), share(cost.variants['all rules'])],
        ],
      ),
  );

  // --- editor latency -----------------------------------------------------------------------------------------
  log('Language server, one-character edits…');
  const server: ServerBenchResult = await runServerBench(100, 20, 3000);
  const lat = server.latencyMs;
  const serverRow = (label: string, values: number[]): string[] => [label, ms(median(values)), ms(percentile(values, 90)), range(values, ms)];
  sections.push(
    `### Editor: one-character didChange → publishDiagnostics (${server.edits} edits after ${server.warmup} warm-up)\n\n` +
      `Generated Express service: ${server.lines} lines, ${mb(server.bytes)}, ${server.diagnostics} diagnostics; typing inside a ` +
      `string literal halfway down. The server coalesces edits with setImmediate only (no timed debounce), so each ` +
      `figure is the time the user waits. didOpen → first diagnostics: ${ms(server.openMs)}; server peak RSS ${mib(server.serverRssKiB)}.\n\n` +
      table(
        ['measure', 'median', 'p90', 'min – max'],
        [
          serverRow('server over stdio: didChange → publishDiagnostics', lat),
          serverRow('in-process: ts.updateSourceFile (incremental)', server.updateMs),
          serverRow('in-process: analyze() on the updated tree', server.analyzeMs),
          serverRow('in-process: full ts.createSourceFile', server.parseMs),
        ],
      ),
  );
  verdicts.push(`Per-keystroke latency median ${ms(median(lat))} (p90 ${ms(percentile(lat, 90))}) — target ≤ 20 ms ${median(lat) <= 20 ? 'met' : 'NOT met'}.`);

  // --- the background index -----------------------------------------------------------------------------------
  await indexSection(full, sections, verdicts);

  // --- report -------------------------------------------------------------------------------------------------
  const loadAfter = os.loadavg();
  const machine =
    `${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; ${os.cpus().length} CPUs (nproc), ${os.cpus()[0]?.model ?? 'unknown CPU'}; ` +
    `Node ${process.version}; ${os.platform()} ${os.release()}; load average ${loadBefore[0].toFixed(1)} at start, ${loadAfter[0].toFixed(1)} at end`;
  const body = [`Run: ${machine}.`, ...sections, '### Targets', verdicts.map((v) => `- ${v}`).join('\n')].join('\n\n');
  process.stdout.write(`\n${body}\n`);
  if (WRITE) {
    const target = path.join(REPO_ROOT, 'bench', 'RESULTS.md');
    // Hand-written analysis below the notes marker survives a re-run.
    const previous = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    const notesAt = previous.indexOf(NOTES_MARKER);
    const notes = notesAt === -1 ? '' : `\n${previous.slice(notesAt)}`;
    fs.writeFileSync(
      target,
      '# Benchmark results\n\n' +
        'Written by `node out/bench/bench.js --write` (after `npm run build`); `npm run bench` prints the same report. ' +
        'Figures are from one run on a shared machine: compare the ratios, not the absolute times.\n\n' +
        `${body}\n${notes}`,
    );
    log(`Wrote ${path.relative(REPO_ROOT, target)}`);
  }
  fs.rmSync(scratch, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  fs.rmSync(scratch, { recursive: true, force: true });
  process.exitCode = 1;
});
