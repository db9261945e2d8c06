import type { CloneMethod, CloneMethodName } from '../../imaging/types.js';
import { linuxFileMethod } from './ext4-file-method.js';
import { linuxUsedBlocksMethod } from './ext4-used-blocks-method.js';
import { linuxOverlayMethod, linuxSectorMethod } from './whole-disk-methods.js';

/** The clone methods of Linux disks (ESP + ext4 root). */
export const linuxCloneMethods: Record<CloneMethodName, CloneMethod> = {
  sector: linuxSectorMethod,
  'used-blocks': linuxUsedBlocksMethod,
  file: linuxFileMethod,
  overlay: linuxOverlayMethod,
};
