// `--concurrency`: worker threads that analyze files and share nothing with the main thread but messages — jobs in
// (file, project root, path prefix, a config id, the text when the main thread already read it for the cache), outcomes
// out. Each worker reads package.json files itself; cross-file facts are settled by the main thread (ScanSession), so
// they are the same as in a single-threaded scan. The worker script is this same file: the bundle (server/out/cli.js)
// or the compiled module, started with `workerData.twelveFactorWorker`.
import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { AnalyzerConfig } from '../analyzer/config';
import type { ProjectIndex } from '../analyzer/project';
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

export function threadCount(concurrency: 'auto' | number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return concurrency === 'auto' ? Math.max(1, cores) : concurrency;
}

/** A pool of analysis threads. `analyze` resolves with the outcomes of a batch, in the order of its jobs. */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<(worker: Worker) => void> = [];
  private readonly pending = new Map<number, { resolve: (o: FileOutcome[]) => void; reject: (e: Error) => void }>();
  private readonly configIds = new Map<AnalyzerConfig, number>();
  private readonly configsSent = new Map<Worker, Set<number>>();
  private nextBatch = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(__filename, { workerData: { twelveFactorWorker: true } });
      worker.on('message', (message: FromWorker) => {
        const entry = this.pending.get(message.batch);
        this.pending.delete(message.batch);
        this.release(worker);
        if (!entry) return;
        if (message.kind === 'done') entry.resolve(message.outcomes);
        else entry.reject(new Error(message.message));
      });
      worker.on('error', (error) => {
        for (const entry of this.pending.values()) entry.reject(error);
        this.pending.clear();
      });
      this.workers.push(worker);
      this.configsSent.set(worker, new Set());
      this.idle.push(worker);
    }
  }

  /** Resolves once a worker is free and has the jobs; `done` then resolves with their outcomes, in order. */
  async analyze(jobs: ReadonlyArray<{ job: FileJob; text?: string }>): Promise<{ done: Promise<FileOutcome[]> }> {
    const worker = await this.acquire();
    const sent = this.configsSent.get(worker)!;
    const message: WorkerJob[] = jobs.map(({ job, text }) => {
      let id = this.configIds.get(job.config);
      if (id === undefined) this.configIds.set(job.config, (id = this.configIds.size));
      if (!sent.has(id)) {
        sent.add(id);
        worker.postMessage({ kind: 'config', id, config: job.config } satisfies ToWorker);
      }
      return { file: job.file, projectRoot: job.projectRoot, pathPrefix: job.pathPrefix, config: id, ...(text !== undefined ? { text } : {}) };
    });
    const batch = this.nextBatch++;
    const done = new Promise<FileOutcome[]>((resolve, reject) => {
      this.pending.set(batch, { resolve, reject });
      worker.postMessage({ kind: 'jobs', batch, jobs: message } satisfies ToWorker);
    });
    return { done };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private acquire(): Promise<Worker> {
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }
}

export const WORKER_BATCH = BATCH;

/** The worker's side: analyze each job as the single-threaded scan would (`analyzeJob`). */
function runWorker(): void {
  // Loaded here, not at the top: the main thread needs none of the analyzer to start the pool.
  const { analyzeJob, projectIndexAt } = require('../project/scan') as typeof import('../project/scan');
  const { readTextFile } = require('../project/loader') as typeof import('../project/loader');
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
        return analyzeJob(fileJob, job.text ?? readTextFile(job.file), project);
      });
      parentPort!.postMessage({ kind: 'done', batch: message.batch, outcomes } satisfies FromWorker);
    } catch (error) {
      parentPort!.postMessage({ kind: 'failed', batch: message.batch, message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FromWorker);
    }
  });
}

if (!isMainThread && (workerData as { twelveFactorWorker?: boolean } | null)?.twelveFactorWorker) runWorker();
