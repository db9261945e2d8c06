import path from 'node:path';
import { invalidInput } from '../errors/errors.js';
import { escapeOption } from './escape-option.js';
import type { BootSpec } from './types.js';

/**
 * The firmware options of a firmware boot: none for SeaBIOS (QEMU's default for `pc` and `q35`;
 * the disk's `bootindex=0` picks it), two pflash drives for OVMF. The variables drive is
 * writable: OVMF stores its boot entries there, so each VM gets its own copy. Both files are
 * opened when QEMU starts, before `-runas` drops root, so a root-owned copy works under it.
 * @example buildFirmwareArgs({ kind: 'firmware', firmware: 'uefi', code: '/usr/share/OVMF/OVMF_CODE_4M.fd', vars: 'vm/vars.fd' })
 */
export function buildFirmwareArgs(boot: BootSpec): string[] {
  if (boot.kind !== 'firmware' || !('firmware' in boot) || boot.firmware === 'bios') return [];
  // The system's template sits beside the code file: a VM writing it would change every later boot.
  if (path.dirname(path.resolve(boot.vars)) === path.dirname(path.resolve(boot.code))) {
    throw invalidInput('OVMF variables file', `a private copy outside the firmware folder ${path.dirname(boot.code)}`, boot.vars);
  }
  return [
    '-drive', `if=pflash,format=raw,unit=0,readonly=on,file=${escapeOption(boot.code)}`,
    '-drive', `if=pflash,format=raw,unit=1,file=${escapeOption(boot.vars)}`,
  ];
}
