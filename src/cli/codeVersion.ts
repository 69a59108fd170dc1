import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The code that runs, for a backtest's input hash: the package version, the git commit when the
 * package is a checkout, and `+changes` when tracked files differ from it.
 */
export function codeVersion(): string {
  const { version } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' }).trim();
    const commit = git(['rev-parse', 'HEAD']);
    const changed = git(['status', '--porcelain', '--untracked-files=no']) !== '';
    return `${version} ${commit}${changed ? '+changes' : ''}`;
  } catch {
    return version;
  }
}
