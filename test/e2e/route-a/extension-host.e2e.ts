// Route A checks, run by mocha inside VS Code's extension host (see index.ts, stand-in.ts): they read what the
// extension gives VS Code through the API — diagnostics, code actions — where Route B reads the screen.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { serverCapabilities } from '../probe';

const EXTENSION_ID = 'twelve-factor.twelve-factor-lint';
const SOURCE = 'twelve-factor';
const SECRET = 'Xq7#kP2v9Lm4Rt8w';
const RULES = [
  'config/no-hardcoded-secret',
  'disposability/handle-sigterm',
  'port-binding/no-hardcoded-port',
  'logs/no-console',
];

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const codeOf = (d: vscode.Diagnostic): string | undefined =>
  typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
const ours = (uri: vscode.Uri): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

describe('Twelve-Factor Lint in the extension host', () => {
  let document: vscode.TextDocument;

  it('activates on a workspace with a package.json, before any source file is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} should be installed`);
    assert.deepEqual(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && d.uri.path.endsWith('.ts')), []);
    await waitFor('activation', () => (extension.isActive ? true : undefined));
    const [uri] = await vscode.workspace.findFiles('src/server.ts');
    assert.ok(uri, 'the workspace should hold src/server.ts');
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });

  it('publishes one diagnostic per finding, with source, rule id and docs link', async () => {
    const found = await waitFor('all our diagnostics', () => {
      const codes = ours(document.uri).map(codeOf);
      return RULES.every((rule) => codes.includes(rule)) ? ours(document.uri) : undefined;
    });
    assert.deepEqual(found.map(codeOf).sort(), [...RULES].sort());
    for (const diagnostic of found) {
      assert.ok(typeof diagnostic.code === 'object' && diagnostic.code.target, `${codeOf(diagnostic)} should link its docs`);
      // The link opens the bundled page through the extension's URI handler, never the web.
      assert.equal(
        diagnostic.code.target.toString(),
        `${vscode.env.uriScheme}://${EXTENSION_ID}/docs/rules/${codeOf(diagnostic)}`,
      );
      assert.ok(!diagnostic.message.includes(SECRET), `a message echoes the secret: ${diagnostic.message}`);
    }
  });

  it('opens a rule page as a read-only document of the bundled docs, rendered in the Markdown preview', async () => {
    await vscode.commands.executeCommand('twelveFactor.openRuleDocs', 'logs/no-console');
    const docs = await waitFor('the bundled page', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'twelve-factor-docs' && d.uri.path === '/rules/logs/no-console.md'),
    );
    assert.match(docs.getText(), /^# logs\/no-console/);
    assert.equal(docs.languageId, 'markdown');
    const preview = await waitFor('the preview tab', () =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.label === 'Preview no-console.md'),
    );
    assert.ok(preview.input instanceof vscode.TabInputWebview, 'a rendered preview, not a text editor');
    // Never an editable file: the page's file system is read-only (an editor on it opens read-only) and refuses writes.
    assert.equal(vscode.workspace.fs.isWritableFileSystem('twelve-factor-docs'), false);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(docs.uri, new TextEncoder().encode('changed'))));
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(docs.uri)), /^# logs\/no-console/);
    await vscode.window.tabGroups.close(preview);
  });

  it('answers the "Show documentation" code action with the bundled page, not the web', async () => {
    // The command the server advertises (executeCommandProvider); the client's middleware opens the page itself.
    await vscode.commands.executeCommand('twelveFactor.showDocumentation', 'disposability/handle-sigterm');
    const preview = await waitFor('the preview tab', () =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.label === 'Preview handle-sigterm.md'),
    );
    await vscode.window.tabGroups.close(preview);
  });

  it('offers "Disable … for this line" and applying it silences the finding', async function () {
    const serverJs = path.resolve(__dirname, '..', '..', '..', '..', 'server', 'out', 'server.js');
    if (!(await serverCapabilities(serverJs, process.env)).codeActionProvider) {
      if (this.test) this.test.title += ' [SKIPPED: the language server does not advertise codeActionProvider yet]';
      this.skip();
    }
    const diagnostic = ours(document.uri).find((d) => codeOf(d) === 'logs/no-console');
    assert.ok(diagnostic);
    const title = 'Disable logs/no-console for this line';
    // VS Code cancels a code-action request when the set of providers changes meanwhile (the TypeScript extension
    // registering its own): retry on Canceled (E2E.md).
    const action = await waitFor(`the "${title}" action`, async () => {
      try {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          document.uri,
          diagnostic.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        return actions.find((a) => a.title === title);
      } catch (error) {
        if (error instanceof Error && error.message.includes('Canceled')) return undefined;
        throw error;
      }
    });
    if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit));
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    assert.ok(document.getText().includes('// twelve-factor-disable-next-line logs/no-console'));
    await waitFor('the no-console diagnostic to go', () =>
      ours(document.uri).some((d) => codeOf(d) === 'logs/no-console') ? undefined : true,
    );
    assert.ok(!ours(document.uri).some((d) => codeOf(d) === 'codebase/no-unused-disable'), 'the new comment is in use');
  });
});
