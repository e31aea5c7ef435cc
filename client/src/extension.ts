// Starts the Twelve-Factor language server and nothing else: the client knows no rules.
import path from 'node:path';
import {
  StatusBarAlignment,
  commands,
  window,
  type ExtensionContext,
  type LogOutputChannel,
  type StatusBarItem,
} from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

const CLIENT_ID = 'twelveFactor';
const CLIENT_NAME = 'Twelve-Factor Lint';
const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
/**
 * The files around the code, by name whatever their language id (`.env` files are `dotenv`, `properties` or plain
 * text depending on the extensions installed). test/meta.test.ts checks this list against the analyzer's.
 */
const FILE_PATTERNS = [
  '**/package.json',
  '**/.twelvefactorrc.json',
  '**/{Dockerfile,dockerfile,Containerfile,containerfile}',
  '**/{Dockerfile,dockerfile,Containerfile,containerfile}.*',
  '**/*.{Dockerfile,dockerfile,Containerfile,containerfile}',
  '**/.env',
  '**/.env.*',
  '**/*.env',
];

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel(CLIENT_NAME, { log: true });
  const status = window.createStatusBarItem(StatusBarAlignment.Right, 0);
  status.name = CLIENT_NAME;
  status.command = 'twelveFactor.restartServer';
  context.subscriptions.push(output, status);
  showState(status, State.Starting);
  status.show();

  client = createClient(context, output);
  context.subscriptions.push(
    client.onDidChangeState((event) => showState(status, event.newState)),
    commands.registerCommand('twelveFactor.restartServer', async () => {
      if (!client) return;
      try {
        await client.restart();
      } catch (error) {
        reportFailure(output, 'restart', error);
      }
    }),
  );
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

function createClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      { scheme: 'file', language: 'dockerfile' },
      ...FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
    ],
    // Settings are pulled per document by the server (workspace/configuration); changes are forwarded.
    synchronize: { configurationSection: CLIENT_ID },
    outputChannel: output,
    // The server registers its own file watchers (every file kind it reads, and the ignore and workspace files).
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}

function showState(status: StatusBarItem, state: State): void {
  switch (state) {
    case State.Running:
      status.text = '$(check) 12-Factor';
      status.tooltip = 'Twelve-Factor Lint: running. Click to restart the server.';
      break;
    case State.Starting:
      status.text = '$(sync~spin) 12-Factor';
      status.tooltip = 'Twelve-Factor Lint: starting…';
      break;
    case State.Stopped:
      status.text = '$(circle-slash) 12-Factor';
      status.tooltip = 'Twelve-Factor Lint: stopped. Click to restart the server.';
      break;
  }
}

function reportFailure(output: LogOutputChannel, action: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  output.error(`Could not ${action} the server: ${error instanceof Error && error.stack ? error.stack : message}`);
  void window.showErrorMessage(`Twelve-Factor Lint: could not ${action} the server: ${message}`, 'Show Output').then((choice) => {
    if (choice === 'Show Output') output.show();
  });
}
