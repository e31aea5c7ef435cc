// Reading files that anyone may have put in a project: only regular files, never more than a limit, never blocking.
// A FIFO named `package.json` blocks a plain `readFileSync` until something writes to it, and a link to
// `/dev/zero` reads until memory runs out; so the file is opened without blocking, the opened descriptor (not the
// path, which could be swapped in between) is checked to be a regular file, and the read stops at the limit.
import fs from 'node:fs';

/** Files read for their settings (package.json, `.twelvefactorrc.json`, `.env.example`) stop at this size. */
export const MAX_SETTINGS_FILE_SIZE = 4 * 1024 * 1024;

export type ReadResult =
  | { text: string; error?: undefined; tooLarge?: undefined }
  /** `tooLarge` is set when the only problem is the size (the caller may call that "skipped"); `size` is in bytes. */
  | { text?: undefined; error: string; tooLarge?: boolean; size?: number; code?: string };

// O_NONBLOCK exists on POSIX only; on Windows there are no FIFOs to open by name.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file as UTF-8 (a leading byte-order mark removed), or says in a few words why not: not found,
 * permission denied, a folder, a FIFO or device, larger than `limit` bytes. Never throws, never blocks.
 */
export function readRegularFile(file: string, limit: number = MAX_SETTINGS_FILE_SIZE): ReadResult {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    return { error: describeFsError(error), code: (error as NodeJS.ErrnoException).code };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { error: stat.isDirectory() ? 'is a folder, not a file' : `not a regular file (${kindOf(stat)})` };
    if (stat.size > limit) return { error: `larger than ${formatSize(limit)} (${formatSize(stat.size)})`, tooLarge: true, size: stat.size };
    if (stat.size > 0) {
      // The common case: one read of the size the stat gave, plus a byte to see growth, decoded in place. A regular
      // file reads short only at its end; one that filled the buffer grew, and is read on below, as /proc files are.
      const buffer = Buffer.allocUnsafe(stat.size + 1);
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read < buffer.length) return decoded(buffer.toString('utf8', 0, read));
      if (read > limit) return { error: `larger than ${formatSize(limit)}`, tooLarge: true, size: read };
      return readRest(fd, limit, [buffer], read);
    }
    return readRest(fd, limit, [], 0);
  } catch (error) {
    return { error: describeFsError(error), code: (error as NodeJS.ErrnoException).code };
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // Nothing to do: the descriptor is gone either way.
    }
  }
}

function decoded(text: string): ReadResult {
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/**
 * Reads on until the end, one byte past the limit at most, after `total` bytes already in `chunks`: files in /proc
 * say 0, and a file can grow under us. Throws what `fs.readSync` throws (the caller closes the descriptor).
 */
function readRest(fd: number, limit: number, chunks: Buffer[], total: number): ReadResult {
  for (;;) {
    const buffer = Buffer.allocUnsafe(Math.min(Math.max(total + 1, 4096), limit + 1 - total));
    const read = fs.readSync(fd, buffer, 0, buffer.length, null);
    if (read === 0) break;
    chunks.push(read === buffer.length ? buffer : buffer.subarray(0, read));
    total += read;
    if (total > limit) return { error: `larger than ${formatSize(limit)}`, tooLarge: true, size: total };
  }
  return decoded(Buffer.concat(chunks, total).toString('utf8'));
}

/** What kind of file a stat describes, for messages. */
export function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a file';
}

const FS_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EAGAIN: 'would block (a pipe or device with nothing to read)',
  ENXIO: 'no such device (a pipe nobody is reading, or a device that is gone)',
  EIO: 'input/output error',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  EBUSY: 'the file is busy',
  EPIPE: 'the reader went away (broken pipe)',
  EINVAL: 'invalid argument',
  EFBIG: 'the file is too large',
  EDQUOT: 'disk quota exceeded',
};

/** A file-system error in a few plain words ("permission denied"), never a stack. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && FS_ERRORS[code]) return FS_ERRORS[code];
  const message = error instanceof Error ? error.message : String(error);
  return (code ? `${code}: ` : '') + message.split('\n', 1)[0].replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
