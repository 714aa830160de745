// The only way an export's bytes are read: the file itself, never what a symbolic link points at
// (a link in the drop folder could show any file the service can read in an alert), and only a
// regular file (a FIFO or device would block the poll or never end).
import { constants, lstatSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

export class NotARegularFile extends Error {}

/** The open file and its size; the caller reads it (as a stream) and closes it. */
export async function openRegularFile(file: string): Promise<{ handle: FileHandle; size: number }> {
  // O_NOFOLLOW refuses a link as the last path component (ELOOP); O_NONBLOCK keeps a FIFO from blocking.
  const nofollow = constants.O_NOFOLLOW ?? 0;
  if (nofollow === 0 && lstatSync(file).isSymbolicLink()) throw new NotARegularFile('is a symbolic link');
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | nofollow | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new NotARegularFile('is a symbolic link');
    throw err;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new NotARegularFile('is not a regular file');
    return { handle, size: info.size };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
