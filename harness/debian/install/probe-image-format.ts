import { execa } from 'execa';
import { UsageError } from '../../errors/errors.js';

// Formats read as they are: anything else is named and refused (convert it first).
const KNOWN = new Set(['raw', 'qcow2', 'vmdk', 'vdi', 'vhdx', 'vpc', 'qed']);
const MAX_INFO_BYTES = 64 * 1024;

/**
 * The format of a user's disk image as `qemu-img info` reads it, refusing images that name a
 * backing file: an untrusted qcow2 could point at any host file, which a convert would read into
 * the run. The format is then passed to `qemu-img convert -f`, so nothing is guessed twice.
 * @example await probeImageFormat('golden.qcow2') // 'qcow2'
 */
export async function probeImageFormat(image: string, signal?: AbortSignal): Promise<string> {
  const result = await execa('qemu-img', ['info', '--output=json', image], { reject: false, maxBuffer: MAX_INFO_BYTES, ...(signal ? { cancelSignal: signal } : {}) });
  if (result.exitCode !== 0) throw new UsageError(`Cannot read the master image ${image} as a disk image: ${String(result.stderr).trim().split('\n').slice(-2).join(' ')}`);
  let info: { format?: unknown; 'backing-filename'?: unknown };
  try {
    info = JSON.parse(String(result.stdout)) as typeof info;
  } catch {
    throw new UsageError(`Cannot read the master image ${image}: qemu-img info gave no JSON`);
  }
  const format = typeof info.format === 'string' ? info.format : '';
  if (!KNOWN.has(format)) throw new UsageError(`The master image ${image} is a ${format || 'unknown'} image: expected raw, qcow2, vmdk, vdi, vhdx or vpc`);
  if (info['backing-filename'] !== undefined) {
    throw new UsageError(`The master image ${image} names a backing file (${String(info['backing-filename']).slice(0, 200)}): give a standalone image`, { hint: 'flatten it: qemu-img convert -O qcow2 IN OUT' });
  }
  return format;
}
