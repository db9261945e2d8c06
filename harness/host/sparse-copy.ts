import { execa } from 'execa';

/** Copies a disk image keeping its holes (a 256 MiB image with 80 MB of data stays 80 MB). */
export async function copySparse(source: string, target: string, signal?: AbortSignal): Promise<void> {
  await execa('cp', ['--sparse=always', '--no-preserve=mode', source, target], signal ? { cancelSignal: signal } : {});
}
