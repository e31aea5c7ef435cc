// `twelveFactor/report` and `twelveFactor/status` over stdio, as the VS Code view and status item use them: the whole
// workspace's findings (files never opened included), per project, factor, rule and file, live with edits and
// watched-file changes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { FACTORS } from '../../server/src/analyzer/rule';
import { RULES } from '../../server/src/analyzer/rules/index';
import type { FactorRow } from '../../server/src/analyzer/report';
import {
  FILE_FINDINGS_REQUEST,
  REPORT_REQUEST,
  STATUS_NOTIFICATION,
  type FileFindingsResult,
  type IndexStatus,
  type ProjectReport,
  type ReportResult,
} from '../../server/src/lsp/protocol';
import { LspTestClient } from '../support/lsp-client';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURE = path.join(ROOT, 'test/fixtures/lsp/report');
const CONSOLE_SEVERITY = RULES.find((rule) => rule.id === 'logs/no-console')!.severity;

const CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

function copyFixture(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-report-')));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const factor = (project: ProjectReport, slug: string): FactorRow => project.report.factors.find((row) => row.factor.slug === slug)!;
const project = (result: ReportResult, name: string): ProjectReport => {
  const found = result.projects.find((p) => p.name === name);
  assert.ok(found, `no project ${name} in ${JSON.stringify(result.projects.map((p) => p.name))}`);
  return found;
};
/** `file:line ruleId` of every finding listed in a project's report. */
const listed = (p: ProjectReport): string[] =>
  p.report.factors
    .flatMap((row) => row.rules.flatMap((rule) => rule.files.flatMap((file) => file.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`))))
    .sort();

describe('twelveFactor/report (bundled server, --stdio)', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspTestClient;
  const fileUri = (relative: string): string => pathToFileURL(path.join(workspace, relative)).href;
  const report = (params: Record<string, unknown> = {}): Promise<ReportResult> =>
    client.connection.sendRequest(REPORT_REQUEST, params) as Promise<ReportResult>;
  /** Polls the report after every message from the server until `accept` holds. */
  const reportWhere = async (what: string, accept: (result: ReportResult) => boolean): Promise<ReportResult> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const result = await report();
      if (accept(result)) return result;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for a report where ${what}: ${JSON.stringify(result.projects.map(listed))}`);
      const seen = client.logs.length + client.notifications.length + client.diagnostics.size;
      await client
        .waitFor('any message', () => client.logs.length + client.notifications.length + client.diagnostics.size !== seen || undefined)
        .catch(() => undefined);
    }
  };
  const watched = (relative: string, type: FileChangeType): void => {
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(relative), type }] });
  };

  before(async () => {
    workspace = copyFixture();
    ({ client } = await LspTestClient.start({
      workspaceFolder: workspace,
      capabilities: CAPABILITIES,
      initializationOptions: { statusNotifications: true },
    }));
    await client.waitFor('the background index', () => client.logs.some((line) => /^Indexed \d+ files/.test(line)));
  });

  after(async () => {
    await client?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('reports files that were never opened, per project (nearest package.json), all twelve factors in order', async () => {
    const result = await report();
    assert.equal(result.indexing, false);
    assert.deepEqual(result.projects.map((p) => [p.name, p.relativePath]), [['orders-api', 'api'], ['billing-worker', 'worker']]);
    const api = project(result, 'orders-api');
    assert.equal(api.rootUri, pathToFileURL(path.join(workspace, 'api')).href);
    assert.deepEqual(api.report.factors.map((row) => row.factor.numeral), ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']);
    assert.deepEqual(listed(api), [
      'src/db.ts:3 config/no-hardcoded-secret',
      'src/orders.ts:5 logs/no-console',
      'src/orders.ts:7 logs/no-console',
      'src/server.ts:6 disposability/handle-sigterm',
      'src/server.ts:6 logs/no-console',
      'src/server.ts:6 port-binding/no-hardcoded-port',
    ]);
    // Three sources and the package.json.
    assert.equal(api.report.filesScanned, 4);
    assert.equal(api.report.counts.error, 1);
    assert.equal(api.report.counts.warning, 2);
    assert.equal(api.report.counts[CONSOLE_SEVERITY], 3);
    const logs = factor(api, 'logs');
    assert.equal(logs.state, 'findings');
    const consoleRule = logs.rules.find((rule) => rule.ruleId === 'logs/no-console')!;
    // Grouped per file, the file with more findings first, with counts.
    assert.deepEqual(consoleRule.files.map((f) => [f.file, f.counts[CONSOLE_SEVERITY]]), [['src/orders.ts', 2], ['src/server.ts', 1]]);
    const secret = factor(api, 'config').rules[0].files[0].findings[0];
    assert.deepEqual([secret.line, secret.column, secret.endLine], [3, 75, 3]);
    assert.ok(!secret.message.includes('Xq7#kP2v9Lm4Rt8w'), 'the report never echoes the secret');
    // Dependencies is checked from code now (no-undeclared-import, no-system-tool), and this project declares what it uses.
    assert.equal(factor(api, 'dependencies').state, 'clean');
    // A factor no rule checks still says to check it by hand (which one moves as rules are added).
    const unchecked = FACTORS.find((slug) => !RULES.some((rule) => rule.factor === slug));
    if (unchecked) assert.equal(factor(api, unchecked).state, 'not-checkable');
    const worker = project(result, 'billing-worker');
    assert.deepEqual(listed(worker), []);
    assert.equal(factor(worker, 'disposability').state, 'clean');
    assert.deepEqual(result.counts, { error: 1, warning: 2, info: CONSOLE_SEVERITY === 'info' ? 3 : 0, hint: CONSOLE_SEVERITY === 'hint' ? 3 : 0 });
  });

  it('lists at most maxFindingsPerFile findings per rule and file, and still counts them all', async () => {
    const api = project(await report({ maxFindingsPerFile: 1 }), 'orders-api');
    const consoleRule = factor(api, 'logs').rules.find((rule) => rule.ruleId === 'logs/no-console')!;
    assert.deepEqual(consoleRule.files.map((f) => [f.file, f.findings.length, f.counts[CONSOLE_SEVERITY]]), [
      ['src/orders.ts', 1, 2],
      ['src/server.ts', 1, 1],
    ]);
  });

  it('sends counts only when asked for no findings, and one file\'s findings on request (twelveFactor/fileFindings)', async () => {
    const api = project(await report({ maxFindingsPerFile: 0 }), 'orders-api');
    assert.deepEqual(listed(api), []);
    assert.equal(api.report.counts[CONSOLE_SEVERITY], 3);
    const one = (await client.connection.sendRequest(FILE_FINDINGS_REQUEST, { uri: fileUri('api/src/server.ts') })) as FileFindingsResult;
    assert.equal(one.rootUri, pathToFileURL(path.join(workspace, 'api')).href);
    assert.deepEqual(one.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`), [
      'src/server.ts:6:1 disposability/handle-sigterm',
      'src/server.ts:6:12 port-binding/no-hardcoded-port',
      'src/server.ts:6:24 logs/no-console',
    ]);
    const none = (await client.connection.sendRequest(FILE_FINDINGS_REQUEST, { uri: fileUri('worker/src/index.ts') })) as FileFindingsResult;
    assert.deepEqual(none.findings, []);
  });

  it('follows an open buffer while it is edited, and the disk again once it is closed', async () => {
    const uri = fileUri('api/src/orders.ts');
    const text = fs.readFileSync(path.join(workspace, 'api/src/orders.ts'), 'utf8');
    client.open(uri, text);
    client.setText(uri, text.replace("  console.log('listing orders');\n", ''));
    const edited = await reportWhere('the deleted console call is gone', (r) =>
      !listed(project(r, 'orders-api')).includes('src/orders.ts:5 logs/no-console'),
    );
    assert.ok(listed(project(edited, 'orders-api')).includes('src/orders.ts:6 logs/no-console'), 'the other call moved up a line');
    client.close(uri); // unsaved: the file on disk still has both calls
    await reportWhere('both calls are back from the disk', (r) =>
      ['src/orders.ts:5 logs/no-console', 'src/orders.ts:7 logs/no-console'].every((f) => listed(project(r, 'orders-api')).includes(f)),
    );
  });

  it('takes in files created and deleted on disk (watched files), with project facts applied', async () => {
    fs.writeFileSync(path.join(workspace, 'api/src/jobs.ts'), "export function run() {\n  console.warn('job');\n}\n");
    watched('api/src/jobs.ts', FileChangeType.Created);
    await reportWhere('the new file is listed', (r) => listed(project(r, 'orders-api')).includes('src/jobs.ts:2 logs/no-console'));
    // A SIGTERM handler in another closed file voids the server's finding, as in the editor.
    fs.writeFileSync(path.join(workspace, 'api/src/shutdown.ts'), "process.on('SIGTERM', () => process.exit(0));\n");
    watched('api/src/shutdown.ts', FileChangeType.Created);
    await reportWhere('the SIGTERM finding is gone', (r) => !listed(project(r, 'orders-api')).includes('src/server.ts:6 disposability/handle-sigterm'));
    for (const file of ['api/src/jobs.ts', 'api/src/shutdown.ts']) {
      fs.rmSync(path.join(workspace, file));
      watched(file, FileChangeType.Deleted);
    }
    await reportWhere('both files are gone and the SIGTERM finding is back', (r) => {
      const api = listed(project(r, 'orders-api'));
      return !api.some((f) => f.startsWith('src/jobs.ts')) && api.includes('src/server.ts:6 disposability/handle-sigterm');
    });
  });

  it('re-reads the workspace when a package.json changes, dropping files that are gone and keeping the rest', async () => {
    fs.writeFileSync(path.join(workspace, 'api/src/legacy.ts'), "console.info('legacy');\n");
    watched('api/src/legacy.ts', FileChangeType.Created);
    await reportWhere('the new file is listed', (r) => listed(project(r, 'orders-api')).includes('src/legacy.ts:1 logs/no-console'));
    // Deleted without a watched event (a branch switch outside the editor): the next full read drops it.
    fs.rmSync(path.join(workspace, 'api/src/legacy.ts'));
    const indexedBefore = client.logs.filter((line) => /^Indexed \d+ files/.test(line)).length;
    watched('api/package.json', FileChangeType.Changed);
    await client.waitFor('a second full index', () => client.logs.filter((line) => /^Indexed \d+ files/.test(line)).length > indexedBefore);
    const api = listed(project(await report(), 'orders-api'));
    assert.ok(!api.some((f) => f.startsWith('src/legacy.ts')), 'the deleted file is gone');
    assert.equal(api.length, 6, `the other findings stay: ${JSON.stringify(api)}`);
  });

  it('publishes a console call as a Hint diagnostic, one per call (issue 11: the default level)', async () => {
    const uri = fileUri('api/src/orders.ts');
    client.open(uri, fs.readFileSync(path.join(workspace, 'api/src/orders.ts'), 'utf8'));
    const diagnostics = await client.currentDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.severity]), [
      ['logs/no-console', 4, 4],
      ['logs/no-console', 6, 4],
    ]);
    client.close(uri);
  });

  it('sends twelveFactor/status with the same counts as the report once indexing is done', async () => {
    const result = await report();
    // Status notifications are coalesced (one per 150 ms): the one that follows the last change carries its counts.
    const status = await client.waitFor('a status notification matching the report', () => {
      const last = client.notifications.filter((n) => n.method === STATUS_NOTIFICATION).at(-1)?.params as IndexStatus | undefined;
      return last && !last.indexing && JSON.stringify(last.counts) === JSON.stringify(result.counts) ? last : undefined;
    });
    assert.deepEqual(status.counts, { error: 1, warning: 2, info: CONSOLE_SEVERITY === 'info' ? 3 : 0, hint: CONSOLE_SEVERITY === 'hint' ? 3 : 0 });
    // Four sources and the two projects' package.json files.
    assert.equal(status.filesIndexed, 6);
    assert.deepEqual(status.configProblems, []);
    assert.equal(status.limitReached, false);
  });
});

describe('twelveFactor/report with editor settings and config files', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspTestClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('lists the project checks\' findings (a variable missing from .env.example) in the report, the status and fileFindings, without opening a file', async () => {
    workspace = copyFixture();
    fs.writeFileSync(
      path.join(workspace, 'api/package.json'),
      '{ "name": "orders-api", "private": true, "scripts": { "start": "node dist/server.js" }, "dependencies": { "express": "^4.19.2", "pg": "^8.11.0" } }\n',
    );
    fs.writeFileSync(path.join(workspace, 'api/.env.example'), 'PORT=3000\n');
    fs.writeFileSync(path.join(workspace, 'api/src/env.ts'), 'export const queue = process.env.ORDERS_QUEUE_URL;\n');
    ({ client } = await LspTestClient.start({ workspaceFolder: workspace, capabilities: CAPABILITIES, initializationOptions: { statusNotifications: true } }));
    const c = client;
    await c.waitFor('the background index', () => c.logs.some((line) => /^Indexed \d+ files/.test(line)));
    const result = (await c.connection.sendRequest(REPORT_REQUEST, {})) as ReportResult;
    const api = project(result, 'orders-api');
    assert.ok(listed(api).includes('.env.example:1 config/no-undocumented-env'), JSON.stringify(listed(api)));
    const row = factor(api, 'config').rules.find((rule) => rule.ruleId === 'config/no-undocumented-env')!;
    assert.match(row.files[0].findings[0].message, /ORDERS_QUEUE_URL/);
    const documented = RULES.find((rule) => rule.id === 'config/no-undocumented-env')!.severity;
    const before = { error: 1, warning: 2, info: CONSOLE_SEVERITY === 'info' ? 3 : 0, hint: CONSOLE_SEVERITY === 'hint' ? 3 : 0 };
    const expected = { ...before, [documented]: before[documented] + 1 };
    assert.deepEqual(api.report.counts, expected, 'the per-file findings and the project check\'s');
    const status = await c.waitFor('a status with the same counts', () => {
      const last = c.notifications.filter((n) => n.method === STATUS_NOTIFICATION).at(-1)?.params as IndexStatus | undefined;
      return last && !last.indexing && JSON.stringify(last.counts) === JSON.stringify(result.counts) ? last : undefined;
    });
    assert.deepEqual(status.counts, expected);
    const one = (await c.connection.sendRequest(FILE_FINDINGS_REQUEST, { uri: pathToFileURL(path.join(workspace, 'api/.env.example')).href })) as FileFindingsResult;
    assert.deepEqual(one.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`), ['.env.example:1:1 config/no-undocumented-env']);

    // Listed, the finding goes from the report too.
    fs.writeFileSync(path.join(workspace, 'api/.env.example'), 'PORT=3000\nORDERS_QUEUE_URL=\n');
    void c.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(path.join(workspace, 'api/.env.example')).href, type: FileChangeType.Changed }],
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const now = listed(project((await c.connection.sendRequest(REPORT_REQUEST, {})) as ReportResult, 'orders-api'));
      if (!now.some((f) => f.endsWith('config/no-undocumented-env'))) break;
      if (Date.now() > deadline) assert.fail(`still listed: ${JSON.stringify(now)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('applies twelveFactor.rules to files never opened, and warns once about an unknown rule id', async () => {
    workspace = copyFixture();
    ({ client } = await LspTestClient.start({
      workspaceFolder: workspace,
      capabilities: CAPABILITIES,
      settings: { enable: true, run: 'onType', rules: { 'logs/no-console': 'off', 'logs/no-consol': 'warning', 'config/nope': 'off' } },
    }));
    const c = client;
    await c.waitFor('the background index', () => c.logs.some((line) => /^Indexed \d+ files/.test(line)));
    const api = project((await c.connection.sendRequest(REPORT_REQUEST, {})) as ReportResult, 'orders-api');
    assert.ok(!listed(api).some((f) => f.endsWith('logs/no-console')), 'console findings are off');
    assert.equal(factor(api, 'logs').rules.find((rule) => rule.ruleId === 'logs/no-console')!.enabled, false);
    const warning = await c.waitFor('the unknown-rule warning', () => c.messages.find((m) => m.includes('twelveFactor.rules')));
    assert.match(warning, /"config\/nope"/);
    assert.match(warning, /"logs\/no-consol" \(did you mean "logs\/no-console"\?\)/);
    assert.equal(c.messages.filter((m) => m.includes('twelveFactor.rules')).length, 1, 'shown once for all the folder and its files');
  });

  it('flags a broken .twelvefactorrc.json at the line of the error without any file open, and clears it when fixed', async () => {
    workspace = copyFixture();
    const config = path.join(workspace, 'api', '.twelvefactorrc.json');
    fs.writeFileSync(config, '{\n  "rules": {\n    "logs/no-console": "off",\n    "logs/no-consoel": "off"\n  }\n}\n');
    ({ client } = await LspTestClient.start({
      workspaceFolder: workspace,
      capabilities: CAPABILITIES,
      initializationOptions: { statusNotifications: true },
    }));
    const c = client;
    const configUri = pathToFileURL(config).href;
    const flagged = await c.diagnosticsFor(configUri, 'a diagnostic on the config file', (d) => d.length > 0);
    assert.equal(flagged.length, 1);
    assert.equal(flagged[0].range.start.line, 3, 'on the line of the unknown rule');
    assert.match(String(flagged[0].message), /unknown rule "logs\/no-consoel"/);
    const broken = await c.waitFor('a status with the config problem', () => {
      const last = c.notifications.filter((n) => n.method === STATUS_NOTIFICATION).at(-1)?.params as IndexStatus | undefined;
      return last && last.configProblems.length > 0 ? last : undefined;
    });
    assert.deepEqual(broken.configProblems.map((p) => [p.uri, p.line]), [[configUri, 3]]);

    // A syntax error is flagged where it is, too.
    const before = c.count(configUri);
    fs.writeFileSync(config, '{\n  "rules": {\n    "logs/no-console": "off"\n    "port-binding/no-hardcoded-port": "off"\n  }\n}\n');
    void c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
    const syntax = await c.diagnosticsFor(configUri, 'the syntax error', (d) => d.some((x) => /JSON syntax error/.test(String(x.message))), before);
    assert.equal(syntax[0].range.start.line, 3, 'the missing comma is noticed where the next property starts');

    const fixedAt = c.count(configUri);
    fs.writeFileSync(config, '{\n  "rules": {\n    "logs/no-console": "off"\n  }\n}\n');
    void c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
    await c.diagnosticsFor(configUri, 'the warning cleared', (d) => d.length === 0, fixedAt);
    await c.waitFor('a status without config problems', () => {
      const last = c.notifications.filter((n) => n.method === STATUS_NOTIFICATION).at(-1)?.params as IndexStatus | undefined;
      return last && !last.indexing && last.configProblems.length === 0 ? true : undefined;
    });
    // The fixed config applies to files that were never opened.
    const api = project((await c.connection.sendRequest(REPORT_REQUEST, {})) as ReportResult, 'orders-api');
    assert.ok(!listed(api).some((f) => f.endsWith('logs/no-console')), JSON.stringify(listed(api)));
  });
});
