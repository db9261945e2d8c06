// Imaging: four clone methods behind one interface, and the WIM toolkit.
import { fileMethod } from './file-method.js';
import { overlayMethod } from './overlay-method.js';
import { sectorMethod } from './sector-method.js';
import type { CloneMethod, CloneMethodName } from './types.js';
import { usedBlocksMethod } from './used-blocks-method.js';

export type { ApplyOptions, ApplyResult, CaptureOptions, CapturedImage, CloneMethod, CloneMethodName, WimCompression } from './types.js';
export { sectorMethod, usedBlocksMethod, fileMethod, overlayMethod };
export { readWimInfo, parseWimXml, decodeWimXml, type WimImage, type WimInfo } from './wim-info.js';
export { captureWim, type CaptureWimOptions } from './wim-capture.js';
export { applyWimToDisk, type ApplyWimOptions } from './apply-wim-to-disk.js';
export { splitWim } from './wim-split.js';
export { resolveWimParts } from './wim-parts.js';
export { verifyWim } from './wim-verify.js';

/** The clone methods by name. */
export const cloneMethods: Record<CloneMethodName, CloneMethod> = {
  sector: sectorMethod, 'used-blocks': usedBlocksMethod, file: fileMethod, overlay: overlayMethod,
};
export { measureFidelity, compareEntries, type FidelityFinding, type FidelityKind, type FidelityReport } from './fidelity.js';
export { listWimImage, type WimDirEntry } from './wim-dir.js';
export { findFatLosses, formatFatLosses, FatNamesError, type FatLoss, type FatLossReason, type TreeEntry } from './fat-names.js';
