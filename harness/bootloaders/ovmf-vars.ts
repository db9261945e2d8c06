import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FirmwareBoot } from '../qemu/types.js';
import { requirePackageFile } from './package-file.js';

/** Debian's OVMF build (package `ovmf`): 4 MiB flash, no Secure Boot keys enrolled. */
export const OVMF_CODE = '/usr/share/OVMF/OVMF_CODE_4M.fd';
/** The variables template OVMF_CODE_4M.fd pairs with; copied per boot, never written. */
export const OVMF_VARS_TEMPLATE = '/usr/share/OVMF/OVMF_VARS_4M.fd';

/**
 * Copies the OVMF variables template into a boot's own folder and returns the uefi boot spec:
 * OVMF writes boot entries into its variables, so a shared file would carry one VM's entries
 * into the next. Throws an error naming the package when OVMF is not installed.
 * @example const boot = await prepareOvmfVars(path.join(runDir, 'vm1')); // { kind: 'firmware', firmware: 'uefi', code, vars }
 */
export async function prepareOvmfVars(workDir: string): Promise<Extract<FirmwareBoot, { firmware: 'uefi' }>> {
  requirePackageFile(OVMF_CODE, 'ovmf');
  requirePackageFile(OVMF_VARS_TEMPLATE, 'ovmf');
  await mkdir(workDir, { recursive: true });
  const vars = path.join(workDir, 'OVMF_VARS.fd');
  await copyFile(OVMF_VARS_TEMPLATE, vars);
  return { kind: 'firmware', firmware: 'uefi', code: OVMF_CODE, vars };
}
