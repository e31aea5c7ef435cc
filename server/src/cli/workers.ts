// `--concurrency N`: N threads analyze — the main thread and N - 1 workers, which share nothing with it but messages: jobs in
// (file, project root, path prefix, a config id, the text when the main thread already read it for the cache), outcomes
// out. Each worker reads package.json files itself; cross-file facts are settled by the main thread (ScanSession), so
// they are the same as in a single-threaded scan. The worker script is this same file: the bundle (server/out/cli.js)
// or the compiled module, started with `workerData.twelveFactorWorker`.
import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type AnalyzerConfig, type ProjectIndex } from '../analyzer';
import type { FileJob, FileOutcome } from '../project/scan';

/** Files per message: enough to amortize the message cost, few enough to keep both threads busy to the end. */
const BATCH = 8;

export interface WorkerJob {
  file: string;
  projectRoot: string;
  pathPrefix: string;
  config: number;
  text?: string;
}

type ToWorker = { kind: 'config'; id: number; config: AnalyzerConfig } | { kind: 'jobs'; batch: number; jobs: WorkerJob[] };
type FromWorker = { kind: 'done'; batch: number; outcomes: FileOutcome[] } | { kind: 'failed'; batch: number; message: string };

/**
 * Threads that analyze, the main thread included: `auto` is one per two available cores (as ESLint's), at least one.
 * A single analysis thread already keeps about 1.5 cores busy: V8 marks, sweeps and compiles on helper threads, and
 * parsing allocates enough that they run most of the time. On two cores a second analysis thread only competes with
 * them (bench: wall 6.4 s with two threads against 5.9 s with one, CPU 11.3 s against 8.5 s), so `auto` adds a
 * worker from four cores up; an explicit number is taken as given.
 */
export function threadCount(concurrency: 'auto' | number, cores = availableCores()): number {
  return concurrency === 'auto' ? Math.max(1, Math.floor(cores / 2)) : concurrency;
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Batches a worker may have queued: one running and one waiting, so that it never waits on the main thread. */
const DEPTH = 2;

/**
 * A pool of analysis threads. `trySend` hands a batch to a worker with room in its queue (undefined when all are
 * full: the caller then analyzes a batch itself); the promise it returns resolves with the outcomes, in job order.
 */
export class WorkerPool {
  private readonly workers: Array<{ worker: Worker; inFlight: number; configs: Set<number> }> = [];
  private readonly pending = new Map<number, { resolve: (o: FileOutcome[]) => void; reject: (e: Error) => void }>();
  private readonly configIds = new Map<AnalyzerConfig, number>();
  private nextBatch = 0;
  private failure: Error | undefined;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(__filename, { workerData: { twelveFactorWorker: true } });
      const slot = { worker, inFlight: 0, configs: new Set<number>() };
      worker.on('message', (message: FromWorker) => {
        slot.inFlight--;
        const entry = this.pending.get(message.batch);
        this.pending.delete(message.batch);
        if (!entry) return;
        if (message.kind === 'done') entry.resolve(message.outcomes);
        else entry.reject(new Error(message.message));
      });
      worker.on('error', (error) => {
        this.failure = error;
        for (const entry of this.pending.values()) entry.reject(error);
        this.pending.clear();
      });
      this.workers.push(slot);
    }
  }

  /** Sends the jobs to the least busy worker with room, or returns undefined when every queue is full. */
  trySend(jobs: ReadonlyArray<{ job: FileJob; text?: string }>): Promise<FileOutcome[]> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.workers.filter((w) => w.inFlight < DEPTH).sort((a, b) => a.inFlight - b.inFlight)[0];
    if (!slot) return undefined;
    const message: WorkerJob[] = jobs.map(({ job, text }) => {
      let id = this.configIds.get(job.config);
      if (id === undefined) this.configIds.set(job.config, (id = this.configIds.size));
      if (!slot.configs.has(id)) {
        slot.configs.add(id);
        slot.worker.postMessage({ kind: 'config', id, config: job.config } satisfies ToWorker);
      }
      return { file: job.file, projectRoot: job.projectRoot, pathPrefix: job.pathPrefix, config: id, ...(text !== undefined ? { text } : {}) };
    });
    const batch = this.nextBatch++;
    slot.inFlight++;
    return new Promise<FileOutcome[]>((resolve, reject) => {
      this.pending.set(batch, { resolve, reject });
      slot.worker.postMessage({ kind: 'jobs', batch, jobs: message } satisfies ToWorker);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}

export const WORKER_BATCH = BATCH;

/** The worker's side: analyze each job as the single-threaded scan would (`analyzeJob`). */
function runWorker(): void {
  // Loaded here, not at the top: the main thread needs none of the analyzer to start the pool.
  const { analyzeJob, projectIndexAt, readJobFile } = require('../project/scan') as typeof import('../project/scan');
  const configs = new Map<number, AnalyzerConfig>();
  const projects = new Map<string, ProjectIndex>();
  parentPort!.on('message', (message: ToWorker) => {
    if (message.kind === 'config') {
      configs.set(message.id, message.config);
      return;
    }
    try {
      const outcomes = message.jobs.map((job) => {
        const key = `${job.projectRoot}\u0000${job.pathPrefix}`;
        let project = projects.get(key);
        if (!project) projects.set(key, (project = projectIndexAt(job.projectRoot, job.pathPrefix)));
        const config = configs.get(job.config)!;
        const fileJob: FileJob = { file: job.file, projectRoot: job.projectRoot, pathPrefix: job.pathPrefix, config };
        return analyzeJob(fileJob, job.text !== undefined ? { text: job.text } : readJobFile(fileJob), project);
      });
      parentPort!.postMessage({ kind: 'done', batch: message.batch, outcomes } satisfies FromWorker);
    } catch (error) {
      parentPort!.postMessage({ kind: 'failed', batch: message.batch, message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FromWorker);
    }
  });
}

if (!isMainThread && (workerData as { twelveFactorWorker?: boolean } | null)?.twelveFactorWorker) runWorker();
