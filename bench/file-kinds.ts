// `node out/bench/file-kinds.js <folder>…`: what the files around the code (package.json, Dockerfiles, .env files)
// add to a whole scan. Interleaved rounds of scan() in this process, code only (languages: ['typescript']) against
// every file kind, on the same folders; prints medians and the ratio. Never asserts a timing.
import path from 'node:path';
import type { LanguageId } from '../server/src/analyzer/languages/index';
import { scan } from '../server/src/project/scan';
import { median } from './stats';

const folders = process.argv.slice(2).map((folder) => path.resolve(folder));
if (folders.length === 0) {
  process.stderr.write('usage: node out/bench/file-kinds.js <folder>…\n');
  process.exit(2);
}
const ROUNDS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));

function timed(languages: readonly LanguageId[] | undefined): { ms: number; files: number } {
  const started = performance.now();
  const result = scan(folders, { keepFiles: false, ...(languages ? { languages } : {}) });
  return { ms: performance.now() - started, files: result.filesScanned };
}

// One warm-up each: module loading and the JIT are not what is measured.
timed(['typescript']);
timed(undefined);
const code: number[] = [];
const all: number[] = [];
let codeFiles = 0;
let allFiles = 0;
for (let round = 0; round < ROUNDS; round++) {
  const a = timed(['typescript']);
  const b = timed(undefined);
  code.push(a.ms);
  all.push(b.ms);
  codeFiles = a.files;
  allFiles = b.files;
}
const ratio = median(all) / median(code);
process.stdout.write(
  [
    `folders: ${folders.join(', ')}`,
    `code only: ${codeFiles} files, median ${median(code).toFixed(0)} ms (${code.map((ms) => ms.toFixed(0)).join(', ')})`,
    `every file kind: ${allFiles} files (+${allFiles - codeFiles}), median ${median(all).toFixed(0)} ms (${all.map((ms) => ms.toFixed(0)).join(', ')})`,
    `every file kind / code only: ${ratio.toFixed(3)}× (${((ratio - 1) * 100).toFixed(1)} %)`,
    '',
  ].join('\n'),
);
