// The only way an export's bytes are read: the file itself, never what a symbolic link points at
// (a link in the drop folder could show any file the service can read in an alert), and only a
// regular file (a FIFO or device would block the poll or never end).
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';

export class NotARegularFile extends Error {}

export function readRegularFile(file: string): Buffer {
  // O_NOFOLLOW refuses a link as the last path component (ELOOP); O_NONBLOCK keeps a FIFO from blocking.
  const nofollow = constants.O_NOFOLLOW ?? 0;
  if (nofollow === 0 && lstatSync(file).isSymbolicLink()) throw new NotARegularFile('is a symbolic link');
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | nofollow | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new NotARegularFile('is a symbolic link');
    throw err;
  }
  try {
    if (!fstatSync(fd).isFile()) throw new NotARegularFile('is not a regular file');
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
