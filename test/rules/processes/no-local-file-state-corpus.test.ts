// Recall and precision of processes/no-local-file-state over a labeled set in real services' shapes (issue 6 §4):
// streams, file handles, moves into data folders, file-backed databases, persisted job state and generated files,
// against hard negatives (reads, tmp dirs, :memory:, env-chosen paths, remote databases, build output).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import rule from '../../../server/src/analyzer/rules/processes/no-local-file-state';
import { runCase } from '../../support/rule-tester';
import { projectWith } from '../../support/project';

const CORPUS = path.join(__dirname, '../../../../test/fixtures/processes/no-local-file-state-corpus');

describe('processes/no-local-file-state: labeled corpus', () => {
  const project = projectWith({ packageJson: JSON.parse(fs.readFileSync(path.join(CORPUS, 'package.json'), 'utf8')) });
  const files = fs.readdirSync(path.join(CORPUS, 'src')).sort();
  const reported = (file: string): boolean =>
    runCase(rule, { code: fs.readFileSync(path.join(CORPUS, 'src', file), 'utf8'), filename: `src/${file}`, project }).length > 0;

  for (const file of files) {
    const positive = file.startsWith('pos-');
    it(`${positive ? 'reports' : 'stays quiet on'} ${file}`, () => assert.equal(reported(file), positive));
  }

  it('has both kinds of case', () => {
    assert.ok(files.filter((f) => f.startsWith('pos-')).length >= 20);
    assert.ok(files.filter((f) => f.startsWith('neg-')).length >= 20);
  });
});
