// The CLI's scan: ScanSession (the walk, configs, projects and cross-file facts) with each file's analysis taken from
// the cache (`--cache`), done by worker threads (`--concurrency`), or done here; and progress on a terminal. Every mode
// yields the same findings (test/cli/modes.test.ts).
import path from 'node:path';
import { analyzeJob, ScanSession, type FileJob, type FileOutcome, type ScanOptions, type ScanResult, type ScannedFile } from '../project/scan';
import { readTextFile } from '../project/loader';
import { hash, type ResultCache } from './cache';

export interface RunScanOptions extends ScanOptions {
  cache?: ResultCache;
  /** Worker threads; 0 or 1 analyzes in this thread. */
  threads: number;
  /** Called after each file with the files done and the files found so far. */
  progress?: (done: number, total: number) => void;
}

interface Planned {
  job: FileJob;
  result: ScannedFile;
}

export async function runScan(paths: readonly string[], options: RunScanOptions): Promise<ScanResult> {
  const session = new ScanSession(paths, options);
  const planned: Planned[] = [...session.jobs()];
  const total = planned.length;
  let done = 0;
  const cache = options.cache;
  const packageJsons = new Map<string, string | undefined>();
  const packageJsonOf = (root: string) => () => {
    if (!packageJsons.has(root)) packageJsons.set(root, readTextFile(path.join(root, 'package.json')));
    return packageJsons.get(root);
  };
  const finished = (item: Planned, outcome: FileOutcome, key?: { h: string; c: string }) => {
    if (cache && key) cache.set(item.job.file, key.h, key.c, outcome);
    session.accept(item.job, item.result, outcome);
    options.progress?.(++done, total);
  };

  /** The cache's answer for a file, or what a miss needs: the text already read and the keys to store it under. */
  const lookUp = (item: Planned): { outcome?: FileOutcome; text?: string; key?: { h: string; c: string } } => {
    if (!cache) return {};
    const text = readTextFile(item.job.file);
    if (text === undefined) return { text };
    const key = { h: hash(text), c: cache.contextKey(item.job, packageJsonOf(item.job.projectRoot)) };
    const outcome = cache.get(item.job.file, key.h, key.c);
    return outcome ? { outcome } : { text, key };
  };

  if (options.threads <= 1) {
    for (const item of planned) {
      const { outcome, text, key } = lookUp(item);
      if (outcome) finished(item, outcome);
      else finished(item, analyzeJob(item.job, cache ? text : readTextFile(item.job.file), session.projectIndex(item.job.projectRoot), options.rules), key);
    }
    return session.finish();
  }

  const { WorkerPool, WORKER_BATCH } = require('./workers') as typeof import('./workers');
  const misses: Array<{ item: Planned; text?: string; key?: { h: string; c: string } }> = [];
  for (const item of planned) {
    const { outcome, text, key } = lookUp(item);
    if (outcome) finished(item, outcome);
    else misses.push({ item, text, key });
  }
  // The main thread analyzes too, whenever every worker has a batch running and one waiting: it starts at once, while
  // the workers load, and `--concurrency 2` on two cores is this thread and one worker.
  const workers = Math.min(options.threads - 1, Math.floor(misses.length / (2 * WORKER_BATCH)));
  const pool = workers > 0 ? new WorkerPool(workers) : undefined;
  try {
    const running: Array<Promise<void>> = [];
    for (let i = 0; i < misses.length; i += WORKER_BATCH) {
      const batch = misses.slice(i, i + WORKER_BATCH);
      const sent = pool?.trySend(batch.map(({ item, text }) => ({ job: item.job, ...(text !== undefined ? { text } : {}) })));
      if (sent) {
        const settled = sent.then((list) => list.forEach((outcome, j) => finished(batch[j].item, outcome, batch[j].key)));
        // Awaited below, after the loop; until then a failure must not count as unhandled.
        settled.catch(() => undefined);
        running.push(settled);
        continue;
      }
      for (const { item, text, key } of batch) {
        const job = item.job;
        finished(item, analyzeJob(job, text ?? readTextFile(job.file), session.projectIndex(job.projectRoot), options.rules), key);
      }
      // Let the workers' finished batches in, so that their queues refill.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await Promise.all(running);
  } finally {
    await pool?.close();
  }
  return session.finish();
}
