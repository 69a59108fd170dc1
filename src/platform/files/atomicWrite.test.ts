import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from './atomicWrite.ts';

/** Large enough that writing it takes many steps, during which a reader could see part of it. */
const version = (name: string): string => `${name}:${'x'.repeat(4 * 1024 * 1024)}:${name}`;

describe('writeFileAtomically', () => {
  let directory: string;
  let target: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'atomic-write-'));
    target = join(directory, 'state.json');
    await writeFile(target, version('old'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('never lets a reader see a half-written file: every read is the old text or the new one, whole', async () => {
    const seen = new Set<string>();
    let done = false;
    const writing = writeFileAtomically(target, version('new'), `${target}.tmp`).finally(() => {
      done = true;
    });
    let reads = 0;
    while (!done || reads === 0) {
      const text = await readFile(target, 'utf8');
      seen.add(text === version('old') ? 'old' : text === version('new') ? 'new' : `partial (${text.length} chars)`);
      reads += 1;
    }
    await writing;
    expect([...seen].filter((what) => what !== 'old' && what !== 'new')).toEqual([]);
    expect(await readFile(target, 'utf8')).toBe(version('new'));
    expect(await readdir(directory)).toEqual(['state.json']);
  });

  it('leaves the old text and no temporary when the write fails', async () => {
    const temporaryInMissingDirectory = join(directory, 'missing', 'state.json.tmp');
    await expect(writeFileAtomically(target, version('new'), temporaryInMissingDirectory)).rejects.toThrow(/ENOENT/);
    expect(await readFile(target, 'utf8')).toBe(version('old'));
    expect(await readdir(directory)).toEqual(['state.json']);
  });

  it('overwrites a temporary a crash left behind', async () => {
    await writeFile(`${target}.tmp`, 'half of an older wri');
    await writeFileAtomically(target, version('new'), `${target}.tmp`);
    expect(await readFile(target, 'utf8')).toBe(version('new'));
    expect(await readdir(directory)).toEqual(['state.json']);
  });
});
