import { createHash } from 'node:crypto';
import path from 'node:path';

// What goes into the Debian system: the suite, the packages and how mmdebstrap is called.
// Changing anything here that changes the output must bump RECIPE_VERSION (it is in the cache key).

/** Bumped whenever the mmdebstrap call changes in a way the key inputs do not show. */
export const RECIPE_VERSION = 1;

/** The Debian release. */
export const DEBIAN_SUITE = 'bookworm';

/**
 * Packages on top of minbase: systemd as init, udev, kmod and initramfs-tools (the initramfs the
 * clone failures come from), zstd (initramfs-tools falls back to gzip without it), openssh-server
 * (host keys: an identity item), iproute2 (`ip`, for the probe). The network stack is
 * systemd-networkd, which ships in the systemd package: no ifupdown, no DHCP client package.
 * The kernel is the cached `linux-image-X-amd64` .deb, given by path.
 */
export const DEBIAN_PACKAGES: readonly string[] = ['initramfs-tools', 'iproute2', 'kmod', 'openssh-server', 'systemd-sysv', 'udev', 'zstd'];

/** What the cache key is made of. */
export interface DebianKeyInputs {
  suite: string;
  packages: readonly string[];
  /** File name (not path) of the kernel .deb. */
  kernelDeb: string;
  mmdebstrapVersion: string;
  recipeVersion: number;
}

/** The cache key: sha256 of the inputs (packages sorted), first 16 hex digits. */
export function computeDebianKey(inputs: DebianKeyInputs): string {
  const canonical = JSON.stringify({ ...inputs, packages: [...inputs.packages].sort(), kernelDeb: path.basename(inputs.kernelDeb) });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

// Documentation, man pages, info pages and translations are never read by the lab: dpkg skips them
// (copyright files stay, as Debian's own minimal images keep them).
const PATH_EXCLUDES = ['/usr/share/man/*', '/usr/share/doc/*', '/usr/share/info/*', '/usr/share/locale/*', '/usr/share/lintian/*'];

const MAKE_INITRAMFS_HOOK = 'chroot "$1" sh -c \'ls /boot/initrd.img-* >/dev/null 2>&1 || env -u INITRD update-initramfs -c -k all\'';

/** Environment of the mmdebstrap run: the kernel postinst's initramfs hook exits early on INITRD=No. */
export const MMDEBSTRAP_ENV: Readonly<Record<string, string>> = { LC_ALL: 'C', INITRD: 'No' };

/** The mmdebstrap argv that writes the system as a tarball to `out`. */
export function buildMmdebstrapArgs(options: { suite: string; packages: readonly string[]; kernelDebPath: string; out: string }): string[] {
  return [
    '--mode=unshare', '--variant=minbase',
    `--include=${[...options.packages].sort().join(',')},${options.kernelDebPath}`,
    // eatmydata: dpkg's fsyncs are pointless in a throw-away chroot (a tarball comes out).
    '--hook-dir=/usr/share/mmdebstrap/hooks/eatmydata',
    ...PATH_EXCLUDES.map((pattern) => `--dpkgopt=path-exclude=${pattern}`),
    '--dpkgopt=path-include=/usr/share/doc/*/copyright',
    '--aptopt=Acquire::Languages "none"',
    // One initramfs instead of two: the kernel's postinst makes one (-c) and the packages configured
    // after it (udev, zstd, …) trigger a second (-u). INITRD=No (MMDEBSTRAP_ENV) skips both; this
    // hook then makes it once, with every hook in place. Guarded: if INITRD did not reach dpkg,
    // the initrd exists already and is not made a third time.
    `--customize-hook=${MAKE_INITRAMFS_HOOK}`,
    options.suite, options.out,
  ];
}

/** The kernel release a kernel .deb's file name names (`linux-image-6.1.0-57-amd64_…` → `6.1.0-57-amd64`), or undefined. */
export function readKernelRelease(debFile: string): string | undefined {
  return /^linux-image-(\d[^_]*-amd64)(?:-unsigned)?_[^_]+_amd64\.deb$/.exec(path.basename(debFile))?.[1];
}
