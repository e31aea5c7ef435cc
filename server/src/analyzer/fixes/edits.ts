// Applying text edits: the one implementation that tests, fix-all and the CLI share.
import type { Fix, TextEdit } from '../rule';

/** Edits of `fix` that target the analyzed file itself (no `file`) or the given absolute path. */
export function editsFor(fix: Fix, file?: string): TextEdit[] {
  return fix.edits.filter((edit) => (file === undefined ? edit.file === undefined : edit.file === file));
}

/** True when any two edits' ranges overlap (insertions at the same offset do not count as overlapping). */
export function editsOverlap(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) return true;
  }
  return false;
}

/**
 * Applies non-overlapping edits of one file. Edits at the same offset are applied in the order given.
 * Throws on overlapping or out-of-range edits: a fix that produces them is a bug, never a guess.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  for (const edit of edits) {
    if (edit.start < 0 || edit.end < edit.start || edit.end > text.length) {
      throw new RangeError(`edit [${edit.start}, ${edit.end}) is outside the text (length ${text.length})`);
    }
  }
  if (editsOverlap(edits)) throw new RangeError('overlapping edits');
  const ordered = edits.map((edit, index) => ({ edit, index }));
  ordered.sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index);
  let out = '';
  let cursor = 0;
  for (const { edit } of ordered) {
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/**
 * Picks fixes whose edits to this file do not overlap, in order, so that several fixes can be applied
 * in one pass (fix-all). Fixes that touch other files are kept only when `allowOtherFiles` is set.
 */
export function compatibleFixes(fixes: readonly Fix[], allowOtherFiles = true): Fix[] {
  const chosen: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const fix of fixes) {
    if (!allowOtherFiles && fix.edits.some((edit) => edit.file !== undefined)) continue;
    const own = editsFor(fix);
    if (editsOverlap([...taken, ...own])) continue;
    chosen.push(fix);
    taken.push(...own);
  }
  return chosen;
}
