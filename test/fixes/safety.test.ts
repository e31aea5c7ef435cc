// The safety contract of every quick fix, checked on every file we have rather than on hand-picked cases: the
// fixtures, the example service and every ❌ docs example, with all rules. A fix a rule adds later is covered here
// without anyone writing a test for it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '../../server/src/analyzer/analyze';
import type { AnalyzerConfig } from '../../server/src/analyzer/config';
import { applyEdits, compatibleFixes, editsFor, editsOverlap } from '../../server/src/analyzer/fixes/edits';
import { EMPTY_PROJECT, ProjectIndex, parsePackageJson, type ProjectView } from '../../server/src/analyzer/project';
import type { Finding, TextEdit } from '../../server/src/analyzer/rule';
import { walkSourceFiles } from '../../server/src/project/files';
import { ProjectLocator } from '../../server/src/project/loader';
import { syntaxErrorCount } from '../support/rule-tester';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Subject {
  title: string;
  fileName: string;
  text: string;
  project: ProjectView;
  config?: AnalyzerConfig;
}

/** Code blocks under a ❌ heading (the same reading as test/docs.test.ts, which runs its own tests when imported). */
function incorrectExamples(markdown: string): Array<{ language: string; code: string; line: number }> {
  const examples: Array<{ language: string; code: string; line: number }> = [];
  let incorrect = false;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#{1,6}\s+(.*)$/.exec(lines[i]);
    if (heading) {
      incorrect = heading[1].includes('❌');
      continue;
    }
    const fence = /^```(\w+)\s*$/.exec(lines[i]);
    if (!fence) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    if (incorrect && /^(ts|typescript|js|javascript|tsx|jsx)$/.test(fence[1])) {
      examples.push({ language: fence[1], code: lines.slice(i + 1, end).join('\n'), line: i + 2 });
    }
    i = end;
  }
  return examples;
}

/** Every source file of the fixtures and examples, analyzed inside its project as the CLI would. */
function corpusFiles(): Subject[] {
  const locator = new ProjectLocator();
  const projects = new Map<string, ProjectIndex>();
  const subjects: Subject[] = [];
  for (const folder of ['test/fixtures', 'examples']) {
    const dir = path.join(ROOT, folder);
    if (!fs.existsSync(dir)) continue;
    for (const file of walkSourceFiles(dir)) {
      const root = locator.projectRootOf(path.dirname(file));
      let project = projects.get(root);
      if (!project) {
        project = new ProjectIndex(root);
        const manifest = path.join(root, 'package.json');
        if (fs.existsSync(manifest)) project.setPackageJson(parsePackageJson(fs.readFileSync(manifest, 'utf8')));
        projects.set(root, project);
      }
      subjects.push({
        title: path.relative(ROOT, file).split(path.sep).join('/'),
        fileName: file,
        text: fs.readFileSync(file, 'utf8'),
        project,
        config: locator.configFor(path.dirname(file)).config,
      });
    }
  }
  // Index every file first, so that cross-file facts (logger modules, SIGTERM handled elsewhere) are known.
  for (const subject of subjects) {
    const { facts } = analyze({ fileName: subject.fileName, text: subject.text, project: subject.project, config: subject.config });
    (subject.project as ProjectIndex).setFile(subject.fileName, facts);
  }
  return subjects;
}

function docsSubjects(): Subject[] {
  const subjects: Subject[] = [];
  const docs = path.join(ROOT, 'docs', 'rules');
  if (!fs.existsSync(docs)) return subjects;
  const pages = fs.readdirSync(docs, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md'));
  for (const page of pages.sort()) {
    for (const example of incorrectExamples(fs.readFileSync(path.join(docs, page), 'utf8'))) {
      const ext = /^(js|javascript)$/.test(example.language) ? 'js' : /x$/.test(example.language) ? example.language : 'ts';
      subjects.push({
        title: `docs/rules/${page.split(path.sep).join('/')}:${example.line}`,
        fileName: `src/example.${ext}`,
        text: example.code,
        project: EMPTY_PROJECT,
      });
    }
  }
  return subjects;
}

function findingsOf(subject: Subject, text: string): Finding[] {
  return analyze({ fileName: subject.fileName, text, project: subject.project, config: subject.config }).findings;
}

/** True when the text between the edits is found, in order, in the output: nothing outside the edits moved. */
function keepsUneditedText(before: string, edits: readonly TextEdit[], after: string): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let from = 0;
  let cursor = 0;
  for (const edit of [...sorted, { start: before.length, end: before.length, newText: '' }]) {
    const segment = before.slice(from, edit.start);
    const at = after.indexOf(segment, cursor);
    if (at === -1) return false;
    cursor = at + segment.length + edit.newText.length;
    from = edit.end;
  }
  return true;
}

function checkSubject(subject: Subject): void {
  const { fileName, text } = subject;
  const findings = findingsOf(subject, text);
  const errorsBefore = syntaxErrorCount(fileName, text);
  for (const finding of findings) {
    const countBefore = findings.filter((f) => f.ruleId === finding.ruleId).length;
    for (const fix of finding.fixes) {
      const label = `${finding.ruleId} "${fix.title}" at ${finding.start}`;
      const edits = editsFor(fix);
      assert.ok(!editsOverlap(edits), `${label}: overlapping edits`);
      const output = applyEdits(text, edits);
      assert.ok(keepsUneditedText(text, edits, output), `${label}: changed text outside its edits`);
      assert.ok(syntaxErrorCount(fileName, output) <= errorsBefore, `${label}: parses worse:\n${output}`);
      const countAfter = findingsOf(subject, output).filter((f) => f.ruleId === finding.ruleId).length;
      assert.ok(countAfter < countBefore, `${label}: the finding survives the fix:\n${output}`);
    }
  }
  // Fix-all (on save, cli --fix) applies the safe fixes; doing it a second time must change nothing.
  const safeOnce = (source: string): string => {
    const safe = findingsOf(subject, source).flatMap((f) => f.fixes.filter((fix) => fix.safe));
    return applyEdits(source, compatibleFixes(safe, false).flatMap((fix) => editsFor(fix)));
  };
  const once = safeOnce(text);
  assert.equal(safeOnce(once), once, 'applying the safe fixes a second time changed the file');
}

describe('fix safety over the corpus', () => {
  const subjects = [...corpusFiles(), ...docsSubjects()];
  it('has a corpus with fixes in it', () => {
    const fixes = subjects.flatMap((s) => findingsOf(s, s.text)).flatMap((f) => f.fixes);
    assert.ok(subjects.length > 20, `only ${subjects.length} files`);
    assert.ok(fixes.length > 0, 'no finding of the corpus offers a fix');
  });
  for (const subject of subjects) {
    it(subject.title, () => checkSubject(subject));
  }
});
