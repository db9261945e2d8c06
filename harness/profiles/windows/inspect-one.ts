import { UsageError } from '../../errors/errors.js';
import { inspectImages } from '../../windows/inspect-image.js';
import type { ImageInspection } from '../../windows/types.js';

/**
 * Inspects one Windows image offline (a WIM image, an NTFS disk) and gives its one inspection:
 * an image that cannot be read, or a name that holds several Windows systems, is a UsageError
 * saying which.
 */
export async function inspectOne(spec: string, signal?: AbortSignal): Promise<ImageInspection> {
  const outcome = await inspectImages([spec], signal ? { signal } : {});
  const failure = outcome.failures[0];
  if (failure) throw new UsageError(`Cannot read the Windows image ${failure.ref.label}: ${failure.error.message}`, { cause: failure.error, step: 'inspect' });
  const [first, ...others] = outcome.inspections;
  if (!first) throw new UsageError(`${spec} holds no Windows image.`, { step: 'inspect' });
  if (others.length > 0) {
    const labels = outcome.inspections.map((inspection) => inspection.image.label).join(', ');
    throw new UsageError(`${spec} holds ${outcome.inspections.length} Windows images (${labels}): name one`, { step: 'inspect', hint: `e.g. image: '${outcome.inspections[0]!.image.label}'` });
  }
  return first;
}

/** The machine SID an image has in use: none when it is generalized (setup makes a new one on first boot). */
export function machineSidInUse(inspection: ImageInspection): string | undefined {
  return inspection.state === 'specialized' ? inspection.machineSid?.value : undefined;
}
