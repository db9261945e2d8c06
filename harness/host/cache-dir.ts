import { homedir } from 'node:os';
import path from 'node:path';

/** The cache folder: `$CLONELAB_CACHE`, else `$XDG_CACHE_HOME/clonelab`, else `~/.cache/clonelab`. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLONELAB_CACHE) return path.resolve(env.CLONELAB_CACHE);
  const base = env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(homedir(), '.cache');
  return path.join(base, 'clonelab');
}
