// Where the analysis time goes, per rule: each file is parsed once, then the same tree is walked empty, analyzed
// with no rules (facts and dispatch only), with each rule alone and with all rules, in rotating order. Costs are
// CPU time (process.cpuUsage), which a loaded machine inflates less than wall time.
// Usage: node out/bench/rule-cost.js <every-nth> <folder>...
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { analyze, parse, skipReason } from '../server/src/analyzer/analyze';
import { RULES } from '../server/src/analyzer/rules/index';
import { walkSourceFiles } from '../server/src/project/files';

const [everyArg, ...roots] = process.argv.slice(2);
const every = Math.max(1, Number(everyArg));

const cpu = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

const visit = (node: ts.Node): void => {
  ts.forEachChild(node, visit);
};
const variants: Array<{ name: string; run: (fileName: string, text: string, sourceFile: ts.SourceFile) => void }> = [
  { name: 'empty walk', run: (_f, _t, sourceFile) => ts.forEachChild(sourceFile, visit) },
  { name: 'no rules', run: (fileName, text, sourceFile) => analyze({ fileName, text, sourceFile, rules: [] }) },
  ...RULES.map((rule) => ({ name: rule.id, run: (fileName: string, text: string, sourceFile: ts.SourceFile) => analyze({ fileName, text, sourceFile, rules: [rule] }) })),
  { name: 'all rules', run: (fileName, text, sourceFile) => analyze({ fileName, text, sourceFile }) },
];
const totals = new Map<string, number>(variants.map((v) => [v.name, 0]));
let parseMs = 0;
let files = 0;
let bytes = 0;
let index = 0;
for (const root of roots) {
  for (const file of walkSourceFiles(path.resolve(root))) {
    if (index++ % every !== 0) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (skipReason(text) !== undefined) continue;
    files++;
    bytes += Buffer.byteLength(text);
    let t = cpu();
    const sourceFile = parse(file, text);
    parseMs += cpu() - t;
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(k + files) % variants.length];
      t = cpu();
      variant.run(file, text, sourceFile);
      totals.set(variant.name, (totals.get(variant.name) ?? 0) + cpu() - t);
    }
  }
}
const summary = { files, bytes, parseMs, variants: Object.fromEntries(totals) };
if (process.env.BENCH_SUMMARY_FILE) fs.writeFileSync(process.env.BENCH_SUMMARY_FILE, JSON.stringify(summary));
else process.stdout.write(`${JSON.stringify(summary, null, 1)}\n`);
