// Drives the bundled language server (server/out/server.js --stdio) over JSON-RPC, as an editor would.
// Every wait has a deadline and a condition; nothing sleeps for a fixed time.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Diagnostic,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { SUPPORTED_FILE_GLOBS } from '../../server/src/analyzer/languages/index';
import { LspTestClient } from '../support/lsp-client';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURE = path.join(ROOT, 'test/fixtures/lsp/workspace');

const rules = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => String(d.code)).sort();
const has = (rule: string) => (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === rule);
const lacks = (rule: string) => (diagnostics: Diagnostic[]) => !diagnostics.some((d) => d.code === rule);

describe('language server (bundled, --stdio)', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspTestClient;
  const uriOf = (relative: string): string => pathToFileURL(path.join(workspace, relative)).href;

  before(async () => {
    workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-lsp-')));
    fs.cpSync(FIXTURE, workspace, { recursive: true });
    const started = await LspTestClient.start({
      workspaceFolder: workspace,
      settings: { enable: true, run: 'onType', rules: {}, includeTestsAndScripts: false },
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    client = started.client;
    const result = started.result;
    assert.equal(result.capabilities.textDocumentSync && typeof result.capabilities.textDocumentSync === 'object'
      ? result.capabilities.textDocumentSync.change
      : undefined, 2, 'incremental sync');
    // The background index of the workspace finishes (its log line), so facts on disk are known.
    await client.waitFor('the background index', () => client.logs.some((line) => /^Indexed \d+ files/.test(line)));
  });

  after(async () => {
    if (!client) return;
    await client.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('registers file watchers for every file kind the analyzer reads, and the files around them', async () => {
    const registration = await client.waitFor('watcher registration', () =>
      client.registrations.find((r) => r.method === DidChangeWatchedFilesNotification.method),
    );
    const globs = (registration.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map((w) => w.globPattern);
    assert.deepEqual(globs, [
      ...SUPPORTED_FILE_GLOBS,
      '**/.gitignore',
      '**/.dockerignore',
      '**/pnpm-workspace.{yaml,yml}',
      '**/lerna.json',
      '**/{tsconfig,jsconfig}*.json',
    ]);
    for (const glob of ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', '**/package.json', '**/.twelvefactorrc.json', '**/.env.*']) assert.ok(globs.includes(glob), glob);
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
    const warning = await client.waitFor('a warning message', () => client.messages.find((m) => m.includes('.twelvefactorrc.json')));
    assert.match(warning, /defaults apply/);
    const configUri = uriOf('service-c/.twelvefactorrc.json');
    const configDiagnostics = await client.diagnosticsFor(configUri, 'a diagnostic on the config file', (d) => d.length > 0);
    const configMessage = configDiagnostics[0].message;
    assert.match(typeof configMessage === 'string' ? configMessage : configMessage.value, /JSON syntax error/);
    client.change(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '\n' }]);
    await client.diagnosticsFor(uri, 'a second analysis', (d) => d.length > 0, client.count(uri));
    assert.equal(client.messages.filter((m) => m.includes('.twelvefactorrc.json')).length, 1, 'shown once');
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
