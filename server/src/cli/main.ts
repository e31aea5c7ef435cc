// The `twelve-factor-lint` command (bundled to server/out/cli.js). See run.ts.
//
// Output is written synchronously to the descriptors, not through process.stdout: a write error (ENOSPC on a full
// disk, EPIPE when the reader went away) is then thrown where run.ts can turn it into one line and exit code 2,
// instead of surfacing later as an 'error' event with a stack trace and whatever exit code was set by then.
import './v8-tuning';
import { isMainThread } from 'node:worker_threads';
import { runCli } from './run';
import { writeAll } from './output';

if (isMainThread) {
  void runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => writeAll(1, text),
    stderr: (text) => {
      try {
        writeAll(2, text);
      } catch {
        // Nowhere left to say it.
      }
    },
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  }).then((code) => {
    process.exitCode = code;
  });
} else {
  // A --concurrency worker: the same bundle, started by cli/workers.ts.
  require('./workers');
}
