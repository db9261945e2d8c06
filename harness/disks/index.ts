// Emulated disks: geometry, composition, and file access without mounting.
export type { DiskInfo, Filesystem, Geometry, GeometryInput, PartitionInfo, SerialPolicy, VolumeEntry } from './types.js';
export { filesystems, serialPolicies } from './types.js';
export { parseGeometry, DEFAULT_LABEL } from './parse-geometry.js';
export { parseSize } from './parse-size.js';
export { computePartitionLayout, type PartitionLayout } from './partition-layout.js';
export { createDisk, type CreateDiskOptions, type CreatedDisk } from './create-disk.js';
export { chooseVolumeSerial, clockVolumeSerial, randomVolumeSerial } from './volume-serial.js';
export { readDiskInfo } from './read-disk-info.js';
export { listVolume, readVolumeFile, extractVolume, copyIntoVolume, describeGeometry } from './volume-access.js';
export { extractPartitionFile, splicePartitionFile } from './partition-file.js';
export { copyVolumeFilesOut, withVolumeReader, type CopyOut, type ReadVolumeFileInto } from './copy-volume-files.js';
export { createExt4, readExt4Uuid, readExt4Superblock, type CreateExt4Options, type Ext4Superblock } from './ext4-create.js';
export { readExt4File, writeExt4File, writeExt4Files, removeExt4Path, makeExt4Symlink, makeExt4Dir, listExt4Dir, findExt4Entry, type Ext4Entry, type Ext4Content, type Ext4FileWrite } from './ext4-files.js';
export { dumpExt4Tree, checkExt4 } from './ext4-dump.js';
