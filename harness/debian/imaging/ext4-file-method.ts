import { rm } from 'node:fs/promises';
import path from 'node:path';
import { runTool } from '../../disks/run-tool.js';
import { makeTempSibling } from '../../disks/temp-path.js';
import { UsageError } from '../../errors/errors.js';
import { renameOrRemove } from '../../host/atomic.js';
import { measureAllocatedBytes } from '../../imaging/allocated-bytes.js';
import type { ApplyResult, CloneMethod } from '../../imaging/types.js';
import { composeExt4Target } from './compose-ext4-target.js';
import { captureExt4Wim, ESP_IMAGE_NAME } from './ext4-wim-capture.js';
import { listWimImages, parseExt4WimFacts } from './ext4-wim-facts.js';
import { withSiblingTempDir } from './sibling-temp-dir.js';
import { findFilesNamingUuid } from './stale-uuid-files.js';
import { measureTreeBlocks } from './tree-fit.js';

const DEFAULT_ESP_BYTES = 64 * 1024 * 1024;

/**
 * File clone of a Linux disk: the ext4 root's files (and the ESP's, as image `esp`) in a WIM with
 * wimlib's UNIX data (owners, modes, symlinks), applied onto a fresh disk of any size. The new
 * root filesystem gets a new random UUID unless `keepUuid`: fstab, grub.cfg and the kernel
 * command line that name the old one go stale, which the notes say file by file.
 */
export const linuxFileMethod: CloneMethod = {
  name: 'file',
  async capture(sourceDisk, options) {
    if (options.append) throw new UsageError(`Cannot append a Linux disk to ${options.out}: the Linux file method writes a new WIM of its own (images root and ${ESP_IMAGE_NAME})`, { hint: 'capture into a new WIM file' });
    const { root, facts, specialModes } = await captureExt4Wim(sourceDisk, options);
    const storedBytes = await measureAllocatedBytes(options.out);
    const notes = [
      `root ext4 ${root.uuid} (label ${JSON.stringify(root.label)}) captured from partition ${root.number} with wimlib --unix-data as image 1${facts.espBytes > 0 ? `; the ESP's files as image 2 (${ESP_IMAGE_NAME})` : '; no ESP found'}`,
      `dumped with debugfs rdump: ${specialModes} setuid/setgid/sticky mode(s) put back; extended attributes (file capabilities) and device nodes are not carried, hard links become copies`,
    ];
    return { method: 'file', path: options.out, source: sourceDisk, storedBytes, index: 1, notes };
  },
  async apply(captured, targetPath, geometry, options = {}): Promise<ApplyResult> {
    const { signal } = options;
    if (options.keepExisting) throw new UsageError(`Cannot apply onto ${targetPath} keeping its files: the Linux file method always makes a fresh disk (MBR, ESP, ext4 root)`);
    const images = await listWimImages(captured.path, signal);
    const index = captured.index ?? 1;
    const image = images.find((candidate) => candidate.index === index);
    const facts = image && parseExt4WimFacts(image.description);
    if (!facts) {
      throw new UsageError(`${captured.path} image ${index} is not a Linux root captured by the file method: expected a description starting "clonelab-ext4", found ${JSON.stringify(image?.description.slice(0, 80) ?? `no image ${index} (the WIM has ${images.length})`)}`);
    }
    const esp = images.find((candidate) => candidate.name === ESP_IMAGE_NAME && candidate.index !== index);
    const temporary = makeTempSibling(path.resolve(targetPath));
    try {
      return await withSiblingTempDir(targetPath, async (dir) => {
        const rootTree = path.join(dir, 'root');
        const espTree = path.join(dir, 'esp');
        const run = { file: captured.path, step: 'wim-apply', signal };
        await runTool('wimlib-imagex', ['apply', captured.path, String(index), rootTree, '--unix-data', '--check'], run);
        if (esp) await runTool('wimlib-imagex', ['apply', captured.path, String(esp.index), espTree], run);
        const treeBytes = await measureTreeBlocks(rootTree);
        const espBytes = facts.espBytes > 0 ? facts.espBytes : DEFAULT_ESP_BYTES;
        const rootRoom = geometry.sizeBytes - 1024 * 1024 - espBytes;
        if (treeBytes > rootRoom) {
          throw new UsageError(`File clone refused: the root tree needs at least ${treeBytes} bytes as ext4 blocks, more than the target's root partition (${rootRoom} bytes of a ${geometry.sizeBytes}-byte disk)`, { hint: 'give a larger target disk' });
        }
        const made = await composeExt4Target({
          disk: temporary, sizeBytes: geometry.sizeBytes, espBytes, rootTree, espTree: esp ? espTree : undefined,
          uuid: options.keepUuid ? facts.rootUuid : undefined, label: facts.rootLabel, treeBytes, signal,
        });
        const notes = [`fresh ext4 root of ${made.layout.root.sizeBytes} bytes, label ${JSON.stringify(facts.rootLabel)}; ESP formatted anew (serial ${made.espSerial}) ${esp ? 'with the image\'s ESP files' : 'empty: the WIM had no esp image'}; GRUB boot.img and core.img written anew`];
        if (options.keepUuid) {
          notes.push(`root UUID ${made.uuid} kept from the source (keepUuid): every clone shares it`);
        } else {
          const stale = await findFilesNamingUuid(rootTree, facts.rootUuid);
          notes.push(`new root UUID ${made.uuid} (the source's was ${facts.rootUuid})${stale.length > 0 ? `: ${stale.join(', ')} still name${stale.length === 1 ? 's' : ''} the old one and are stale, so the clone does not find its root` : '; no file checked names the old one'}`);
        }
        await renameOrRemove(temporary, targetPath);
        return { method: 'file' as const, target: targetPath, bytesWritten: await measureAllocatedBytes(targetPath), notes };
      });
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  },
};
