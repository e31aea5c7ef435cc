// The analyzer's scan in-process, without process start-up or report formatting: separates throughput from
// start-up, and measures what the scan retains. Run with --expose-gc. Usage: node --expose-gc out/bench/inproc.js <folder>...
import fs from 'node:fs';
import path from 'node:path';
import { scan } from '../server/src/project/scan';

const gc = (globalThis as { gc?: () => void }).gc;
const heapAfterGc = (): number => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

const loadedAt = performance.now();
const heapBefore = heapAfterGc();
const started = performance.now();
const result = scan(process.argv.slice(2).map((p) => path.resolve(p)));
const loopMs = performance.now() - started;
const heapAfter = heapAfterGc();
let diagnostics = 0;
for (const file of result.files) diagnostics += file.diagnostics.length;
const summary = {
  files: result.filesScanned,
  skipped: result.filesSkipped,
  diagnostics,
  loadMs: loadedAt,
  loopMs,
  heapBefore,
  heapAfter,
  // What outlives the scan while its result is still held (the CLI holds it to format the report).
  retainedBytes: heapAfter - heapBefore,
};
if (process.env.BENCH_SUMMARY_FILE) fs.writeFileSync(process.env.BENCH_SUMMARY_FILE, JSON.stringify(summary));
else process.stdout.write(`${JSON.stringify(summary)}\n`);
