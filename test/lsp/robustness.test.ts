// The language server on the hostile files of issue 7, in its background index and in open documents: it keeps
// answering, indexes past them (so no false "no SIGTERM handler" from an index that stopped early), and code
// actions stay proportional to the request (codeAction/resolve).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionResolveRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type CodeAction,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../support/lsp-client';

const SERVER_TS = "import express from 'express';\nconst app = express();\napp.listen(3000);\n";

describe('language server robustness (issue 7)', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspTestClient;
  const uriOf = (relative: string): string => pathToFileURL(path.join(workspace, relative)).href;

  before(async () => {
    workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-lsp-robust-')));
    const write = (relative: string, content: string | Buffer) => {
      fs.mkdirSync(path.dirname(path.join(workspace, relative)), { recursive: true });
      fs.writeFileSync(path.join(workspace, relative), content);
    };
    write('package.json', '{ "name": "svc", "dependencies": { "express": "4.0.0" } }\n');
    // Walked before the handler: files that overflowed the stack and stopped the index at them.
    write('src/a-callbacks.js', `${'f(function () {\n'.repeat(300)}${'});\n'.repeat(300)}`);
    write('src/b-arrays.js', `x = ${'['.repeat(800)}${']'.repeat(800)};\n`);
    write('src/c-plus.js', `s = ${Array(5000).fill("'a'").join(' +\n')};\n`);
    write('src/d-noise.js', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256)));
    write('src/e-half.ts', 'export function f( { if (x) => console.log(`${\n');
    if (process.platform !== 'win32') execFileSync('mkfifo', [path.join(workspace, 'src/f-fifo.js')]);
    write('src/z-shutdown.ts', "process.on('SIGTERM', () => process.exit(0));\n");
    const started = await LspTestClient.start({
      workspaceFolder: workspace,
      settings: { enable: true, run: 'onType', rules: {}, includeTestsAndScripts: false },
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] } },
        },
      },
    });
    client = started.client;
    assert.equal((started.result.capabilities.codeActionProvider as { resolveProvider?: boolean }).resolveProvider, true);
    await client.waitFor('the background index', () => client.logs.some((line) => /^Indexed \d+ files/.test(line)));
  });

  after(async () => {
    if (!client) return;
    await client.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('indexes past the hostile files: a server with a handler in a later file gets no handle-sigterm', async () => {
    const uri = uriOf('src/server.ts');
    client.open(uri, SERVER_TS);
    const diagnostics = await client.currentDiagnostics(uri, (d) => d.some((x) => x.code === 'port-binding/no-hardcoded-port'));
    assert.ok(!diagnostics.some((d) => d.code === 'disposability/handle-sigterm'), 'z-shutdown.ts was indexed');
    assert.ok(client.logs.some((line) => /^Indexed 7 files/.test(line)), `every regular file indexed (six sources and the package.json): ${client.logs.join('\n')}`);
    assert.ok(client.logs.some((line) => line.includes('a-callbacks.js') && line.includes('not analyzed')), 'one line on the deep file');
    assert.equal(client.child.exitCode, null);
    client.close(uri);
  });

  it('an open file too deep to analyze says so in one diagnostic; the server goes on answering', async () => {
    const uri = uriOf('src/b-arrays.js');
    client.open(uri, fs.readFileSync(path.join(workspace, 'src/b-arrays.js'), 'utf8'), 'javascript');
    const [note] = await client.currentDiagnostics(uri, (d) => d.length > 0);
    assert.equal(note.message, 'Twelve-Factor Lint could not analyze this file: brackets nested 800 deep, beyond the limit of 256; not analyzed.');
    assert.deepEqual(note.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    client.close(uri);
  });

  it('a watched-file event for a FIFO does not freeze the server', async function () {
    if (process.platform === 'win32') this.skip();
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf('src/f-fifo.js'), type: FileChangeType.Changed }],
    });
    const uri = uriOf('src/after-fifo.ts');
    client.open(uri, "console.log('still here');\n");
    const diagnostics = await client.currentDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(diagnostics.map((d) => d.code), ['logs/no-console']);
    client.close(uri);
  });

  it('lists fixes without edits and resolves the one picked; 2,000 console calls in one request stay small', async () => {
    const text = Array.from({ length: 2000 }, (_, i) => `console.log('event ${i}');`).join('\n') + '\n';
    const uri = uriOf('src/chatty.ts');
    client.open(uri, text);
    const diagnostics = await client.currentDiagnostics(uri, (d) => d.length >= 2000);
    const all = (await client.codeActions(uri, diagnostics)) as CodeAction[];
    const fixes = all.filter((a) => a.title.startsWith('Add a pino logger') || a.title.startsWith('Replace all'));
    assert.equal(fixes.filter((a) => a.title.startsWith('Replace all')).length, 1, 'the file-wide fix is one action');
    assert.equal(fixes.find((a) => a.title.startsWith('Replace all'))?.diagnostics?.length, 2000);
    assert.ok(fixes.every((a) => a.edit === undefined && a.data !== undefined), 'no edits in the list');
    assert.ok(JSON.stringify(all).length < 20_000_000, 'proportional to the diagnostics, not to their square');

    const line = diagnostics.find((d: Diagnostic) => d.range.start.line === 7)!;
    const [pick] = ((await client.codeActions(uri, [line])) as CodeAction[]).filter((a) => a.title.startsWith('Add a pino logger'));
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, pick);
    assert.ok(resolved.edit, 'the edit comes with resolve');
    client.applyWorkspaceEdit(resolved.edit);
    assert.match(client.text(uri).split('\n').find((l) => l.includes("'event 7'")) ?? '', /^logger\.info\('event 7'\);$/);
    client.close(uri);
  });
});
