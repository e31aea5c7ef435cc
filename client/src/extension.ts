// Starts the Twelve-Factor language server and shows what it finds: the status item, the Twelve-Factor view and the
// bundled docs. The client knows no rules: findings, counts and factor texts all come from the server.
import path from 'node:path';
import {
  ConfigurationTarget,
  Range,
  Selection,
  Uri,
  commands,
  languages,
  window,
  workspace,
  type ExtensionContext,
  type LogOutputChannel,
  type QuickPickItem,
} from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type DocumentFilter,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { FILE_PATTERNS, LANGUAGES, OTHER_LANGUAGES } from '../../server/src/lsp/languages';
import {
  FILE_FINDINGS_REQUEST,
  STATUS_NOTIFICATION,
  type FileFindingsResult,
  type IndexStatus,
} from '../../server/src/lsp/protocol';
import { BundledDocs, DIAGNOSTIC_SOURCE, factorPage, rulePage } from './docs';
import { ReportFeed } from './report-feed';
import { MENU_COMMAND, StatusItem } from './status';
import { FactorTree, VIEW_ID, type Node } from './view';

const CLIENT_ID = 'twelveFactor';
const CLIENT_NAME = 'Twelve-Factor Lint';
/** The server-side command of the "Show documentation" code action, answered here with the bundled page. */
const SHOW_DOCUMENTATION_COMMAND = 'twelveFactor.showDocumentation';
const WALKTHROUGH = 'firstTenMinutes';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel(CLIENT_NAME, { log: true });
  const status = new StatusItem();
  const docs = new BundledDocs(context.extensionUri, context.extension.id);
  docs.register(context);
  const tree = new FactorTree(async (uri) => {
    if (!client?.isRunning()) return undefined;
    try {
      return await client.sendRequest<FileFindingsResult>(FILE_FINDINGS_REQUEST, { uri: uri.toString() });
    } catch (error) {
      output.warn(`twelveFactor/fileFindings failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  });
  const view = window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const feed = new ReportFeed(() => client, tree, view, (message) => output.warn(message));
  context.subscriptions.push(output, status, view, feed);

  const updateEnablement = (): void => {
    const disabled = isDisabled();
    status.update({ disabled });
    void commands.executeCommand('setContext', 'twelveFactor.off', disabled);
    if (disabled) feed.clear(undefined);
    else feed.requestSoon(0);
  };

  client = createClient(context, output, docs);
  context.subscriptions.push(
    client.onDidChangeState((event) => {
      const state = event.newState === State.Running ? 'running' : event.newState === State.Starting ? 'starting' : 'stopped';
      status.update({ client: state, ...(state === 'running' ? {} : { index: undefined }) });
      void commands.executeCommand('setContext', 'twelveFactor.running', state === 'running');
      if (state === 'running') feed.requestSoon(0);
      else feed.clear(state === 'stopped' ? 'The Twelve-Factor Lint server is not running. Restart it from the status bar item.' : undefined);
    }),
    client.onNotification(STATUS_NOTIFICATION, (index: IndexStatus) => {
      status.update({ index });
      if (!status.current.disabled) feed.showBadge(index.counts);
      feed.requestSoon();
    }),
    workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('twelveFactor.enable')) updateEnablement();
    }),
    workspace.onDidChangeWorkspaceFolders(() => updateEnablement()),
    ...registerCommands(context, output, docs, feed, status),
  );
  updateEnablement();

  try {
    await client.start();
  } catch (error) {
    // Shown, never swallowed: a server that does not start leaves the user with no squiggles and no clue.
    reportFailure(output, 'start', error);
    throw error;
  }
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}

function createClient(context: ExtensionContext, output: LogOutputChannel, docs: BundledDocs): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language): DocumentFilter[] => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]).concat(
      OTHER_LANGUAGES.map((language) => ({ scheme: 'file', language })),
      // package.json, Dockerfiles and .env files by name, whatever their language id.
      FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
    ),
    // Settings are pulled per document by the server (workspace/configuration); changes are forwarded.
    synchronize: { configurationSection: CLIENT_ID },
    outputChannel: output,
    initializationOptions: { statusNotifications: true },
    middleware: {
      // The rule link of each diagnostic opens the bundled page, offline, instead of the web.
      handleDiagnostics: (uri, diagnostics, next) => {
        docs.rewriteLinks(diagnostics);
        next(uri, diagnostics);
      },
      // "Show documentation for <rule>": the bundled page, rendered read-only.
      executeCommand: async (command, args, next) => {
        if (command === SHOW_DOCUMENTATION_COMMAND && typeof args[0] === 'string') {
          if (await docs.open(rulePage(args[0]))) return undefined;
        }
        return next(command, args);
      },
    },
    // The server registers its own file watchers (every file kind it reads, and the ignore and workspace files).
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}

/** Off when `twelveFactor.enable` is false for every workspace folder (or for the window without folders). */
function isDisabled(): boolean {
  const folders = workspace.workspaceFolders ?? [];
  if (folders.length === 0) return workspace.getConfiguration(CLIENT_ID).get<boolean>('enable') === false;
  return folders.every((folder) => workspace.getConfiguration(CLIENT_ID, folder.uri).get<boolean>('enable') === false);
}

function registerCommands(
  context: ExtensionContext,
  output: LogOutputChannel,
  docs: BundledDocs,
  feed: ReportFeed,
  status: StatusItem,
): { dispose(): void }[] {
  const slugOf = (arg: unknown): string | undefined =>
    typeof arg === 'string' ? arg : isNode(arg) && 'row' in arg ? arg.row.factor.slug : isNode(arg) && arg.kind === 'rule' ? arg.factor.factor.slug : undefined;
  const ruleOf = (arg: unknown): string | undefined => (typeof arg === 'string' ? arg : isNode(arg) && arg.kind === 'rule' ? arg.rule.ruleId : undefined);
  const setEnabled = async (enable: boolean): Promise<void> => {
    await workspace.getConfiguration(CLIENT_ID).update('enable', enable, ConfigurationTarget.Workspace);
  };
  return [
    commands.registerCommand('twelveFactor.restartServer', async () => {
      if (!client) return;
      try {
        await client.restart();
      } catch (error) {
        reportFailure(output, 'restart', error);
      }
    }),
    commands.registerCommand('twelveFactor.showView', () => commands.executeCommand(`${VIEW_ID}.focus`)),
    commands.registerCommand('twelveFactor.refreshView', () => feed.requestSoon(0)),
    commands.registerCommand('twelveFactor.showOutput', () => output.show()),
    commands.registerCommand('twelveFactor.openFactorDocs', async (arg?: unknown) => {
      const slug = slugOf(arg);
      if (slug) await docs.open(factorPage(slug));
    }),
    commands.registerCommand('twelveFactor.openRuleDocs', async (arg?: unknown) => {
      const ruleId = ruleOf(arg);
      if (ruleId) await docs.open(rulePage(ruleId));
    }),
    commands.registerCommand('twelveFactor.showDocs', async () => {
      const pages = await docs.pages();
      const picked = await window.showQuickPick(
        pages.map((page) => ({ label: page.title, description: page.description, page: page.page })),
        { title: 'Twelve-Factor Lint: documentation', placeHolder: 'A factor or a rule', matchOnDescription: true },
      );
      if (picked) await docs.open(picked.page);
    }),
    commands.registerCommand('twelveFactor.disableWorkspace', () => setEnabled(false)),
    commands.registerCommand('twelveFactor.enableWorkspace', () => setEnabled(true)),
    commands.registerCommand('twelveFactor.getStarted', () =>
      commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH}`, false),
    ),
    commands.registerCommand('twelveFactor.openSample', () => openSample(context)),
    commands.registerCommand('twelveFactor.trySnippets', () => trySnippets()),
    commands.registerCommand(MENU_COMMAND, () => showMenu(status)),
  ];
}

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && typeof (value as { kind?: unknown }).kind === 'string';
}

