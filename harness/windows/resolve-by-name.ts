import path from 'node:path';

/** Looks a path up one name at a time, ignoring case, with each folder listed once. */
export function makeResolver(list: (dir: string) => Promise<string[] | undefined>): (wanted: string) => Promise<string | undefined> {
  const listings = new Map<string, Promise<string[] | undefined>>();
  return async (wanted) => {
    let current = '/';
    for (const part of wanted.split(/[\\/]/).filter((segment) => segment !== '')) {
      let listing = listings.get(current);
      if (!listing) listings.set(current, (listing = list(current)));
      const names = await listing;
      const found = names?.find((name) => name.toLowerCase() === part.toLowerCase());
      if (found === undefined) return undefined;
      current = path.posix.join(current, found);
    }
    return current;
  };
}
