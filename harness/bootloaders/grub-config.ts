import { invalidInput } from '../errors/errors.js';

/** What grub.cfg boots: a kernel and initrd on the root filesystem, found by its UUID. */
export interface GrubConfigInput {
  /** Kernel path on the root filesystem, e.g. `/boot/vmlinuz-6.1.0-57-amd64`. */
  kernel: string;
  /** Initrd path on the root filesystem, e.g. `/boot/initrd.img-6.1.0-57-amd64`. */
  initrd: string;
  /** The root filesystem's UUID: GRUB finds it by this, and the kernel mounts `root=UUID=` it. */
  rootUuid: string;
  /** Kernel arguments after `root=UUID=… ro console=ttyS0,115200`, each one word, e.g. `quiet`. */
  append: readonly string[];
  /** Seconds the menu waits (0: boots at once). */
  timeoutSeconds: number;
}

/** A filesystem UUID as mke2fs and blkid print it (lower or upper case hex). */
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
// A path or a kernel argument GRUB reads as one word: no quotes, spaces, `;`, `$` or braces can
// end the command or start another (grub.cfg is a shell-like script).
const PATH = /^\/[A-Za-z0-9._+\-/]{1,255}$/;
const ARGUMENT = /^[A-Za-z0-9._+\-/=:,@]{1,255}$/;

/** The line the configuration prints before it loads the kernel: a boot log shows that GRUB ran from the image. */
export const GRUB_LOADING_LINE = 'clonelab grub: loading';

/** The line the configuration prints when the kernel could not be booted, before it powers off. */
export const GRUB_FAILED_LINE = 'clonelab grub: boot failed';

/**
 * Renders the grub.cfg both boot paths read (BIOS core.img and UEFI BOOTX64.EFI alike): the
 * serial console first, so GRUB's own lines reach COM1, then one entry that finds the root by
 * UUID and boots the kernel with its console on ttyS0. Every value is checked so that none can
 * add a command to the script.
 * @example renderGrubConfig({ kernel: '/boot/vmlinuz-6.1.0-57-amd64', initrd: '/boot/initrd.img-6.1.0-57-amd64',
 *   rootUuid: '0b6f1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b', append: ['quiet'], timeoutSeconds: 0 })
 */
export function renderGrubConfig(input: GrubConfigInput): string {
  if (!UUID.test(input.rootUuid)) throw invalidInput('root filesystem UUID', 'a UUID like 0b6f1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b', input.rootUuid);
  for (const [what, value] of [['kernel path', input.kernel], ['initrd path', input.initrd]] as const) {
    if (!PATH.test(value)) throw invalidInput(what, 'an absolute path of letters, digits and ._+-/ only', value);
  }
  for (const argument of input.append) {
    if (!ARGUMENT.test(argument)) throw invalidInput('kernel argument', 'one word of letters, digits and ._+-/=:,@ only', argument);
  }
  if (!Number.isInteger(input.timeoutSeconds) || input.timeoutSeconds < 0 || input.timeoutSeconds > 300) {
    throw invalidInput('GRUB timeout', 'whole seconds from 0 to 300', input.timeoutSeconds);
  }
  const uuid = input.rootUuid.toLowerCase();
  const append = ['root=UUID=' + uuid, 'ro', 'console=ttyS0,115200', ...input.append].join(' ');
  return [
    'serial --unit=0 --speed=115200',
    'terminal_input serial console',
    'terminal_output serial console',
    `set timeout=${input.timeoutSeconds}`,
    'set default=0',
    'menuentry clonelab {',
    `  echo '${GRUB_LOADING_LINE} ${input.kernel}'`,
    `  search --no-floppy --fs-uuid --set=root ${uuid}`,
    `  linux ${input.kernel} ${append}`,
    `  initrd ${input.initrd}`,
    // Returns only when the kernel did not load (missing file, GRUB out of memory): the line names
    // the failure and halt powers the VM off, where GRUB would wait for a key forever.
    '  boot',
    `  echo '${GRUB_FAILED_LINE}'`,
    '  halt',
    '}',
    '',
  ].join('\n');
}
