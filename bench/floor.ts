// The parse+walk floor, as its own process: the same walker and skip rules as the CLI's scan, then for each file
// one `ts.createSourceFile` (parent pointers on, as the analyzer parses) and one empty recursive forEachChild walk.
// Nothing else: no rules, no facts, no positions, no report. Usage: node out/bench/floor.js [--no-jsdoc] <folder>...
// With --no-jsdoc the parse skips JSDoc comments as the analyzer's does (analyze.ts `parse`), which separates the
// rule layer's cost from the parse mode's saving; without it, this is the floor (a plain createSourceFile).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { DEFAULT_CONFIG } from '../server/src/analyzer/config';
import { scriptKindOf, skipReason } from '../server/src/analyzer/analyze';
import { walkSourceFiles } from '../server/src/project/files';

const args = process.argv.slice(2);
const noJsdoc = args[0] === '--no-jsdoc';
if (noJsdoc) args.shift();
const options: ts.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: noJsdoc ? ts.JSDocParsingMode.ParseNone : ts.JSDocParsingMode.ParseAll,
};
const loadedAt = performance.now();
let files = 0;
let skipped = 0;
let chars = 0;
let nodes = 0;
const visit = (node: ts.Node): void => {
  nodes++;
  ts.forEachChild(node, visit);
};
for (const given of args) {
  for (const file of walkSourceFiles(path.resolve(given))) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (skipReason(text, DEFAULT_CONFIG) !== undefined) {
      skipped++;
      continue;
    }
    const sourceFile = ts.createSourceFile(file, text, options, true, scriptKindOf(file) ?? ts.ScriptKind.TS);
    ts.forEachChild(sourceFile, visit);
    files++;
    chars += text.length;
  }
}
const summary = { files, skipped, chars, nodes, loadMs: loadedAt, loopMs: performance.now() - loadedAt };
if (process.env.BENCH_SUMMARY_FILE) fs.writeFileSync(process.env.BENCH_SUMMARY_FILE, JSON.stringify(summary));
else process.stdout.write(`${JSON.stringify(summary)}\n`);
