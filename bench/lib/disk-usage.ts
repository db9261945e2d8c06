import { execa } from 'execa';

/** Bytes a folder takes on disk (allocated: sparse files count what they hold) and its apparent size, from `du`. */
export async function measureDiskUsage(folder: string, signal: AbortSignal): Promise<{ allocated: number; apparent: number }> {
  const read = async (extra: string[]): Promise<number> => {
    const { stdout } = await execa('du', ['-s', '--block-size=1', ...extra, folder], { cancelSignal: signal });
    const bytes = Number(stdout.split(/\s/)[0]);
    if (!Number.isFinite(bytes)) throw new Error(`Expected du to print a byte count for ${folder}, got: ${stdout.slice(0, 100)}`);
    return bytes;
  };
  return { allocated: await read([]), apparent: await read(['--apparent-size']) };
}
