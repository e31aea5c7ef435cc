// Loaded first by the CLI (main.ts), before TypeScript and the analyzer, so that every function is compiled under it.
//
// A CLI run reads each file once: most of the analyzer's functions run a few thousand times and are done. V8's
// default tiering is tuned for long-lived programs and sends such functions to its optimizing compiler early, on
// background threads; in a one-pass scan much of that compiler time never pays back (about 1,000 optimizing compiles
// over the bench corpus, several functions rebuilt 4 to 16 times). Four times the default interrupt budget (the
// bytecode a function runs between tier-up checks) waits for the functions that stay hot. Measured interleaved on
// the bench corpus (6 rounds): CPU 6.7 → 5.3 s, wall 4.2 → 3.6 s; on botpress + standardnotes/server (4,957 files,
// 3 rounds): CPU 7.3–7.8 → 6.0–6.2 s; ×3 and ×6 were both slower than ×4. The findings are the same: only when
// code is optimized changes, never what it computes. The language server, which runs for days, keeps V8's defaults.
import { setFlagsFromString } from 'node:v8';
import { CLI_V8_FLAGS } from './v8-flags';

// An unknown flag is ignored by V8 (a future Node without it runs with its defaults).
for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);