interface MenuItem extends QuickPickItem {
  run(): Thenable<unknown> | void;
}

async function showMenu(status: StatusItem): Promise<void> {
  const { disabled, index, client: state } = status.current;
  const items: MenuItem[] = [];
  const problem = index?.configProblems[0];
  if (problem) {
    items.push({
      label: '$(warning) Open the broken .twelvefactorrc.json',
      detail: `Line ${problem.line + 1}: ${problem.message}`,
      run: () => window.showTextDocument(Uri.parse(problem.uri), { selection: new Range(problem.line, 0, problem.line, 0) }),
    });
  }
  items.push(
    { label: '$(list-tree) Show the Twelve-Factor view', run: () => commands.executeCommand('twelveFactor.showView') },
    { label: '$(output) Show the output', run: () => commands.executeCommand('twelveFactor.showOutput') },
    { label: '$(book) Read the factor and rule docs…', run: () => commands.executeCommand('twelveFactor.showDocs') },
    { label: '$(mortar-board) Get started: the first ten minutes', run: () => commands.executeCommand('twelveFactor.getStarted') },
    disabled
      ? { label: '$(check) Enable for this workspace', run: () => commands.executeCommand('twelveFactor.enableWorkspace') }
      : { label: '$(circle-slash) Disable for this workspace', run: () => commands.executeCommand('twelveFactor.disableWorkspace') },
    {
      label: '$(debug-restart) Restart the server',
      description: state === 'stopped' ? 'the server is stopped' : undefined,
      run: () => commands.executeCommand('twelveFactor.restartServer'),
    },
  );
  const picked = await window.showQuickPick(items, { title: 'Twelve-Factor Lint', placeHolder: status.item.tooltip?.toString() });
  if (picked) await picked.run();
}

