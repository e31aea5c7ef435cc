// computeFixes in process, with rules made for the test: a fix that breaks the syntax is never applied, a fix that
// reveals another is followed to a fixed point within the pass bound, and a preferred fix is chosen per finding.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { defineRule, type RuleDefinition } from '../../server/src/analyzer/rule';
import { chooseFix, computeFixes, MAX_PASSES } from '../../server/src/cli/fix';

function tempFile(name: string, text: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfl-fix-')));
  fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Reports every `TODO` identifier; its safe fix is given by `edit`. */
function todoRule(edit: (node: ts.Identifier, sourceFile: ts.SourceFile) => { start: number; end: number; newText: string }): RuleDefinition {
  return defineRule({
    id: 'codebase/test-todo',
    factor: 'codebase',
    severity: 'warning',
    description: 'test rule',
    messages: { todo: 'TODO' },
    skipIn: [],
    create(ctx) {
      return {
        visit: {
          Identifier: (node) => {
            const id = node as ts.Identifier;
            if (id.text !== 'TODO') return;
            ctx.report(id, 'todo', undefined, { fixes: () => [{ title: 'Fix it', safe: true, edits: [edit(id, ctx.sourceFile)] }] });
          },
        },
      };
    },
  }) as RuleDefinition;
}

describe('cli/fix', function () {
  it('never applies a fix whose text would not parse, and names the file', function () {
    // The broken fix deletes the closing parenthesis after TODO.
    const rule = todoRule((id) => ({ start: id.getEnd(), end: id.getEnd() + 1, newText: '' }));
    const dir = tempFile('a.ts', 'call(TODO);\n');
    const result = computeFixes([dir], { rules: [rule] }, ['safe']);
    assert.deepEqual(result.rejected, [path.join(dir, 'a.ts')]);
    assert.equal(result.changes.size, 0);
  });

  it('repeats passes while fixes reveal new findings, at most MAX_PASSES times', function () {
    // Each fix renames TODO to TODO_x and appends a new TODO: an endless chain, cut at the bound.
    const rule = todoRule((id) => ({ start: id.getStart(), end: id.getEnd(), newText: 'DONE; TODO' }));
    const dir = tempFile('a.ts', 'TODO;\n');
    const result = computeFixes([dir], { rules: [rule] }, ['safe']);
    assert.equal(result.applied, MAX_PASSES);
    const after = result.changes.get(path.join(dir, 'a.ts'))!.after;
    assert.equal((after.match(/DONE/g) ?? []).length, MAX_PASSES);
  });

  it('chooses the safe fix, or with suggestion the preferred one, never a mere option', function () {
    const finding = {
      ruleId: 'logs/no-console' as const,
      factor: 'logs' as const,
      severity: 'info' as const,
      messageId: 'm',
      message: 'm',
      start: 0,
      end: 1,
      fixes: [
        { title: 'Replace with logger.info', safe: false, edits: [] },
        { title: 'Move to environment variable PORT', safe: false, edits: [] },
      ],
    };
    assert.equal(chooseFix(finding, ['safe']), undefined);
    assert.equal(chooseFix(finding, ['suggestion'])?.title, 'Move to environment variable PORT');
    assert.equal(chooseFix({ ...finding, fixes: [finding.fixes[0]] }, ['safe', 'suggestion']), undefined, 'a choice of logger is the user’s');
    const safe = { title: 'Remove', safe: true, edits: [] };
    assert.equal(chooseFix({ ...finding, fixes: [...finding.fixes, safe] }, ['safe', 'suggestion']), safe);
  });
});
