import { open, rename, unlink } from 'node:fs/promises';

/**
 * Replaces `target` whole or not at all: writes `temporary`, fsyncs it, renames it over `target`,
 * so a reader or a crash sees the old text or the new one, never part of either. The caller
 * fsyncs the directory when the rename itself must survive a power cut (`DirectorySync`).
 * Writers of one target at the same time need distinct temporaries; a temporary a crash left
 * behind is overwritten. A failed write leaves no temporary behind.
 */
export async function writeFileAtomically(target: string, text: string, temporary: string): Promise<void> {
  try {
    const handle = await open(temporary, 'w', 0o640);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await unlinkIfPresent(temporary).catch(() => undefined);
    throw error;
  }
}

export async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
