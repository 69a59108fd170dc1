import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Comments, READMEs and decision notes cite the outside facts they rely on by section of
 * docs/reference/ (`docs/reference/bitmart-wire.md#rate-limits`, or `bitmart-wire.md#…` once the
 * file is named), of docs/glossary.md or of docs/style.md. These tests keep those citations
 * followable from the repository alone: every cited section exists, and nothing cites the team's
 * documents outside the repository again.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const SCANNED = ['src', 'test', 'bench', 'docs', 'README.md', '.ci'];

const CITED_FILES: Readonly<Record<string, string>> = {
  'bitmart-wire.md': 'docs/reference/bitmart-wire.md',
  'seed-contracts.md': 'docs/reference/seed-contracts.md',
  'original-system.md': 'docs/reference/original-system.md',
  'glossary.md': 'docs/glossary.md',
  'style.md': 'docs/style.md',
};

/** `file.md#a`, `docs/reference/file.md#a`, and the `#b` of `file.md#a, #b` and `file.md#a; #b`. */
const CITATION =
  /(?<![\w/.-])(?:docs\/(?:reference\/)?)?(bitmart-wire|seed-contracts|original-system|glossary|style)\.md((?:#[a-z0-9][\w-]*)(?:(?:,|;| and) `?#[a-z0-9][\w-]*`?)*)/g;

/** Citations of documents that are not in the repository: section signs, seed numbers, their file names. */
const OUTSIDE = [
  /§\s?\d/,
  /\b[Ss]eeds?[- ]?0\d/,
  /\bPR #\d/,
  /bitmart-api\.md|okx-api\.md|tradingv3-referenc[e]/,
  // The copies of the original config files some tests compare with, when present, are the one use.
  /\.\.\/shared\/(?!tradingv3-config\/)/,
];

function filesUnder(path: string): string[] {
  const absolute = join(ROOT, path);
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mjs|md)$|^run$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((file) => !file.includes('node_modules'));
}

function scannedFiles(): string[] {
  return SCANNED.flatMap((path) => (/\.md$/.test(path) ? [path] : filesUnder(path)));
}

/** GitHub's heading anchors (lower case, punctuation dropped, spaces to dashes) and explicit ids. */
function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence) continue;
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading?.[1]) {
      anchors.add(
        heading[1]
          .trim()
          .toLowerCase()
          .replace(/[^\p{L}\p{N}\s_-]/gu, '')
          .replace(/\s/g, '-'),
      );
    }
    for (const id of line.matchAll(/<a id="([^"]+)"/g)) anchors.add(id[1]!);
  }
  return anchors;
}

describe('citations of docs/reference, the glossary and the house style', () => {
  it('name sections that exist', () => {
    const anchors = new Map(Object.values(CITED_FILES).map((file) => [file, anchorsOf(file)]));
    const broken: string[] = [];
    let cited = 0;
    for (const file of scannedFiles()) {
      for (const match of readFileSync(join(ROOT, file), 'utf8').matchAll(CITATION)) {
        const target = CITED_FILES[`${match[1]}.md`]!;
        for (const [, anchor] of match[2]!.matchAll(/#([a-z0-9][\w-]*)/g)) {
          cited += 1;
          if (!anchors.get(target)!.has(anchor!)) broken.push(`${file}: ${target}#${anchor}`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(cited).toBeGreaterThan(500);
  });

  it('replace every citation of documents outside the repository', () => {
    const outside: string[] = [];
    for (const file of scannedFiles()) {
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (OUTSIDE.some((pattern) => pattern.test(line))) outside.push(`${file}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(outside).toEqual([]);
  });
});
