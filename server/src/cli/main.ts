// The `twelve-factor-lint` command (bundled to server/out/cli.js). See run.ts.
import { isMainThread } from 'node:worker_threads';
import { runCli } from './run';

if (isMainThread) process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `twelve-factor-lint | head`: the reader went away; stop quietly.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

if (isMainThread) {
  void runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  }).then((code) => {
    process.exitCode = code;
  });
} else {
  // A --concurrency worker: the same bundle, started by cli/workers.ts.
  require('./workers');
}
