// The server on the files around the code: a Dockerfile, a .env.example (opened as `properties`, as an editor with
// a dotenv extension may) and a package.json get diagnostics, and code actions that apply.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../support/lsp-client';

const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => String(d.code)).sort();

describe('language server: package.json, Dockerfiles and .env files', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspTestClient;
  const uriOf = (relative: string): string => pathToFileURL(path.join(workspace, relative)).href;
  const files: Record<string, string> = {
    'package.json': '{\n  "name": "orders",\n  "private": true,\n  "scripts": {\n    "start": "node dist/main.js",\n    "start:prod": "node --env-file=.env.production dist/main.js"\n  },\n  "dependencies": { "express": "^4.19.0" }\n}\n',
    Dockerfile: '# syntax=docker/dockerfile:1\nFROM node:20-slim\nWORKDIR /app\nCOPY .env ./\nCOPY dist ./dist\nCMD ["node", "dist/main.js"]\n',
    '.env.example': 'DATABASE_URL=\n',
    'src/config.ts': 'export const databaseUrl = process.env.DATABASE_URL;\nexport const token = process.env.API_TOKEN;\n',
  };

  before(async () => {
    workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-lsp-files-')));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      fs.writeFileSync(path.join(workspace, file), text);
    }
    client = (
      await LspTestClient.start({
        workspaceFolder: workspace,
        settings: { enable: true, run: 'onType', rules: {}, includeTestsAndScripts: false },
        capabilities: {
          workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
          textDocument: { publishDiagnostics: { versionSupport: true } },
        },
      })
    ).client;
    await client.waitFor('the background index', () => client.logs.some((line) => /^Indexed \d+ files/.test(line)));
  });

  after(async () => {
    if (!client) return;
    await client.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('reports in a package.json: a deploy stage’s env file loaded by name in a script', async () => {
    const uri = uriOf('package.json');
    client.open(uri, files['package.json'], 'json');
    const diagnostics = await client.currentDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(codes(diagnostics), ['config/no-environment-groups']);
    assert.deepEqual(diagnostics[0].range, { start: { line: 5, character: 35 }, end: { line: 5, character: 50 } });
    // JSON has no comments: no disable-comment action, the documentation only.
    const actions = (await client.codeActions(uri, diagnostics)) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ['Show documentation for config/no-environment-groups']);
  });

  it('reports in a Dockerfile and disables with a # comment above the instruction', async () => {
    const uri = uriOf('Dockerfile');
    client.open(uri, files.Dockerfile, 'dockerfile');
    const diagnostics = await client.currentDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(codes(diagnostics), ['config/no-env-file-in-image']);
    assert.deepEqual(diagnostics[0].range, { start: { line: 3, character: 5 }, end: { line: 3, character: 9 } });
    const actions = (await client.codeActions(uri, diagnostics)) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles, [
      'Disable config/no-env-file-in-image for this line',
      'Disable config/no-env-file-in-image for this file',
      'Show documentation for config/no-env-file-in-image',
    ]);
    // The file-wide comment goes after the parser directive, which must stay first.
    client.applyWorkspaceEdit(actions[1].edit!);
    assert.match(client.text(uri), /^# syntax=docker\/dockerfile:1\n# twelve-factor-disable config\/no-env-file-in-image\nFROM/);
    await client.currentDiagnostics(uri, (d) => d.length === 0);
  });

  it('reports in .env.example the variables the code reads that it does not list, and its fix adds them', async () => {
    const uri = uriOf('.env.example');
    client.open(uri, files['.env.example'], 'properties');
    const diagnostics = await client.currentDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(codes(diagnostics), ['config/no-undocumented-env']);
    assert.match(String(diagnostics[0].message), /^1 variable the code reads is not listed here: API_TOKEN\./);
    const actions = (await client.codeActions(uri, diagnostics)) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Add API_TOKEN to .env.example');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.notEqual(fix.isPreferred, true);
    client.applyWorkspaceEdit(fix.edit);
    assert.equal(client.text(uri), 'DATABASE_URL=\nAPI_TOKEN=\n');
    await client.currentDiagnostics(uri, (d) => d.length === 0);
  });

  it('reports secrets in Dockerfile ENV/ARG defaults and in a committed .env template, at their own severity, never echoed', async () => {
    // Built at run time so that this file does not itself look like it leaks keys.
    const token = 'ghp_' + 'aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5';
    const aws = 'AKIA' + 'QWERTYUIOPASDFGH';
    const dockerfile = uriOf('deploy/api.Dockerfile');
    client.open(dockerfile, `FROM node:20-slim\nARG NPM_TOKEN=${token}\nENV DB_PASSWORD=supersecret\nENV NODE_ENV=production\n`, 'dockerfile');
    const inImage = await client.currentDiagnostics(dockerfile, (d) => d.length >= 2);
    assert.deepEqual(
      inImage.map((d) => [d.code, d.range.start.line, d.severity]),
      [['config/no-hardcoded-secret', 1, 1], ['config/no-hardcoded-secret', 2, 2]],
    );
    const sample = uriOf('.env.sample');
    client.open(sample, `PORT=3000\nAWS_ACCESS_KEY_ID=${aws}\nDB_PASSWORD=changeme\n`, 'properties');
    const inTemplate = await client.currentDiagnostics(sample, (d) => d.length > 0);
    assert.deepEqual(inTemplate.map((d) => [d.code, d.range.start.line, d.range.start.character, d.severity]), [['config/no-hardcoded-secret', 1, 18, 1]]);
    for (const d of [...inImage, ...inTemplate]) {
      for (const secret of [token, aws, 'supersecret']) assert.ok(!String(d.message).includes(secret), String(d.message));
    }
  });

  it('republishes .env.example as the code that reads the variables changes, unsaved', async () => {
    const example = uriOf('.env.example');
    const code = uriOf('src/config.ts');
    const before = client.count(example);
    client.open(code, `${files['src/config.ts']}export const region = process.env.S3_REGION;\n`);
    const diagnostics = await client.diagnosticsFor(example, '.env.example republished', (d) => d.length === 1, before);
    assert.match(String(diagnostics[0].message), /S3_REGION/);
    // Closing the buffer: the disk is the truth again, and the disk does not read S3_REGION.
    const afterOpen = client.count(example);
    client.close(code);
    await client.diagnosticsFor(example, '.env.example clean again', (d) => d.length === 0, afterOpen);
  });
});
