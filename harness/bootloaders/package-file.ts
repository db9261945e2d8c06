import { existsSync } from 'node:fs';
import { InfrastructureError } from '../errors/errors.js';

/** Throws an error naming the Debian package when a file it installs (GRUB modules, firmware) is missing. */
export function requirePackageFile(file: string, debianPackage: string): void {
  if (!existsSync(file)) {
    throw new InfrastructureError(`${file} is missing: the package ${debianPackage} is not installed`, {
      step: 'bootloader', hint: `Install it as root: apt-get install ${debianPackage}`,
    });
  }
}
