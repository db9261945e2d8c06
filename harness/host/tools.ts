/** A host tool clonelab runs, and the Debian package that provides it. */
export interface HostTool {
  command: string;
  debianPackage: string;
  /** Arguments that make the tool print its version; none: the version of its Debian package (dpkg-query). */
  versionArgs: string[];
  /** What clonelab uses it for. */
  purpose: string;
}

/** Every host tool the lab and its test command need, from Debian's packages. */
export const hostTools: readonly HostTool[] = [
  { command: 'qemu-system-x86_64', debianPackage: 'qemu-system-x86', versionArgs: ['--version'], purpose: 'runs the virtual machines' },
  { command: 'qemu-img', debianPackage: 'qemu-utils', versionArgs: ['--version'], purpose: 'qcow2 overlays and image conversion' },
  { command: 'wimlib-imagex', debianPackage: 'wimtools', versionArgs: ['--version'], purpose: 'WIM capture, apply, info, split, verify' },
  { command: 'mkntfs', debianPackage: 'ntfs-3g', versionArgs: ['--version'], purpose: 'NTFS volumes' },
  { command: 'ntfslabel', debianPackage: 'ntfs-3g', versionArgs: ['--version'], purpose: 'NTFS volume serials' },
  { command: 'ntfs-3g', debianPackage: 'ntfs-3g', versionArgs: ['--version'], purpose: 'NTFS driver packed into the guest loader' },
  { command: 'mkfs.fat', debianPackage: 'dosfstools', versionArgs: ['--help'], purpose: 'FAT16/FAT32 volumes' },
  { command: 'mcopy', debianPackage: 'mtools', versionArgs: ['--version'], purpose: 'FAT file access without mounting' },
  { command: 'busybox', debianPackage: 'busybox-static', versionArgs: ['--help'], purpose: 'the guest userland' },
  { command: 'sfdisk', debianPackage: 'fdisk', versionArgs: ['--version'], purpose: 'partition tables' },
  { command: 'cpio', debianPackage: 'cpio', versionArgs: ['--version'], purpose: 'guest loader archives' },
  { command: 'xz', debianPackage: 'xz-utils', versionArgs: ['--version'], purpose: 'uncompressing the kernel for PVH boot' },
  { command: 'hivexml', debianPackage: 'libhivex-bin', versionArgs: [], purpose: 'reads Windows registry hives offline (clonelab inspect)' },
  { command: 'shellcheck', debianPackage: 'shellcheck', versionArgs: ['--version'], purpose: 'checks the guest shell scripts (npm run lint)' },
];
