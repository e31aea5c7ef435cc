// A minimal editor for LSP tests: starts the bundled server (server/out/server.js --stdio), keeps the text of the
// documents it opened, records what the server sends, and applies WorkspaceEdits the way an editor does.
// Every wait has a deadline and a condition; nothing sleeps for a fixed time.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type Position,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type ShowDocumentParams,
  type TextDocumentContentChangeEvent,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '..', '..', '..', 'server/out/server.js');
const DEADLINE_MS = 10_000;

export interface ClientOptions {
  /** What `workspace/configuration` answers for the `twelveFactor` section. */
  settings?: Record<string, unknown>;
  capabilities: ClientCapabilities;
  workspaceFolder: string;
  /** The answer to `window/showDocument`. */
  showDocumentSuccess?: boolean;
  /** Sent as `initializationOptions`. */
  initializationOptions?: Record<string, unknown>;
}

export class LspTestClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly publishCount = new Map<string, number>();
  readonly logs: string[] = [];
  /** What the server showed the user, by window/showMessage or window/showMessageRequest. */
  readonly messages: string[] = [];
  /** Capabilities the server registered dynamically (client/registerCapability). */
  readonly registrations: Registration[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  readonly protocolErrors: string[] = [];
  /** Notifications of methods outside the standard ones this client handles (e.g. `twelveFactor/status`). */
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  /** Documents the client opened, at their current version. */
  readonly documents = new Map<string, TextDocument>();
  private readonly waiters = new Set<() => void>();
  stderr = '';

  private constructor(readonly child: ChildProcess, options: ClientOptions) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
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
      this.messages.push(params.message);
      this.notify();
    });
    // vscode-jsonrpc's star handler (the ProtocolConnection type does not declare it): every other notification.
    const star = this.connection as unknown as { onNotification(handler: (method: string, params: unknown) => void): void };
    star.onNotification((method, params) => {
      this.notifications.push({ method, params });
      this.notify();
    });
    const settings = options.settings ?? { enable: true, run: 'onType', rules: {}, includeTestsAndScripts: false };
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => settings));
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.notify();
    });
    this.connection.onRequest(ShowMessageRequest.type, (params) => {
      this.messages.push(params.message);
      this.notify();
      return null;
    });
    this.connection.onRequest(ShowDocumentRequest.type, (params) => {
      this.shownDocuments.push(params);
      this.notify();
      return { success: options.showDocumentSuccess ?? true };
    });
    this.connection.listen();
  }

  /** Starts the server and completes the initialize handshake. */
  static async start(options: ClientOptions): Promise<{ client: LspTestClient; result: InitializeResult }> {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run npm run build (npm test does)`);
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new LspTestClient(child, options);
    const folderUri = uriOf(options.workspaceFolder);
    const result = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: path.basename(options.workspaceFolder) }],
      capabilities: options.capabilities,
      ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
    });
    void client.connection.sendNotification(InitializedNotification.type, {});
    return { client, result };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      await this.connection.sendRequest(ShutdownRequest.type);
      void this.connection.sendNotification(ExitNotification.type);
      await exited;
    }
    this.connection.dispose();
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

  /** Waits for the diagnostics the server published for the document's current version. */
  currentDiagnostics(uri: string, condition: (diagnostics: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const version = this.documents.get(uri)?.version;
    return this.waitFor(`diagnostics of ${uri} at version ${version}`, () => {
      const params = this.diagnostics.get(uri);
      return params && params.version === version && condition(params.diagnostics) ? params.diagnostics : undefined;
    });
  }

  count(uri: string): number {
    return this.publishCount.get(uri) ?? 0;
  }

  open(uri: string, text: string, languageId = 'typescript'): void {
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /**
   * Sends one didChange with these content changes (incremental ones apply in order, each to the text the one
   * before it left), and keeps the client's copy of the document in step.
   */
  change(uri: string, contentChanges: TextDocumentContentChangeEvent[]): void {
    const document = this.documents.get(uri);
    assert.ok(document, `${uri} is not open`);
    TextDocument.update(document, contentChanges, document.version + 1);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: document.version },
      contentChanges,
    });
  }

  /** Replaces the whole text of an open document (a full-content change). */
  setText(uri: string, text: string): void {
    this.change(uri, [{ text }]);
  }

  close(uri: string): void {
    this.documents.delete(uri);
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  text(uri: string): string {
    const document = this.documents.get(uri);
    assert.ok(document, `${uri} is not open`);
    return document.getText();
  }

  /** Code actions for `diagnostics`, with the range an editor would send: one that covers them all (a selection). */
  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[], range = coveringRange(diagnostics)): Promise<Array<CodeAction | Command>> {
    return this.connection
      .sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } })
      .then((result) => result ?? []);
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  /**
   * Applies a WorkspaceEdit as an editor does: all or nothing, versions checked, resource operations in order.
   * Open documents change in memory and the server hears a didChange; other files change on disk.
   */
  applyWorkspaceEdit(edit: WorkspaceEdit): void {
    const next = new Map<string, string>();
    const created = new Set<string>();
    const current = (uri: string): string | undefined => {
      if (next.has(uri)) return next.get(uri);
      const open = this.documents.get(uri);
      if (open) return open.getText();
      const file = fileURLToPath(uri);
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    };
    const apply = (uri: string, edits: Parameters<typeof TextDocument.applyEdits>[1]): void => {
      const text = current(uri);
      assert.notEqual(text, undefined, `an edit to ${uri}, which does not exist`);
      next.set(uri, TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 0, text!), edits));
    };
    if (edit.documentChanges) {
      for (const change of edit.documentChanges) {
        if ('kind' in change) {
          assert.equal(change.kind, 'create', `unexpected resource operation ${change.kind}`);
          if (current(change.uri) === undefined) {
            next.set(change.uri, '');
            created.add(change.uri);
          } else {
            assert.ok(change.options?.ignoreIfExists || change.options?.overwrite, `${change.uri} exists`);
          }
          continue;
        }
        const open = this.documents.get(change.textDocument.uri);
        if (change.textDocument.version !== null) {
          assert.ok(open, `a versioned edit to ${change.textDocument.uri}, which is not open`);
          assert.equal(change.textDocument.version, open.version, 'the edit is for another version');
        }
        apply(
          change.textDocument.uri,
          change.edits.map((e) => {
            assert.ok('newText' in e, 'a snippet edit, which this client does not support');
            return e;
          }),
        );
      }
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) apply(uri, edits);
    for (const [uri, text] of next) {
      const open = this.documents.get(uri);
      if (open) this.setText(uri, text);
      else fs.writeFileSync(fileURLToPath(uri), text);
    }
  }
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

function coveringRange(diagnostics: readonly Diagnostic[]): Range {
  const zero = { line: 0, character: 0 };
  if (diagnostics.length === 0) return { start: zero, end: zero };
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
  let { start, end } = diagnostics[0].range;
  for (const { range } of diagnostics) {
    if (before(range.start, start)) start = range.start;
    if (before(end, range.end)) end = range.end;
  }
  return { start, end };
}
