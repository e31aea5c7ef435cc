// Drives the bundled language server (server/out/server.js --stdio) over JSON-RPC, as an editor would.
// Every wait has a deadline and a condition; nothing sleeps for a fixed time.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVER = path.join(ROOT, 'server/out/server.js');
const FIXTURE = path.join(ROOT, 'test/fixtures/lsp/workspace');
const DEADLINE_MS = 10_000;

/** A minimal editor: keeps the last diagnostics per URI and lets a test wait for a condition on them. */
class TestClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly publishCount = new Map<string, number>();
  readonly logs: string[] = [];
  readonly warnings: string[] = [];
  readonly registrations: Registration[] = [];
  readonly protocolErrors: string[] = [];
  private readonly waiters = new Set<() => void>();
  private versions = new Map<string, number>();
  stderr = '';

  constructor(readonly child: ChildProcess, settings: Record<string, unknown>) {
    this.connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection.onError(([error]) => this.protocolErrors.push(String(error)));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      this.publishCount.set(params.uri, (this.publishCount.get(params.uri) ?? 0) + 1);
      this.notify();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
      this.notify();
    });
    this.connection.onNotification(ShowMessageNotification.type, (params) => {
      this.warnings.push(params.message);
      this.notify();
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => settings));
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.notify();
    });
    this.connection.onRequest(ShowMessageRequest.type, (params) => {
      this.warnings.push(params.message);
      this.notify();
      return null;
    });
    this.connection.listen();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves when `condition` holds (checked now and after every message), or fails after the deadline. */
  waitFor<T>(what: string, condition: () => T | undefined | false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        let value: T | undefined | false;
        try {
          value = condition();
        } catch (error) {
          cleanup();
          reject(error as Error);
          return;
        }
        if (value !== undefined && value !== false) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out waiting for ${what}. Server stderr:\n${this.stderr}\nLogs:\n${this.logs.join('\n')}`));
      }, DEADLINE_MS);
      const onExit = (): void => {
        cleanup();
        reject(new Error(`Server exited while waiting for ${what}:\n${this.stderr}`));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        this.child.off('exit', onExit);
      };
      this.waiters.add(check);
      this.child.once('exit', onExit);
      check();
    });
  }

  /** Waits for a publish for `uri` newer than `after` (a publish count) whose diagnostics satisfy `condition`. */
  diagnosticsFor(uri: string, what: string, condition: (diagnostics: Diagnostic[]) => boolean, after = 0): Promise<Diagnostic[]> {
    return this.waitFor(what, () => {
      const params = this.diagnostics.get(uri);
      if (!params || (this.publishCount.get(uri) ?? 0) <= after) return undefined;
      return condition(params.diagnostics) ? params.diagnostics : undefined;
    });
  }

  count(uri: string): number {
    return this.publishCount.get(uri) ?? 0;
  }

  open(uri: string, text: string, languageId = 'typescript'): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  change(uri: string, contentChanges: TextDocumentContentChangeEvent[]): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  close(uri: string): void {
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }
}

const rules = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => String(d.code)).sort();
const has = (rule: string) => (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === rule);
const lacks = (rule: string) => (diagnostics: Diagnostic[]) => !diagnostics.some((d) => d.code === rule);

describe('language server (bundled, --stdio)', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: TestClient;
  const uriOf = (relative: string): string => pathToFileURL(path.join(workspace, relative)).href;

  before(async () => {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run npm run build (npm test does)`);
    workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-lsp-')));
    fs.cpSync(FIXTURE, workspace, { recursive: true });
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    client = new TestClient(child, { enable: true, run: 'onType', rules: {}, includeTestsAndScripts: false });
    const result = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'workspace' }],
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    assert.equal(result.capabilities.textDocumentSync && typeof result.capabilities.textDocumentSync === 'object'
      ? result.capabilities.textDocumentSync.change
      : undefined, 2, 'incremental sync');
    void client.connection.sendNotification(InitializedNotification.type, {});
    // The background index of the workspace finishes (its log line), so facts on disk are known.
    await client.waitFor('the background index', () => client.logs.some((line) => /^Indexed \d+ files/.test(line)));
  });

  after(async () => {
    if (!client) return;
    if (client.child.exitCode === null) {
      const exited = new Promise((resolve) => client.child.once('exit', resolve));
      await client.connection.sendRequest(ShutdownRequest.type);
      void client.connection.sendNotification(ExitNotification.type);
      await exited;
    }
    client.connection.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('registers file watchers for sources, package.json and .twelvefactorrc.json', async () => {
    const registration = await client.waitFor('watcher registration', () =>
      client.registrations.find((r) => r.method === DidChangeWatchedFilesNotification.method),
    );
    const globs = (registration.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map((w) => w.globPattern);
    assert.deepEqual(globs, ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', '**/package.json', '**/.twelvefactorrc.json']);
  });

  it('publishes port, SIGTERM and console findings when an Express file opens', async () => {
    const uri = uriOf('service-a/src/server.ts');
    client.open(uri, fs.readFileSync(path.join(workspace, 'service-a/src/server.ts'), 'utf8'));
    const diagnostics = await client.diagnosticsFor(uri, 'diagnostics of server.ts', (d) => d.length > 0);
    assert.deepEqual(rules(diagnostics), ['disposability/handle-sigterm', 'logs/no-console', 'port-binding/no-hardcoded-port']);
    const sigterm = diagnostics.find((d) => d.code === 'disposability/handle-sigterm')!;
    assert.deepEqual(sigterm.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 10 } });
    assert.equal(sigterm.source, 'twelve-factor');
    assert.equal(sigterm.severity, 2);
    assert.match(sigterm.codeDescription!.href, /\/docs\/rules\/disposability\/handle-sigterm\.md$/);
    // The data matches a diagnostic to a fresh finding for code actions; fixes are not shipped with it.
    assert.deepEqual(sigterm.data, { ruleId: 'disposability/handle-sigterm', messageId: 'noHandler', version: 1 });
    assert.equal(client.diagnostics.get(uri)!.version, 1);
  });

  it('updates on an incremental change', async () => {
    const uri = uriOf('service-a/src/server.ts');
    const before = client.count(uri);
    // `app.listen(3000, () => console.log('listening on 3000'));` → `app.listen(3000);`
    client.change(uri, [{ range: { start: { line: 4, character: 16 }, end: { line: 4, character: 55 } }, text: '' }]);
    const diagnostics = await client.diagnosticsFor(uri, 'console finding gone', lacks('logs/no-console'), before);
    assert.deepEqual(rules(diagnostics), ['disposability/handle-sigterm', 'port-binding/no-hardcoded-port']);
    assert.equal(client.diagnostics.get(uri)!.version, 2);
  });

  it('gives the same findings after many keystrokes as a fresh parse of the same text', async () => {
    const uri = uriOf('service-a/src/server.ts');
    let text = [
      "import express from 'express';",
      '',
      'const app = express();',
      "app.get('/health', (_req, res) => res.send('ok'));",
      'app.listen(3000);',
      '',
    ].join('\n');
    const positionAt = (offset: number) => {
      const before = text.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    const insert = (offset: number, inserted: string): TextDocumentContentChangeEvent => {
      const at = positionAt(offset);
      text = text.slice(0, offset) + inserted + text.slice(offset);
      return { range: { start: at, end: at }, text: inserted };
    };
    // Type a route character by character at the end of line 4, one change per notification.
    const typed = "\napp.get('/x', (_req, res) => { console.info('x'); res.end(); });";
    let offset = text.indexOf("res.send('ok'));") + "res.send('ok'));".length;
    for (const character of typed) client.change(uri, [insert(offset++, character)]);
    // Two changes in one notification, each relative to the text the previous one left.
    client.change(uri, [insert(0, '// service a\n'), insert(text.indexOf('\n') + 1, '\n')]);
    const freshUri = uriOf('service-a/src/server-copy.ts');
    client.open(freshUri, text);
    const fresh = await client.diagnosticsFor(freshUri, 'fresh copy diagnostics', (d) => d.length > 0);
    const shape = (list: Diagnostic[]) =>
      list.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).join(' ');
    assert.match(shape(fresh), /logs\/no-console@6:/);
    await client.waitFor('incremental diagnostics equal to the fresh parse', () =>
      shape(client.diagnostics.get(uri)!.diagnostics) === shape(fresh) ? true : undefined,
    );
    client.close(freshUri);
    await client.diagnosticsFor(freshUri, 'copy cleared', (d) => d.length === 0, 1);
  });

  it('drops the SIGTERM finding when another open file of the project handles SIGTERM, and restores it on close', async () => {
    const server = uriOf('service-a/src/server.ts');
    const handler = uriOf('service-a/src/shutdown.ts');
    assert.ok(has('disposability/handle-sigterm')(client.diagnostics.get(server)!.diagnostics));
    const before = client.count(server);
    client.open(handler, "process.on('SIGTERM', () => process.exit(0));\n");
    await client.diagnosticsFor(server, 'SIGTERM finding gone', lacks('disposability/handle-sigterm'), before);
    // The file was never saved: closing it removes the handler from the project.
    const afterOpen = client.count(server);
    client.close(handler);
    await client.diagnosticsFor(server, 'SIGTERM finding back', has('disposability/handle-sigterm'), afterOpen);
  });

  it('drops the SIGTERM finding when a handler is written to a closed file on disk (watched files)', async () => {
    const server = uriOf('service-a/src/server.ts');
    const before = client.count(server);
    const file = path.join(workspace, 'service-a/src/graceful.ts');
    fs.writeFileSync(file, "export function install(stop: () => void) {\n  process.once('SIGTERM', stop);\n}\n");
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(file).href, type: FileChangeType.Created }],
    });
    await client.diagnosticsFor(server, 'SIGTERM finding gone after the watched change', lacks('disposability/handle-sigterm'), before);
    const afterCreate = client.count(server);
    fs.rmSync(file);
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(file).href, type: FileChangeType.Deleted }],
    });
    await client.diagnosticsFor(server, 'SIGTERM finding back after the delete', has('disposability/handle-sigterm'), afterCreate);
  });

  it('never reports a server whose project has a handler on disk at startup (background index)', async () => {
    const uri = uriOf('service-b/src/main.ts');
    client.open(uri, fs.readFileSync(path.join(workspace, 'service-b/src/main.ts'), 'utf8'));
    const diagnostics = await client.diagnosticsFor(uri, 'diagnostics of service-b', () => true);
    assert.deepEqual(rules(diagnostics), []);
    assert.equal(client.count(uri), 1);
    client.close(uri);
  });

  it('warns once about a broken .twelvefactorrc.json and falls back to the defaults', async () => {
    const uri = uriOf('service-c/src/index.ts');
    const text = fs.readFileSync(path.join(workspace, 'service-c/src/index.ts'), 'utf8');
    client.open(uri, `${text}console.log('up');\n`);
    const diagnostics = await client.diagnosticsFor(uri, 'diagnostics despite the broken config', (d) => d.length > 0);
    assert.ok(has('logs/no-console')(diagnostics), 'defaults apply: the half-written "off" is not read');
    const warning = await client.waitFor('a warning message', () => client.warnings.find((m) => m.includes('.twelvefactorrc.json')));
    assert.match(warning, /defaults apply/);
    const configUri = uriOf('service-c/.twelvefactorrc.json');
    const configDiagnostics = await client.diagnosticsFor(configUri, 'a diagnostic on the config file', (d) => d.length > 0);
    const configMessage = configDiagnostics[0].message;
    assert.match(typeof configMessage === 'string' ? configMessage : configMessage.value, /JSON syntax error/);
    client.change(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '\n' }]);
    await client.diagnosticsFor(uri, 'a second analysis', (d) => d.length > 0, client.count(uri));
    assert.equal(client.warnings.filter((m) => m.includes('.twelvefactorrc.json')).length, 1, 'shown once');
    client.close(uri);
  });

  it('survives random bytes and half-typed code, and keeps answering', async () => {
    const junk = uriOf('service-a/src/junk.ts');
    client.open(junk, crypto.randomBytes(4096).toString('latin1'));
    const halfTyped = uriOf('service-a/src/half.ts');
    client.open(halfTyped, "import express from 'express';\nconst app = express(\napp.listen(");
    client.change(halfTyped, [{ range: { start: { line: 2, character: 11 }, end: { line: 2, character: 11 } }, text: '30' }]);
    const probe = uriOf('service-a/src/probe.ts');
    client.open(probe, "console.log('still here');\n");
    const diagnostics = await client.diagnosticsFor(probe, 'the probe file', (d) => d.length > 0);
    assert.deepEqual(rules(diagnostics), ['logs/no-console']);
    // A request still gets its answer (method not found is an answer).
    await assert.rejects(client.connection.sendRequest('twelveFactor/unknown', {}), /Unhandled method|not found/i);
    assert.equal(client.count(junk), 0, 'a binary file publishes nothing');
    assert.equal(client.child.exitCode, null);
    for (const uri of [junk, halfTyped, probe]) client.close(uri);
  });

  it('publishes nothing for a 10 MB minified bundle and stays responsive', async () => {
    const chunk = "var a=function(){return console.log('x'),{password:'Zq8vL2pX9wTt4'}};app.listen(3000);";
    const bundle = uriOf('service-a/public/app.min.js');
    client.open(bundle, chunk.repeat(Math.ceil((10 * 1024 * 1024) / chunk.length)));
    const probe = uriOf('service-a/src/probe2.ts');
    client.open(probe, "console.log('after the bundle');\n");
    const diagnostics = await client.diagnosticsFor(probe, 'the probe after the bundle', (d) => d.length > 0);
    assert.deepEqual(rules(diagnostics), ['logs/no-console']);
    assert.equal((client.diagnostics.get(bundle)?.diagnostics ?? []).length, 0, 'the bundle publishes nothing');
    assert.equal(client.child.exitCode, null);
    for (const uri of [bundle, probe]) client.close(uri);
  });

  it('clears diagnostics on close', async () => {
    const uri = uriOf('service-a/src/server.ts');
    const before = client.count(uri);
    client.close(uri);
    await client.diagnosticsFor(uri, 'cleared diagnostics', (d) => d.length === 0, before);
  });

  it('writes nothing but LSP to stdout', () => {
    assert.deepEqual(client.protocolErrors, []);
  });
});
