// Code actions of the bundled language server, driven over stdio as an editor would, plus the WorkspaceEdit
// builder in process for the shapes no registered rule produces in every state (files to create, no capability).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DidChangeWatchedFilesNotification, FileChangeType, type ClientCapabilities, type CodeAction, type Command, type Diagnostic, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import {
  FIX_ALL_KIND,
  SHOW_DOCUMENTATION_COMMAND,
  documentationTarget,
  workspaceEditFor,
  type EditCapabilities,
  type OtherFiles,
} from '../../server/src/lsp/code-actions';
import type { Fix } from '../../server/src/analyzer/rule';
import { LspTestClient, uriOf } from '../support/lsp-client';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FULL: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
  },
  textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { isPreferredSupport: true } },
  window: { showDocument: { support: true } },
};
const BARE: ClientCapabilities = {
  workspace: { configuration: true },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

const isAction = (item: CodeAction | Command): item is CodeAction => !('arguments' in item && typeof item.command === 'string');
const actionsOf = (items: Array<CodeAction | Command>): CodeAction[] => {
  assert.ok(items.every(isAction), 'code actions, not bare commands');
  return items as CodeAction[];
};
const titles = (actions: CodeAction[]): string[] => actions.map((action) => action.title);
const byRule = (rule: string) => (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === rule);

function makeWorkspace(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-actions-')));
  fs.mkdirSync(path.join(dir, 'svc', 'src'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'svc', 'package.json'),
    JSON.stringify({ name: 'svc', private: true, scripts: { start: 'node src/main.js' }, dependencies: { express: '^4.19.2' } }),
  );
  return dir;
}

describe('code actions (bundled server, --stdio)', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspTestClient;
  let capabilities: Record<string, unknown>;
  let serial = 0;
  /** A new document under svc/src, so tests do not depend on one another's edits. */
  const openNew = (text: string): string => {
    const uri = uriOf(path.join(workspace, 'svc', 'src', `file${++serial}.ts`));
    client.open(uri, text);
    return uri;
  };

  before(async () => {
    workspace = makeWorkspace();
    const started = await LspTestClient.start({ capabilities: FULL, workspaceFolder: workspace });
    client = started.client;
    capabilities = started.result.capabilities as Record<string, unknown>;
    await client.waitFor('the background index', () => client.logs.some((line) => /^Indexed \d+ files/.test(line)));
  });

  after(async () => {
    await client?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('advertises quick fixes, fix-all and the documentation command', () => {
    assert.deepEqual(capabilities.codeActionProvider, {
      codeActionKinds: ['quickfix', 'source.fixAll', 'source.fixAll.twelveFactor'],
      resolveProvider: false,
    });
    assert.deepEqual(capabilities.executeCommandProvider, { commands: ['twelveFactor.showDocumentation'] });
  });

  it('gives every diagnostic its rule id as code and its docs page as codeDescription', async () => {
    const uri = openNew("import express from 'express';\nconst app = express();\napp.listen(3000);\nconsole.log('up');\n");
    const diagnostics = await client.currentDiagnostics(uri, (d) => d.length >= 2);
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.source, 'twelve-factor');
      assert.equal(typeof diagnostic.code, 'string');
      assert.equal(diagnostic.codeDescription?.href.endsWith(`/docs/rules/${String(diagnostic.code)}.md`), true);
      assert.equal((diagnostic.data as { version: number }).version, 1, 'data names the version its offsets refer to');
    }
    client.close(uri);
  });

  it('lists disable and documentation actions for a finding, each naming its diagnostic', async () => {
    const uri = openNew("export function start() {\n  console.log('up');\n}\n");
    const [diagnostic] = byRule('logs/no-console')(await client.currentDiagnostics(uri, (d) => d.length > 0));
    assert.ok(diagnostic, 'a no-console diagnostic');
    const actions = actionsOf(await client.codeActions(uri, [diagnostic]));
    assert.deepEqual(titles(actions).slice(-3), [
      'Disable logs/no-console for this line',
      'Disable logs/no-console for this file',
      'Show documentation for logs/no-console',
    ]);
    for (const action of actions) {
      assert.equal(action.kind, 'quickfix');
      assert.deepEqual(action.diagnostics, [diagnostic]);
    }
    assert.ok(actions.filter((a) => a.isPreferred).length <= 1, 'one preferred action at most');
    assert.ok(!titles(actions).includes('Fix all safe twelve-factor problems'), 'the light bulb does not list source actions');
    client.close(uri);
  });

  it("offers a rule's own fix first, not preferred when it changes behaviour, and applying it resolves the finding", async () => {
    const uri = openNew("import express from 'express';\n\nconst app = express();\napp.listen(Number(process.env.PORT));\n");
    const [diagnostic] = byRule('disposability/handle-sigterm')(await client.currentDiagnostics(uri, (d) => d.length > 0));
    assert.ok(diagnostic, 'a handle-sigterm diagnostic');
    const actions = actionsOf(await client.codeActions(uri, [diagnostic]));
    assert.deepEqual(titles(actions), [
      'Add graceful shutdown',
      'Disable disposability/handle-sigterm for this line',
      'Disable disposability/handle-sigterm for this file',
      'Show documentation for disposability/handle-sigterm',
    ]);
    assert.equal(actions[0].isPreferred, undefined, 'changes how the process exits: never applied by "auto fix"');
    assert.deepEqual(await client.codeActions(uri, [], [FIX_ALL_KIND]), [], 'not safe, so fix-all leaves it alone');
    client.applyWorkspaceEdit(actions[0].edit!);
    assert.match(client.text(uri), /const server = app\.listen\(Number\(process\.env\.PORT\)\);\n[\s\S]*process\.once\(signal/);
    assert.deepEqual(await client.currentDiagnostics(uri), []);
    client.close(uri);
  });

  it('"Move to environment variable" creates .env.example when missing, then appends to it', async () => {
    const envExample = path.join(workspace, 'svc', '.env.example');
    assert.equal(fs.existsSync(envExample), false);
    const uri = openNew("export const db = { password: 'Xk9#mPq2vL7wRt4z' };\nexport const cache = { password: 'Qw8$nZr5tY2pLm6v' };\n");
    const secrets = byRule('config/no-hardcoded-secret')(await client.currentDiagnostics(uri, (d) => d.length > 1));
    assert.equal(secrets.length, 2);
    const first = actionsOf(await client.codeActions(uri, [secrets[0]]));
    const move = first.find((a) => a.title === 'Move to environment variable DB_PASSWORD')!;
    assert.ok(move, `a move fix among ${titles(first).join(', ')}`);
    assert.equal(move.isPreferred, true);
    assert.deepEqual(move.diagnostics, [secrets[0]]);
    const envUri = pathToFileURL(envExample).href;
    assert.deepEqual(
      move.edit!.documentChanges!.map((c) => ('textDocument' in c ? `edit ${c.textDocument.uri}@${c.textDocument.version}` : `${c.kind} ${'uri' in c ? c.uri : ''}`)),
      [`edit ${uri}@1`, `create ${envUri}`, `edit ${envUri}@null`],
    );
    client.applyWorkspaceEdit(move.edit!);
    assert.equal(
      client.text(uri),
      "export const db = { password: process.env.DB_PASSWORD || missingEnv('DB_PASSWORD') };\nexport const cache = { password: 'Qw8$nZr5tY2pLm6v' };\n\nfunction missingEnv(name: string): never {\n  throw new Error('Environment variable ' + name + ' is not set');\n}\n",
    );
    assert.equal(fs.readFileSync(envExample, 'utf8'), 'DB_PASSWORD=\n');

    const [rest] = byRule('config/no-hardcoded-secret')(await client.currentDiagnostics(uri, (d) => d.length > 0));
    const second = actionsOf(await client.codeActions(uri, [rest])).find((a) => a.title.startsWith('Move to environment variable'))!;
    assert.ok(!second.edit!.documentChanges!.some((c) => 'kind' in c), 'the file exists now: no CreateFile');
    client.applyWorkspaceEdit(second.edit!);
    assert.equal(fs.readFileSync(envExample, 'utf8'), 'DB_PASSWORD=\nCACHE_PASSWORD=\n');
    assert.deepEqual(byRule('config/no-hardcoded-secret')(await client.currentDiagnostics(uri)), []);
    client.close(uri);
  });

  it('applies a fix with several edits in one document (Replace with logger) as one change', async () => {
    const uri = openNew("export function start() {\n  console.log('up');\n}\n");
    const [diagnostic] = byRule('logs/no-console')(await client.currentDiagnostics(uri, (d) => d.length > 0));
    const fixes = actionsOf(await client.codeActions(uri, [diagnostic])).filter((a) => a.edit && !a.title.startsWith('Disable'));
    assert.ok(fixes.length > 0, 'a logger fix');
    assert.ok(fixes.every((a) => a.isPreferred === undefined), 'choosing a logger is the user\'s call');
    const edits = (fixes[0].edit!.documentChanges![0] as TextDocumentEdit).edits;
    assert.ok(edits.length >= 2, 'an import and the call');
    assert.equal(fixes[0].title, 'Add a pino logger in src/logger.ts and pino ^10.4.0 to package.json (then npm install)');
    client.applyWorkspaceEdit(fixes[0].edit!);
    assert.doesNotMatch(client.text(uri), /console\./);
    assert.match(client.text(uri), /^import \{ logger \} from '\.\/logger';$/m);
    assert.deepEqual(byRule('logs/no-console')(await client.currentDiagnostics(uri)), []);
    client.close(uri);
    // Issue 6: one logger module for the project, and pino declared where the project installs from.
    const module = path.join(workspace, 'svc', 'src', 'logger.ts');
    assert.match(fs.readFileSync(module, 'utf8'), /^export const logger = pino\(/m);
    assert.equal(JSON.parse(fs.readFileSync(path.join(workspace, 'svc', 'package.json'), 'utf8')).dependencies.pino, '^10.4.0');
    // The next file imports that module (the editor reports the created file) instead of creating another.
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: pathToFileURL(module).href, type: FileChangeType.Created },
        { uri: pathToFileURL(path.join(workspace, 'svc', 'package.json')).href, type: FileChangeType.Changed },
      ],
    });
    const other = openNew("export function stop() {\n  console.warn('down');\n}\n");
    const [warn] = byRule('logs/no-console')(await client.currentDiagnostics(other, (ds) => ds.length > 0));
    const next = actionsOf(await client.codeActions(other, [warn])).find((a) => a.edit && !a.title.startsWith('Disable'));
    assert.equal(next?.title, 'Import logger from its module and use logger.warn');
    assert.ok(!next!.edit!.documentChanges!.some((c) => 'kind' in c), 'no second module');
    client.close(other);
  });

  it('"Disable for this line" writes an indented comment above the line, and the finding goes away', async () => {
    const uri = openNew("export function start() {\n  console.log('up');\n}\n");
    const [diagnostic] = byRule('logs/no-console')(await client.currentDiagnostics(uri, (d) => d.length > 0));
    const action = actionsOf(await client.codeActions(uri, [diagnostic])).find((a) => a.title === 'Disable logs/no-console for this line')!;
    const change = action.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    client.applyWorkspaceEdit(action.edit!);
    assert.equal(client.text(uri), "export function start() {\n  // twelve-factor-disable-next-line logs/no-console\n  console.log('up');\n}\n");
    assert.deepEqual(await client.currentDiagnostics(uri), []);
    client.close(uri);
  });

  it('"Disable for this file" writes a block comment at the top', async () => {
    const uri = openNew("console.log('a');\nconsole.error('b');\n");
    const diagnostics = byRule('logs/no-console')(await client.currentDiagnostics(uri, (d) => d.length > 1));
    assert.equal(diagnostics.length, 2);
    const actions = actionsOf(await client.codeActions(uri, diagnostics));
    // One line action per reported line, one file action and one documentation action per rule.
    assert.deepEqual(titles(actions).filter((t) => t.startsWith('Disable') || t.startsWith('Show')), [
      'Disable logs/no-console for this line',
      'Disable logs/no-console for this line',
      'Disable logs/no-console for this file',
      'Show documentation for logs/no-console',
    ]);
    const fileAction = actions.find((a) => a.title === 'Disable logs/no-console for this file')!;
    assert.deepEqual(fileAction.diagnostics, diagnostics);
    client.applyWorkspaceEdit(fileAction.edit!);
    assert.equal(client.text(uri), "/* twelve-factor-disable logs/no-console */\nconsole.log('a');\nconsole.error('b');\n");
    assert.deepEqual(await client.currentDiagnostics(uri), []);
    client.close(uri);
  });

  it('removes an unused disable comment with a preferred quick fix and offers no disable comment for it', async () => {
    const uri = openNew("// twelve-factor-disable-next-line logs/no-console\nexport const x = 1;\n");
    const [diagnostic] = byRule('codebase/no-unused-disable')(await client.currentDiagnostics(uri, (d) => d.length > 0));
    assert.ok(diagnostic, 'an unused-disable diagnostic');
    const actions = actionsOf(await client.codeActions(uri, [diagnostic]));
    assert.deepEqual(titles(actions), ['Remove unused disable comment', 'Show documentation for codebase/no-unused-disable']);
    assert.equal(actions[0].isPreferred, true);
    client.applyWorkspaceEdit(actions[0].edit!);
    assert.equal(client.text(uri), 'export const x = 1;\n');
    assert.deepEqual(await client.currentDiagnostics(uri), []);
    client.close(uri);
  });

  it('source.fixAll.twelveFactor applies every safe fix at once, and applying it twice changes nothing', async () => {
    const text = [
      '// twelve-factor-disable-next-line logs/no-console',
      'export const a = 1;',
      '/* twelve-factor-disable-next-line port-binding/no-hardcoded-port, logs/no-console */',
      "console.log('b');",
      "console.info('c');",
      '',
    ].join('\n');
    const uri = openNew(text);
    await client.currentDiagnostics(uri, (d) => byRule('codebase/no-unused-disable')(d).length === 2);
    const [fixAll, ...rest] = actionsOf(await client.codeActions(uri, [], [FIX_ALL_KIND]));
    assert.deepEqual(rest, []);
    assert.equal(fixAll.kind, FIX_ALL_KIND);
    assert.equal(fixAll.title, 'Fix all safe twelve-factor problems');
    assert.equal(fixAll.diagnostics, undefined);
    client.applyWorkspaceEdit(fixAll.edit!);
    const fixed = ['export const a = 1;', '/* twelve-factor-disable-next-line logs/no-console */', "console.log('b');", "console.info('c');", ''].join('\n');
    assert.equal(client.text(uri), fixed);
    const after = await client.currentDiagnostics(uri);
    assert.deepEqual(after.map((d) => d.code), ['logs/no-console'], 'only the unsafe finding is left');
    // `source.fixAll` (what editor.codeActionsOnSave sends for all fixers) and `source` reach it too.
    for (const only of [[FIX_ALL_KIND], ['source.fixAll'], ['source']]) {
      assert.deepEqual(await client.codeActions(uri, [], only), [], `nothing left to fix for ${only.join()}`);
    }
    assert.equal(client.text(uri), fixed);
    client.close(uri);
  });

  it('never edits with the offsets of an older version: a moved finding gets documentation only', async () => {
    const uri = openNew("export function start() {\n  console.log('up');\n}\n");
    const [old] = byRule('logs/no-console')(await client.currentDiagnostics(uri, (d) => d.length > 0));
    // Two lines above: the old range now covers other text, and the server has not published for version 2 yet
    // when the request arrives (requests are answered after the notifications sent before them).
    client.setText(uri, "// a\n// b\nexport function start() {\n  console.log('up');\n}\n");
    const stale = actionsOf(await client.codeActions(uri, [old]));
    assert.deepEqual(titles(stale), ['Show documentation for logs/no-console']);
    // The same diagnostic moved along with the edit (as an editor moves markers) matches again, at version 2.
    const moved: Diagnostic = { ...old, range: { start: { line: 3, character: 2 }, end: { line: 3, character: old.range.end.character } } };
    const fresh = actionsOf(await client.codeActions(uri, [moved]));
    const line = fresh.find((a) => a.title === 'Disable logs/no-console for this line')!;
    assert.deepEqual((line.edit!.documentChanges![0] as TextDocumentEdit).textDocument, { uri, version: 2 });
    client.applyWorkspaceEdit(line.edit!);
    assert.equal(client.text(uri), "// a\n// b\nexport function start() {\n  // twelve-factor-disable-next-line logs/no-console\n  console.log('up');\n}\n");
    client.close(uri);
  });

  it('ignores diagnostics of other sources and answers without analysis', async () => {
    const uri = openNew("console.log('x');\n");
    await client.currentDiagnostics(uri, (d) => d.length > 0);
    const foreign: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } }, message: 'x', source: 'eslint', code: 'no-console' };
    assert.deepEqual(await client.codeActions(uri, [foreign]), []);
    client.close(uri);
  });

  it('"Show documentation" asks the client to show the rule page shipped with the extension', async () => {
    const uri = openNew("console.log('x');\n");
    const [diagnostic] = await client.currentDiagnostics(uri, (d) => d.length > 0);
    const show = actionsOf(await client.codeActions(uri, [diagnostic])).find((a) => a.title === 'Show documentation for logs/no-console')!;
    assert.deepEqual(show.command, {
      title: 'Show documentation for logs/no-console',
      command: SHOW_DOCUMENTATION_COMMAND,
      arguments: ['logs/no-console'],
    });
    assert.equal(show.edit, undefined);
    await client.executeCommand(show.command!.command, show.command!.arguments!);
    const shown = await client.waitFor('window/showDocument', () => client.shownDocuments[0]);
    assert.deepEqual(shown, { uri: pathToFileURL(path.join(ROOT, 'docs/rules/logs/no-console.md')).href, takeFocus: true });
    // An argument that is not a rule id never becomes a path.
    await client.executeCommand(SHOW_DOCUMENTATION_COMMAND, ['../../package']);
    assert.equal(client.shownDocuments.length, 1);
    client.close(uri);
  });

  it('writes nothing but LSP to stdout', () => {
    assert.deepEqual(client.protocolErrors, []);
  });
});

