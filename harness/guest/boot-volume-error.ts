import { ClonelabError } from '../errors/errors.js';

/**
 * The harness, playing the boot loader, could not read `boot/` from the clone's volume (e.g. a
 * truncated NTFS volume that ntfs-3g refuses). Not an infrastructure failure: it is the clone's
 * own unbootable volume, what the guest's loader reports as STOP 0xED.
 */
export class UnreadableBootVolumeError extends ClonelabError {}
