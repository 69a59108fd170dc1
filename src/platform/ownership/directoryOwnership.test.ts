import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOfHolder, claimDirectory, DirectoryInUseError } from './directoryOwnership.ts';

const MODULE = fileURLToPath(new URL('./directoryOwnership.ts', import.meta.url));
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ownership-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Another Node process that claims `directory` and holds it until killed. */
async function holdInChild(directory: string): Promise<ChildProcessWithoutNullStreams> {
  const script = `
    const { claimDirectory } = await import(${JSON.stringify(MODULE)});
    const ownership = await claimDirectory(${JSON.stringify(directory)}, 'child holder');
    await ownership.advertise('http://127.0.0.1:18080');
    process.stdout.write('held\\n');
    setInterval(() => undefined, 60_000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  expect(chunk.toString()).toBe('held\n');
  return child;
}

async function exited(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
}

describe('claimDirectory', () => {
  it('refuses a second claim while the first holds, naming the directory and the holder, then allows it after release', async () => {
    const directory = join(root, 'same-process');
    const first = await claimDirectory(directory, 'first command');
    const refused = await claimDirectory(directory, 'second command').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DirectoryInUseError);
    expect((refused as Error).message).toContain(directory);
    expect((refused as Error).message).toContain(`pid ${process.pid}`);
    await first.release();
    await expect(stat(`${directory}.lock`)).rejects.toThrow(/ENOENT/);
    const again = await claimDirectory(directory, 'second command');
    await again.release();
  });

  it('refuses a directory another live process holds, says where it answers, and takes it over once that process is gone', async () => {
    const directory = join(root, 'other-process');
    const child = await holdInChild(directory);
    try {
      const refused = await claimDirectory(directory, 'me').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DirectoryInUseError);
      expect((refused as Error).message).toMatch(new RegExp(`pid ${child.pid} on .+ \\(child holder\\)`));
      expect(await apiOfHolder(directory)).toBe('http://127.0.0.1:18080');
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
    // The holder died without releasing: its claim is stale.
    expect(await apiOfHolder(directory)).toBeUndefined();
    const ownership = await claimDirectory(directory, 'me');
    expect(JSON.parse(await readFile(`${directory}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, command: 'me' });
    await ownership.release();
  });

  it('takes over a claim whose pid now belongs to a process that started later (a recycled pid)', async () => {
    const directory = join(root, 'recycled');
    const child = await holdInChild(join(root, 'unrelated'));
    try {
      const stale = { pid: child.pid, hostname: hostname(), command: 'old', startedAt: '2026-01-01T00:00:00Z' };
      await writeFile(`${directory}.lock`, JSON.stringify({ ...stale, processStart: '1' }));
      const ownership = await claimDirectory(directory, 'me');
      await ownership.release();
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
  });

  it('leaves the claim of another machine standing (its process cannot be checked from here)', async () => {
    const directory = join(root, 'remote');
    const remote = { pid: 1, hostname: 'another-host', command: 'app:serve', startedAt: '2026-01-01T00:00:00Z' };
    await writeFile(`${directory}.lock`, JSON.stringify(remote));
    await expect(claimDirectory(directory, 'me')).rejects.toThrow(/pid 1 on another-host \(app:serve\)/);
  });
});
