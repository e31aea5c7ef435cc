// The repository root: the nearest folder at or above a start folder that holds `.git` (a folder, or a file in a
// worktree or submodule). SARIF locations, fingerprints and baselines name files relative to it, so that they mean the
// same thing whichever subfolder the command ran in.
import fs from 'node:fs';
import path from 'node:path';

export function repositoryRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start);
  }
}
