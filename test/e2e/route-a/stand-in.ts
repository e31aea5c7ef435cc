// Route A of E2E.md: a stand-in for the VS Code executable that `@vscode/test-electron`'s runTests() launches. It
// starts VS Code's own server from inside code-server (the `code-server` command rejects --enable-smoke-test-driver,
// which the test payload needs), opens the workbench in Chromium with extensionDevelopmentPath/extensionTestsPath in
// the payload, relays the suite's output, and exits with the suite's result. Launched through ./code-stand-in.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { format } from 'node:util';
import { CHROMIUM, CHROMIUM_ARGS, CODE_SERVER_DIR, NODE24_DIR, stopProcessGroup } from '../harness';

/**
 * The workbench's start-up chatter and its complaints about having no network (gallery, sign-in, chat; E2E.md
 * "Harmless noise"). TWELVE_FACTOR_E2E_VERBOSE=1 shows them.
 */
const NOISE = new RegExp(
  [
    /extensionquery|gallery|ENOTFOUND|authentication provider|\[AgentHost|\[AccountPolicyGate\]|\[ChatModelSelection\]/,
    /connection token|Creating a socket|reconnection-grace-time|Creation of workbench contribution/,
    /builtin extensions cache|\[Service Worker\]|^\s+at /,
  ]
    .map((r) => r.source)
    .join('|'),
);
const verbose = Boolean(process.env.TWELVE_FACTOR_E2E_VERBOSE);

interface Options {
  extensionDevelopmentPaths: string[];
  extensionTestsPath: string;
  userDataDir: string;
  extensionsDir: string;
  folder?: string;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string): string | undefined =>
    argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const extensionTestsPath = value('extensionTestsPath');
  const userDataDir = value('user-data-dir');
  const extensionsDir = value('extensions-dir');
  if (!extensionTestsPath || !userDataDir || !extensionsDir) {
    throw new Error(`stand-in needs --extensionTestsPath=, --user-data-dir= and --extensions-dir=; got ${argv.join(' ')}`);
  }
  return {
    extensionDevelopmentPaths: argv
      .filter((arg) => arg.startsWith('--extensionDevelopmentPath='))
      .map((arg) => arg.slice('--extensionDevelopmentPath='.length)),
    extensionTestsPath,
    userDataDir,
    extensionsDir,
    folder: argv.find((arg) => !arg.startsWith('-')),
  };
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const serverData = `${options.userDataDir}-server`;
  for (const dir of [options.userDataDir, options.extensionsDir, serverData]) fs.mkdirSync(dir, { recursive: true });
  const node = path.join(NODE24_DIR, 'bin', 'node');
  // detached: its own process group, so one kill also stops the extension host, tsserver and the file watcher.
  // Our environment (TMPDIR, XDG_*, extensionTestsEnv) passes on to the extension host.
  const env = { ...process.env, PATH: `${path.join(NODE24_DIR, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` };
  const server = spawn(
    node,
    [
      path.join(CODE_SERVER_DIR, 'lib', 'vscode', 'out', 'server-main.js'),
      ...['--host', '127.0.0.1', '--port', '0', '--without-connection-token', '--accept-server-license-terms'],
      '--enable-smoke-test-driver',
      ...['--user-data-dir', options.userDataDir, '--server-data-dir', serverData, '--extensions-dir', options.extensionsDir],
      ...['--disable-telemetry', '--skip-welcome', '--disable-workspace-trust'],
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stopServer = (): void => {
    try {
      if (server.pid !== undefined) process.kill(-server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', stopServer);
  // Ctrl+C, runTests' own SIGINT, or the runner gone (we would be re-parented): stop the server group via 'exit'
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(130);
  }, 1_000).unref();
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    const port = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`VS Code server did not start within 60 s\n${output}`)), 60_000);
      timer.unref(); // an open timer would keep runTests waiting after we are done
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = /Extension host agent listening on (\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      server.stdout?.on('data', onData);
      server.stderr?.on('data', onData);
      server.once('exit', (code) => reject(new Error(`VS Code server exited with ${code}\n${output}`)));
    });
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
    const payload = [
      ...options.extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(options.extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, env, timeout: 30_000 });
    const page = await browser.newPage();
    let settle: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = format(...args);
      if (!verbose && NOISE.test(line)) return;
      (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    const folder = options.folder ? `folder=${encodeURIComponent(path.resolve(options.folder))}&` : '';
    await page.goto(`http://127.0.0.1:${port}/?${folder}payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const deadline = new Promise<number>((resolve) => {
      setTimeout(() => {
        console.error('stand-in: the suite did not report a result within 180 s');
        resolve(1);
      }, 180_000).unref();
    });
    return await Promise.race([exitCode, deadline]);
  } finally {
    await browser?.close().catch(() => undefined);
    await stopProcessGroup(server);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
