// The language server's background index in-process, as `npm run bench` measures it: one Workspace indexes the given
// folders, either keeping facts only (the index before issue 11: `twelveFactor.enable` false runs no rule, exactly the
// old `analyze({ rules: [] })` per file) or facts and findings (now). Reports the indexing loop's wall and CPU time, the
// heap the index retains after GC, the findings stored and the cost of one `twelveFactor/report` over them.
// Usage: node --expose-gc out/bench/index-cost.js facts|findings <folder>...
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../server/src/lsp/settings';
import { workspaceReport } from '../server/src/lsp/workspace-report';
import { Workspace } from '../server/src/lsp/workspace';

const gc = (globalThis as { gc?: () => void }).gc;
const heapAfterGc = (): number => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

async function main(): Promise<void> {
  const [mode, ...folders] = process.argv.slice(2);
  if (mode !== 'facts' && mode !== 'findings') throw new Error('usage: index-cost facts|findings <folder>...');
  const settings = { ...DEFAULT_SETTINGS, enable: mode === 'findings' };
  const workspace = new Workspace({
    factsChanged: () => undefined,
    projectChanged: () => undefined,
    log: () => undefined,
    settingsFor: async () => settings,
  });
  workspace.setFolders(folders.map((folder) => path.resolve(folder)));
  const heapBefore = heapAfterGc();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  workspace.reindex();
  await workspace.indexed;
  const loopMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const heapAfter = heapAfterGc();
  let findings = 0;
  for (const [, indexed] of workspace.findings.entries()) findings += indexed.findings.length;
  const files = workspace.allProjects().reduce((sum, project) => sum + project.fileCount, 0);
  // The view asks for counts only (maxFindingsPerFile 0) and loads a file's findings when it is expanded.
  const reportStarted = performance.now();
  const report = workspaceReport({ workspace, open: [], configProblems: [] }, 0);
  const reportMs = performance.now() - reportStarted;
  const reportBytes = Buffer.byteLength(JSON.stringify(report));
  const fullReportBytes = Buffer.byteLength(JSON.stringify(workspaceReport({ workspace, open: [], configProblems: [] }, 100)));
  // The findings' own share: what the heap gives back once the findings index is emptied.
  const heapWithFindings = heapAfterGc();
  workspace.findings.clear();
  const findingsBytes = heapWithFindings - heapAfterGc();
  const summary = {
    mode,
    files,
    findings,
    loopMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    // What the index holds while the server runs: the projects' facts, and (now) every file's findings.
    retainedBytes: heapAfter - heapBefore,
    findingsBytes,
    reportMs,
    reportBytes,
    fullReportBytes,
    projects: report.projects.length,
  };
  // Keep the workspace reachable until the heap was measured.
  if (workspace.findings.size < 0) console.log(workspace);
  if (process.env.BENCH_SUMMARY_FILE) fs.writeFileSync(process.env.BENCH_SUMMARY_FILE, JSON.stringify(summary));
  else process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
