import type { ImageRef } from './types.js';

/**
 * One image's file tree, read without mounting and never written: a WIM image (wimlib), an
 * NTFS volume (ntfs-3g tools on a copy of its partition), or a host folder. The inspection
 * asks every tree the same three questions and never which kind it holds (as libguestfs'
 * inspection asks each filesystem).
 */
export interface WindowsTree {
  ref: ImageRef;
  /** What the tree is, in messages: `WIM image 2 of install.wim`, `NTFS volume (partition 2 of disk.img)`, `folder tree/`. */
  description: string;
  /** The path as the tree spells it, looked up without regard to case (`/windows/system32` → `/Windows/System32`); undefined when absent. */
  resolve(path: string): Promise<string | undefined>;
  /** The names at the top of the tree (for the search of the system root, and for messages). */
  listTop(): Promise<string[]>;
  /** Copies one file (a path `resolve` gave) into `dest`, refusing more than `maxBytes`; returns its size. */
  extract(path: string, dest: string, maxBytes: number): Promise<number>;
}
