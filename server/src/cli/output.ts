// Writing the report to `-o <path>`: only to a regular file (created if missing) or a character device such as
// /dev/null, never blocking, never into /proc or /sys (a write there changes the running system, and some of
// their files block). Every failure is a few plain words for one line on stderr.
import fs from 'node:fs';
import path from 'node:path';
import { describeFsError, kindOf } from '../project/read';

// statfs(2) magic numbers of the kernel's pseudo file systems.
const PSEUDO_FILE_SYSTEMS = new Set([0x9fa0 /* proc */, 0x62656572 /* sysfs */, 0x64626720 /* debugfs */, 0x74726163 /* tracefs */, 0x27e0eb /* cgroup */, 0x63677270 /* cgroup2 */]);

/** Why `target` cannot take a report, when that is known before writing (a folder, /proc, a FIFO); else undefined. */
export function checkOutputTarget(target: string): string | undefined {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(target);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) return 'it is a folder; name a file';
  if (stat && !stat.isFile() && !stat.isCharacterDevice()) return `it is ${kindOf(stat)}, not a regular file`;
  const folder = nearestExisting(path.dirname(target));
  if (folder !== undefined && isPseudoFileSystem(folder)) return 'it is on a kernel file system (/proc, /sys), not a place for a report';
  return undefined;
}

/** Writes the report; returns why it could not be written (the file is then left as it was or removed), else undefined. */
export function writeReportFile(target: string, text: string): string | undefined {
  const early = checkOutputTarget(target);
  if (early) return early;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
  } catch (error) {
    return `its folder could not be created (${describeFsError(error)})`;
  }
  let fd: number;
  try {
    fd = fs.openSync(target, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | (fs.constants.O_NONBLOCK ?? 0), 0o666);
  } catch (error) {
    return describeFsError(error);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() && !stat.isCharacterDevice()) return `it is ${kindOf(stat)}, not a regular file`;
    writeAll(fd, text);
    return undefined;
  } catch (error) {
    return describeFsError(error);
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // The write's own error, if any, is what the user needs to read.
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to a descriptor, synchronously. A pipe or terminal opened without blocking answers EAGAIN
 * when it is full: wait a little and go on (the reader is slow, not gone). Other errors (ENOSPC on a full disk,
 * EPIPE when the reader went away) are thrown.
 */
export function writeAll(fd: number, text: string): void {
  const buffer = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(sleeper, 0, 0, 10);
    }
  }
}

function nearestExisting(folder: string): string | undefined {
  for (let current = folder; ; current = path.dirname(current)) {
    if (fs.existsSync(current)) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

function isPseudoFileSystem(folder: string): boolean {
  try {
    return PSEUDO_FILE_SYSTEMS.has(Number(fs.statfsSync(folder).type));
  } catch {
    return false;
  }
}