/** The walkthrough's quick-fix step: a small service with findings, the cursor on the hard-coded port, the fix menu. */
async function openSample(context: ExtensionContext): Promise<void> {
  const bytes = await workspace.fs.readFile(Uri.joinPath(context.extensionUri, 'media', 'walkthrough', 'sample-service.ts'));
  const document = await workspace.openTextDocument({ language: 'typescript', content: new TextDecoder().decode(bytes) });
  const editor = await window.showTextDocument(document);
  const offset = document.getText().indexOf('3000');
  if (offset < 0) return;
  const start = document.positionAt(offset);
  editor.selection = new Selection(start, start);
  editor.revealRange(new Range(start, start));
  // Wait (bounded) for our diagnostics on the sample, so the menu lists our fixes and not an empty one.
  const ready = (): boolean => languages.getDiagnostics(document.uri).some((d) => d.source === DIAGNOSTIC_SOURCE);
  if (!ready()) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 10_000);
      const listener = languages.onDidChangeDiagnostics(() => {
        if (ready()) done();
      });
      function done(): void {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      }
    });
  }
  if (ready()) await commands.executeCommand('editor.action.quickFix');
}

/** The walkthrough's snippet step: a new TypeScript file with `12f-` typed and the suggestions open. */
async function trySnippets(): Promise<void> {
  const content = '// Pick a 12f- snippet: each one writes a part of a twelve-factor service the right way.\n\n';
  const document = await workspace.openTextDocument({ language: 'typescript', content });
  const editor = await window.showTextDocument(document);
  const end = document.positionAt(content.length);
  await editor.edit((edit) => edit.insert(end, '12f-'));
  const after = document.positionAt(document.getText().length);
  editor.selection = new Selection(after, after);
  await commands.executeCommand('editor.action.triggerSuggest');
}

function reportFailure(output: LogOutputChannel, action: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  output.error(`Could not ${action} the server: ${error instanceof Error && error.stack ? error.stack : message}`);
  void window.showErrorMessage(`Twelve-Factor Lint: could not ${action} the server: ${message}`, 'Show Output').then((choice) => {
    if (choice === 'Show Output') output.show();
  });
}
