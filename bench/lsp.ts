// Editor latency: one-character edits sent to the bundled language server over stdio, each timed from the moment
// the didChange is written to the moment the publishDiagnostics for that version arrives (what the user waits
// for, less the editor's own rendering). Next to it, in the same run, the in-process floors on the same file and
// the same edits, interleaved with the server's: ts.updateSourceFile (the incremental re-parse the server does), a
// full ts.createSourceFile (every 5th edit), and analyze() on the updated tree (all rules, no LSP; fixes off, as the
// server's publish path runs it: fixes are computed for code actions only).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { analyze } from '../server/src/analyzer/analyze';
import { REPO_ROOT } from './corpus';
import { generateService } from './service-gen';

const TYPED = 'abcdefghijklmnopqrstuvwxyz';
const DEADLINE_MS = 30_000;

export interface ServerBenchResult {
  lines: number;
  bytes: number;
  edits: number;
  warmup: number;
  /** Diagnostics published for the file when opened. */
  diagnostics: number;
  /** didOpen → first publishDiagnostics (full parse + analysis + background index start). */
  openMs: number;
  /** didChange → publishDiagnostics of that version, per measured edit. */
  latencyMs: number[];
  /** In-process, same edits: incremental re-parse only. */
  updateMs: number[];
  /** In-process, same edits: analyze() on the incrementally updated tree. */
  analyzeMs: number[];
  /** In-process: full parse of the file. */
  parseMs: number[];
  serverRssKiB?: number;
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

export async function runServerBench(edits = 100, warmup = 20, minLines = 3000): Promise<ServerBenchResult> {
  const service = generateService(minLines);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), '12f-bench-lsp-'));
  const file = path.join(dir, 'src', 'server.ts');
  fs.mkdirSync(path.dirname(file));
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'bench-service', version: '1.0.0', dependencies: { express: '^4.19.2', pg: '^8.11.0' } }),
  );
  fs.writeFileSync(file, service.text);
  const uri = pathToFileURL(file).href;
  const rssFile = path.join(dir, 'rss.json');

  const child = spawn(process.execPath, ['--require', path.join(__dirname, 'rss-hook.js'), path.join(REPO_ROOT, 'server/out/server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map<number, (count: number) => void>();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri !== uri || params.version === undefined) return;
    const resolve = waiting.get(params.version);
    if (resolve) {
      waiting.delete(params.version);
      resolve(params.diagnostics.length);
    }
  });
  connection.onRequest(ShowMessageRequest.type, () => null);
  connection.listen();
  const published = (version: number): Promise<number> =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version} within ${DEADLINE_MS} ms\n${stderr}`)), DEADLINE_MS);
      waiting.set(version, (count) => {
        clearTimeout(timer);
        resolve(count);
      });
    });

  const result: ServerBenchResult = {
    lines: service.lines,
    bytes: Buffer.byteLength(service.text),
    edits,
    warmup,
    diagnostics: 0,
    openMs: 0,
    latencyMs: [],
    updateMs: [],
    analyzeMs: [],
    parseMs: [],
  };
  try {
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench-service' }],
      capabilities: {},
    });
    await connection.sendNotification(InitializedNotification.type, {});

    let text = service.text;
    let version = 1;
    const opened = published(version);
    let t0 = performance.now();
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'typescript', version, text },
    });
    result.diagnostics = await opened;
    result.openMs = performance.now() - t0;

    // The in-process floors run interleaved with the server's edits (same edit, right after its diagnostics
    // arrive), so both see the same load on a shared machine.
    let tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    analyze({ fileName: file, text, sourceFile: tree, fixes: false });
    for (let i = 0; i < warmup + edits; i++) {
      const offset = service.typingOffset + i;
      const position = positionAt(text, offset);
      const char = TYPED[i % TYPED.length];
      text = text.slice(0, offset) + char + text.slice(offset);
      version++;
      const done = published(version);
      t0 = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: position, end: position }, text: char }],
      });
      await done;
      const t1 = performance.now();
      tree = ts.updateSourceFile(tree, text, { span: { start: offset, length: 0 }, newLength: 1 });
      const t2 = performance.now();
      analyze({ fileName: file, text, sourceFile: tree, fixes: false });
      const t3 = performance.now();
      if (i % 5 === 0) ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const t4 = performance.now();
      if (i >= warmup) {
        result.latencyMs.push(t1 - t0);
        result.updateMs.push(t2 - t1);
        result.analyzeMs.push(t3 - t2);
        if (i % 5 === 0) result.parseMs.push(t4 - t3);
      }
    }
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
    // The server was killed before it could write its figures.
  }

  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}
