// The background index seen from the editor: the bundled server over stdio indexes a workspace while a file of it is
// being typed in. Measures initialized → the "Indexed N files" log, the server's peak RSS, and each keystroke's
// didChange → publishDiagnostics latency while the index runs and after it. The index's mode comes from the settings
// the server asks for: for the workspace folder `enable` is true (findings kept, now) or false (facts only, as before
// issue 11); the typed document is always analyzed, so both modes type into the same work.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from './corpus';

const DEADLINE_MS = 120_000;

export interface IndexTypingResult {
  mode: 'facts' | 'findings';
  /** initialized → "Indexed N files" logged. */
  indexMs: number;
  files: number;
  duringMs: number[];
  afterMs: number[];
  serverRssKiB?: number;
}

export async function runIndexTypingBench(
  workspace: string,
  typed: string,
  typingOffset: number,
  mode: 'facts' | 'findings',
  scratch: string,
  afterEdits = 20,
  maxEdits = 400,
  serverJs = path.join(REPO_ROOT, 'server/out/server.js'),
): Promise<IndexTypingResult> {
  const rssFile = path.join(scratch, `rss-index-${mode}.json`);
  fs.rmSync(rssFile, { force: true });
  const child = spawn(process.execPath, ['--require', path.join(__dirname, 'rss-hook.js'), serverJs, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const folderUri = pathToFileURL(workspace).href;
  const uri = pathToFileURL(typed).href;
  connection.onRequest(ConfigurationRequest.type, (params) =>
    params.items.map((item) => ({ enable: item.scopeUri === folderUri ? mode === 'findings' : true, run: 'onType', rules: {} })),
  );
  connection.onRequest(ShowMessageRequest.type, () => null);
  let indexedAt: number | undefined;
  let files = 0;
  connection.onNotification(LogMessageNotification.type, ({ message }) => {
    const match = /^Indexed (\d+) files/.exec(message);
    if (match && indexedAt === undefined) {
      indexedAt = performance.now();
      files = Number(match[1]);
    }
  });
  const waiting = new Map<number, () => void>();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri !== uri || params.version === undefined) return;
    waiting.get(params.version)?.();
    waiting.delete(params.version);
  });
  connection.listen();
  const published = (version: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version}\n${stderr}`)), DEADLINE_MS);
      waiting.set(version, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  const result: IndexTypingResult = { mode, indexMs: Number.NaN, files: 0, duringMs: [], afterMs: [] };
  try {
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: 'bench-workspace' }],
      capabilities: { workspace: { configuration: true } },
    });
    const started = performance.now();
    await connection.sendNotification(InitializedNotification.type, {});
    let text = fs.readFileSync(typed, 'utf8');
    let version = 1;
    const opened = published(version);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version, text } });
    await opened;
    let after = 0;
    for (let i = 0; i < maxEdits && after < afterEdits; i++) {
      const offset = typingOffset + i;
      const before = text.slice(0, offset);
      const line = before.split('\n').length - 1;
      const character = offset - (before.lastIndexOf('\n') + 1);
      text = `${before}x${text.slice(offset)}`;
      version++;
      const done = published(version);
      const indexing = indexedAt === undefined;
      const t0 = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }],
      });
      await done;
      const elapsed = performance.now() - t0;
      if (indexing && indexedAt === undefined) result.duringMs.push(elapsed);
      else if (!indexing) {
        result.afterMs.push(elapsed);
        after++;
      }
    }
    // The index may outlast the edits: wait for its log line.
    const deadline = Date.now() + DEADLINE_MS;
    while (indexedAt === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    result.indexMs = (indexedAt ?? Number.NaN) - started;
    result.files = files;
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  } finally {
    const timer = setTimeout(() => child.kill(), 5000);
    await exited;
    clearTimeout(timer);
    connection.dispose();
  }
  try {
    result.serverRssKiB = (JSON.parse(fs.readFileSync(rssFile, 'utf8')) as { maxRssKiB: number }).maxRssKiB;
  } catch {
    // killed before it wrote its figures
  }
  return result;
}
