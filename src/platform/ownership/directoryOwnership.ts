import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { z } from 'zod';

/** Who holds a directory: enough for a person to find the process, and for a client to reach it. */
const HolderSchema = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  command: z.string(),
  startedAt: z.string(),
  /** Linux: the process's start time in clock ticks since boot, so a recycled pid is not taken for the holder. */
  processStart: z.string().optional(),
  /** Where the holder answers requests (the trading-app's HTTP API), once it listens. */
  apiUrl: z.string().optional(),
});

export type DirectoryHolder = z.infer<typeof HolderSchema>;

/** A second process asked for a directory that a live process holds. Nothing was touched. */
export class DirectoryInUseError extends Error {
  override readonly name = 'DirectoryInUseError';
  constructor(
    readonly directory: string,
    readonly holder: DirectoryHolder,
    readonly lockFile: string,
  ) {
    super(
      `${directory} is in use by another process: pid ${holder.pid} on ${holder.hostname} (${holder.command}), ` +
        `since ${holder.startedAt}${holder.apiUrl ? `, API ${holder.apiUrl}` : ''}. ` +
        `Stop it first, or use another directory. If that process is gone, delete ${lockFile}.`,
    );
  }
}

export interface DirectoryOwnership {
  readonly directory: string;
  /** Records where the holder can be reached, for a second process to go through it. */
  advertise(apiUrl: string): Promise<void>;
  /** Gives the directory up; idempotent. */
  release(): Promise<void>;
}

/**
 * Claims `directory` for this process, or throws `DirectoryInUseError` naming the holder. The
 * claim is a file beside the directory (`<directory>.lock`: PGlite's initdb wants its directory
 * to itself), created with `link()`, which is atomic and leaves no half-written file. A claim whose
 * process is gone (not running, or its pid now belongs to a process started later) is taken over.
 * Within one process a directory is claimed once too: two stores on one PGlite directory corrupt it
 * whoever opens them.
 */
export async function claimDirectory(directory: string, command: string): Promise<DirectoryOwnership> {
  const absolute = resolve(directory);
  const lockFile = `${absolute}.lock`;
  await mkdir(dirname(absolute), { recursive: true });
  const holder: { -readonly [K in keyof DirectoryHolder]: DirectoryHolder[K] } = {
    pid: process.pid,
    hostname: hostname(),
    command,
    startedAt: new Date().toISOString(),
  };
  const processStart = processStartOf(process.pid);
  if (processStart !== undefined) holder.processStart = processStart;
  if (claimedHere.has(lockFile)) throw new DirectoryInUseError(absolute, holder, lockFile);
  const temporary = await writeTemporary(lockFile, holder);
  try {
    await takeLockFile(absolute, lockFile, temporary);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  claimedHere.add(lockFile);
  let current = holder;
  let released = false;
  return {
    directory: absolute,
    advertise: async (apiUrl) => {
      if (released) return;
      current = { ...current, apiUrl };
      await rename(await writeTemporary(lockFile, current), lockFile);
    },
    release: async () => {
      if (released) return;
      released = true;
      claimedHere.delete(lockFile);
      // Only our own claim is removed: a stale-claim takeover may have replaced it meanwhile.
      if ((await readHolder(lockFile))?.pid === process.pid) await unlink(lockFile).catch(() => undefined);
    },
  };
}

/** Where the live holder of `directory` answers requests, when it holds it and said so. */
export async function apiOfHolder(directory: string): Promise<string | undefined> {
  const lockFile = `${resolve(directory)}.lock`;
  const holder = await readHolder(lockFile);
  return holder && isAlive(holder, lockFile) ? holder.apiUrl : undefined;
}

const claimedHere = new Set<string>();

async function takeLockFile(directory: string, lockFile: string, temporary: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await link(temporary, lockFile);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existing = await readHolder(lockFile);
    if (existing && isAlive(existing, lockFile)) throw new DirectoryInUseError(directory, existing, lockFile);
    // Stale (or unreadable: a crash can only leave a whole file, so unreadable means not ours).
    await unlink(lockFile).catch(() => undefined);
  }
  const existing = await readHolder(lockFile);
  throw existing
    ? new DirectoryInUseError(directory, existing, lockFile)
    : new Error(`could not claim ${directory}: ${lockFile} keeps changing`);
}

async function writeTemporary(lockFile: string, holder: DirectoryHolder): Promise<string> {
  const temporary = `${dirname(lockFile)}/.${basename(lockFile)}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(`${JSON.stringify(holder)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temporary;
}

async function readHolder(lockFile: string): Promise<DirectoryHolder | undefined> {
  try {
    const parsed = HolderSchema.safeParse(JSON.parse(await readFile(lockFile, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(holder: DirectoryHolder, lockFile: string): boolean {
  // Another machine's process cannot be checked from here: its claim stands.
  if (holder.hostname !== hostname()) return true;
  // Our pid in a file we do not hold: left by an earlier process that had our pid (a container's pid 1).
  if (holder.pid === process.pid) return claimedHere.has(lockFile);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const start = processStartOf(holder.pid);
  return holder.processStart === undefined || start === undefined || start === holder.processStart;
}

/** Field 22 of /proc/<pid>/stat (after the parenthesised command name, which may hold spaces). */
function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
