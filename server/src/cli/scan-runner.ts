// The CLI's scan: ScanSession (the walk, configs, projects and cross-file facts) with each file's analysis taken from
// the cache (`--cache`), done by worker threads (`--concurrency`), or done here; and progress on a terminal. Every mode
// yields the same findings (test/cli/modes.test.ts).
import path from 'node:path';
import { analyzeJob, readJobFile, ScanSession, type FileJob, type FileOutcome, type ScanOptions, type ScanResult, type ScannedFile } from '../project/scan';
import { readTextFile } from '../project/loader';
import { hash, surroundingsOf, type ResultCache } from './cache';
import { languageOf } from '../analyzer';

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
  let found = 0;
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
    options.progress?.(++done, found);
  };
  const analyzeHere = (item: Planned, text: string | undefined, key?: { h: string; c: string }) => {
    const job = item.job;
    finished(item, analyzeJob(job, text !== undefined ? { text } : readJobFile(job), session.projectIndex(job.projectRoot), options.rules), key);
  };

  /** The cache's answer for a file, or what a miss needs: the text already read and the keys to store it under. */
  const lookUp = (item: Planned): { outcome?: FileOutcome; text?: string; key?: { h: string; c: string } } => {
    if (!cache || languageOf(item.job.file)?.id === 'dotenv') return {};
    // Read as the analysis reads it (a regular file, never blocking); what cannot be read is not cached.
    const read = readJobFile(item.job);
    if (read.text === undefined) return {};
    const root = item.job.projectRoot;
    const key = { h: hash(read.text), c: cache.contextKey(item.job, packageJsonOf(root), () => surroundingsOf(session.projectIndex(root))) };
    const outcome = cache.get(item.job.file, key.h, key.c);
    return outcome ? { outcome } : { text: read.text, key };
  };

  // Workers run the registered rules; a scan with its own rule list (tests, tools) stays in this thread.
  if (options.threads <= 1 || options.rules !== undefined) {
    for (const item of session.jobs()) {
      found++;
      const { outcome, text, key } = lookUp(item);
      if (outcome) finished(item, outcome);
      else analyzeHere(item, text, key);
    }
    return session.finish();
  }

  // Threads: files are handed out in batches as the walk finds them. The pool starts once there are two batches to
  // analyze (a small or fully cached scan never pays for a worker), and the main thread analyzes a batch itself
  // whenever every worker has one running and one waiting: it works from the start, while the workers load.
  const { WorkerPool, WORKER_BATCH } = require('./workers') as typeof import('./workers');
  type Miss = { item: Planned; text?: string; key?: { h: string; c: string } };
  let pool: InstanceType<typeof WorkerPool> | undefined;
  let batches = 0;
  const running: Array<Promise<void>> = [];
  const dispatch = async (batch: Miss[]): Promise<void> => {
    if (!pool && ++batches >= 2) pool = new WorkerPool(options.threads - 1);
    const sent = pool?.trySend(batch.map(({ item, text }) => ({ job: item.job, ...(text !== undefined ? { text } : {}) })));
    if (sent) {
      const settled = sent.then((list) => list.forEach((outcome, j) => finished(batch[j].item, outcome, batch[j].key)));
      // Awaited after the walk; until then a failure must not count as unhandled.
      settled.catch(() => undefined);
      running.push(settled);
      return;
    }
    for (const { item, text, key } of batch) analyzeHere(item, text, key);
    // Let the workers' finished batches in, so that their queues refill.
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  try {
    let batch: Miss[] = [];
    for (const item of session.jobs()) {
      found++;
      const { outcome, text, key } = lookUp(item);
      if (outcome) {
        finished(item, outcome);
        continue;
      }
      batch.push({ item, text, key });
      if (batch.length === WORKER_BATCH) {
        await dispatch(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await dispatch(batch);
    await Promise.all(running);
  } finally {
    await pool?.close();
  }
  return session.finish();
}
