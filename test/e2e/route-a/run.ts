// Runs the Route A suite through @vscode/test-electron's runTests with ./code-stand-in as the VS Code executable.
// On a machine with internet the same suite could run in desktop VS Code by leaving vscodeExecutablePath out.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT, Scratch } from '../harness';

/** Resolves when the suite passed; rejects (TestRunFailedError) when a check failed. */
export async function runExtensionHostSuite(): Promise<void> {
  const scratch = new Scratch();
  try {
    await runTests({
      vscodeExecutablePath: path.join(REPO_ROOT, 'test', 'e2e', 'route-a', 'code-stand-in'),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [scratch.workspace, `--user-data-dir=${scratch.userData}`, `--extensions-dir=${scratch.extensions}`],
      // reaches the stand-in, the VS Code server and the extension host: keeps their files in the scratch folder
      extensionTestsEnv: {
        TMPDIR: scratch.env.TMPDIR,
        XDG_CONFIG_HOME: scratch.env.XDG_CONFIG_HOME,
        XDG_DATA_HOME: scratch.env.XDG_DATA_HOME,
        XDG_CACHE_HOME: scratch.env.XDG_CACHE_HOME,
      },
    });
  } finally {
    scratch.remove();
  }
}