describe('code actions for a client without documentChanges or showDocument', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspTestClient;

  before(async () => {
    workspace = makeWorkspace();
    ({ client } = await LspTestClient.start({ capabilities: BARE, workspaceFolder: workspace }));
  });

  after(async () => {
    await client?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('edits through a `changes` map', async () => {
    const uri = uriOf(path.join(workspace, 'svc', 'src', 'main.ts'));
    client.open(uri, "console.log('x');\n");
    const [diagnostic] = await client.currentDiagnostics(uri, (d) => d.length > 0);
    const action = actionsOf(await client.codeActions(uri, [diagnostic])).find((a) => a.title === 'Disable logs/no-console for this line')!;
    assert.equal(action.edit!.documentChanges, undefined);
    assert.deepEqual(Object.keys(action.edit!.changes!), [uri]);
    client.applyWorkspaceEdit(action.edit!);
    assert.equal(client.text(uri), "// twelve-factor-disable-next-line logs/no-console\nconsole.log('x');\n");
    assert.deepEqual(await client.currentDiagnostics(uri), []);
  });

  it('moves a secret without creating .env.example it cannot create, and appends to one that exists', async () => {
    const envExample = path.join(workspace, 'svc', '.env.example');
    const uri = uriOf(path.join(workspace, 'svc', 'src', 'db.ts'));
    client.open(uri, "export const db = { password: 'Xk9#mPq2vL7wRt4z' };\n");
    const moveAction = async (): Promise<CodeAction> => {
      const [secret] = byRule('config/no-hardcoded-secret')(await client.currentDiagnostics(uri, (d) => d.length > 0));
      return actionsOf(await client.codeActions(uri, [secret])).find((a) => a.title === 'Move to environment variable DB_PASSWORD')!;
    };
    const missing = await moveAction();
    assert.deepEqual(Object.keys(missing.edit!.changes!), [uri], 'the source edit alone');
    fs.writeFileSync(envExample, 'PORT=');
    const present = await moveAction();
    assert.deepEqual(Object.keys(present.edit!.changes!), [uri, pathToFileURL(envExample).href]);
    client.applyWorkspaceEdit(present.edit!);
    assert.equal(client.text(uri), "export const db = { password: process.env.DB_PASSWORD || missingEnv('DB_PASSWORD') };\n\nfunction missingEnv(name: string): never {\n  throw new Error('Environment variable ' + name + ' is not set');\n}\n");
    assert.equal(fs.readFileSync(envExample, 'utf8'), 'PORT=\nDB_PASSWORD=\n');
  });

  it('shows the documentation address in a message', async () => {
    await client.executeCommand(SHOW_DOCUMENTATION_COMMAND, ['logs/no-console']);
    const message = await client.waitFor('the documentation message', () => client.messages.find((m) => m.includes('logs/no-console')));
    assert.match(message, /docs\/rules\/logs\/no-console\.md/);
    assert.deepEqual(client.shownDocuments, []);
  });
});

describe('workspaceEditFor (fixes that reach other files)', () => {
  const dir = '/project';
  const envExample = path.join(dir, '.env.example');
  const document = TextDocument.create(pathToFileURL(path.join(dir, 'src/db.ts')).href, 'typescript', 7, "const url = 'redis://cache:6379';\n");
  const moveFix = (exampleText: string | undefined): Fix => ({
    title: 'Move to environment variable REDIS_URL',
    safe: false,
    edits: [
      { start: 12, end: 32, newText: "process.env.REDIS_URL ?? 'redis://cache:6379'" },
      { file: envExample, start: exampleText?.length ?? 0, end: exampleText?.length ?? 0, newText: 'REDIS_URL=\n' },
    ],
    ...(exampleText === undefined ? { createFiles: [envExample] } : {}),
  });
  const files = (texts: Record<string, string>, versions: Record<string, number> = {}): OtherFiles => ({
    textOf: (file) => texts[file],
    versionOf: (file) => versions[file],
  });
  const full: EditCapabilities = { documentChanges: true, createFiles: true };
  const apply = (edit: WorkspaceEdit, disk: Record<string, string>): Record<string, string> => {
    const out: Record<string, string> = { [document.uri]: document.getText() };
    for (const [file, text] of Object.entries(disk)) out[pathToFileURL(file).href] = text;
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind === 'create') out[change.uri] ??= '';
        continue;
      }
      const edits = change.edits.map((e) => e as { range: never; newText: string });
      out[change.textDocument.uri] = TextDocument.applyEdits(TextDocument.create(change.textDocument.uri, 'x', 0, out[change.textDocument.uri]), edits);
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      out[uri] = TextDocument.applyEdits(TextDocument.create(uri, 'x', 0, out[uri]), edits);
    }
    return out;
  };
  const envUri = pathToFileURL(envExample).href;

  it('creates a missing .env.example before writing to it', () => {
    const edit = workspaceEditFor(document, [moveFix(undefined)], files({}), full)!;
    assert.deepEqual(
      edit.documentChanges!.map((c) =>
        'textDocument' in c ? `edit ${c.textDocument.uri}@${c.textDocument.version}` : `${c.kind} ${'uri' in c ? c.uri : ''} ${JSON.stringify(c.options)}`,
      ),
      [`edit ${document.uri}@7`, `create ${envUri} {"ignoreIfExists":true}`, `edit ${envUri}@null`],
    );
    const out = apply(edit, {});
    assert.equal(out[document.uri], "const url = process.env.REDIS_URL ?? 'redis://cache:6379';\n");
    assert.equal(out[envUri], 'REDIS_URL=\n');
  });

  it('appends to an existing .env.example, converting offsets with that file\'s own lines', () => {
    const existing = 'PORT=\r\nDATABASE_URL=\r\n';
    const edit = workspaceEditFor(document, [moveFix(existing)], files({ [envExample]: existing }), full)!;
    assert.ok(!edit.documentChanges!.some((c) => 'kind' in c), 'no CreateFile');
    const env = edit.documentChanges![1] as TextDocumentEdit;
    assert.deepEqual(env.edits[0], { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'REDIS_URL=\n' });
    assert.equal(apply(edit, { [envExample]: existing })[envUri], 'PORT=\r\nDATABASE_URL=\r\nREDIS_URL=\n');
  });

  it('uses the open version of another document the server has open', () => {
    const edit = workspaceEditFor(document, [moveFix('')], files({ [envExample]: '' }, { [envExample]: 4 }), full)!;
    assert.equal((edit.documentChanges![1] as TextDocumentEdit).textDocument.version, 4);
  });

  it('leaves out the part for a file the client cannot create, keeping this document\'s part', () => {
    const edit = workspaceEditFor(document, [moveFix(undefined)], files({}), { documentChanges: true, createFiles: false })!;
    assert.equal(edit.documentChanges!.length, 1);
    const changes = workspaceEditFor(document, [moveFix(undefined)], files({}), { documentChanges: false, createFiles: false })!;
    assert.deepEqual(Object.keys(changes.changes!), [document.uri]);
  });

  it('puts an existing other file in the `changes` map', () => {
    const changes = workspaceEditFor(document, [moveFix('A=\n')], files({ [envExample]: 'A=\n' }), { documentChanges: false, createFiles: false })!;
    assert.deepEqual(Object.keys(changes.changes!), [document.uri, envUri]);
    assert.equal(apply(changes, { [envExample]: 'A=\n' })[envUri], 'A=\nREDIS_URL=\n');
  });

  it('drops another file\'s part whose offsets no longer fit its text, and offers nothing without an edit here', () => {
    const edit = workspaceEditFor(document, [moveFix('LONGER=\nTEXT=\n')], files({ [envExample]: 'A=\n' }), full)!;
    assert.equal(edit.documentChanges!.length, 1);
    const onlyOther: Fix = { title: 'x', safe: true, edits: [{ file: envExample, start: 0, end: 0, newText: 'X=\n' }] };
    assert.equal(workspaceEditFor(document, [onlyOther], files({ [envExample]: '' }), full), undefined);
  });

  it('creates a fix\'s new file with its text, and offers the fix only where that file can be created and does not exist', () => {
    const logger = path.join(dir, 'src/logger.ts');
    const pkg = path.join(dir, 'package.json');
    const fix: Fix = {
      title: 'Add a pino logger in src/logger.ts and pino ^10.4.0 to package.json (then npm install)',
      safe: false,
      edits: [
        { start: 0, end: 0, newText: "import { logger } from './logger';\n" },
        { file: pkg, start: 1, end: 1, newText: ' "dependencies": { "pino": "^10.4.0" },', required: true },
      ],
      newFiles: [{ file: logger, text: "export const logger = 'x';\n" }],
    };
    const edit = workspaceEditFor(document, [fix], files({ [pkg]: '{}' }), full)!;
    const out = apply(edit, { [pkg]: '{}' });
    assert.equal(out[pathToFileURL(logger).href], "export const logger = 'x';\n");
    assert.equal(out[pathToFileURL(pkg).href], '{ "dependencies": { "pino": "^10.4.0" },}');
    assert.equal(workspaceEditFor(document, [fix], files({ [pkg]: '{}', [logger]: '// mine\n' }), full), undefined, 'never over an existing file');
    assert.equal(workspaceEditFor(document, [fix], files({ [pkg]: '{}' }), { documentChanges: true, createFiles: false }), undefined);
    // A required edit that no longer fits its file's text takes the whole fix away, not just its part.
    assert.equal(workspaceEditFor(document, [fix], files({ [pkg]: '' }), full), undefined);
  });
});

describe('documentationTarget', () => {
  it('prefers the shipped page, falls back to the published one, and refuses what is not a rule id', () => {
    const docs = path.join(ROOT, 'docs', 'rules');
    assert.deepEqual(documentationTarget('logs/no-console', docs, fs.existsSync), {
      uri: pathToFileURL(path.join(docs, 'logs', 'no-console.md')).href,
      external: false,
    });
    const web = documentationTarget('logs/no-console', '/nowhere', fs.existsSync)!;
    assert.equal(web.external, true);
    assert.match(web.uri, /^https:\/\/.*\/docs\/rules\/logs\/no-console\.md$/);
    for (const bad of ['../../package', 'logs/no-such-rule', 42, undefined]) {
      assert.equal(documentationTarget(bad, docs, () => true), undefined);
    }
  });
});
