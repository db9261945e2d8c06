import { existsSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { probeAccel, type AccelVerdict } from '../harness/qemu/accel.js';
import type { QemuConfinement } from '../harness/qemu/types.js';
import { installCommand } from '../harness/host/bootstrap.js';
import { cacheDir } from '../harness/host/cache-dir.js';
import { resolveConfinement } from '../harness/qemu/confinement.js';
import { findHostTool, hostTools, nameHostTool, type HostTool } from '../harness/host/tools.js';
import { ensureKernelTree } from '../harness/host/kernel-package.js';

/** One line of the doctor's report. */
export interface DoctorItem {
  name: string;
  ok: boolean;
  detail: string;
  /** How to fix it, when not ok. */
  fix?: string;
}

/** Everything `clonelab doctor` says about this host. */
export interface DoctorReport {
  ok: boolean;
  tools: DoctorItem[];
  cache: DoctorItem[];
  accel: AccelVerdict | { accel: 'tcg'; reason: string };
  /** How every VM's QEMU is confined here (`-sandbox`, `-runas`); a host without them still works. */
  confinement: QemuConfinement;
}

/** Checks every host tool (path and version), the cache, the acceleration verdict and QEMU's confinement. */
export async function runDoctor(): Promise<DoctorReport> {
  const tools = await Promise.all(hostTools.map(async (tool): Promise<DoctorItem> => {
    const found = findHostTool(tool);
    const name = nameHostTool(tool);
    if (!found) {
      return { name, ok: false, detail: `missing (${tool.purpose})`, fix: installCommand([tool.debianPackage]).join(' ') };
    }
    // A data file is dated by its Debian package, as a tool without a version option is.
    return { name, ok: true, detail: `${await readVersion(tool.file ? '' : found, tool)} — ${found}` };
  }));
  const cache = await checkCache();
  const usable = tools.every((item) => item.ok) && cache.every((item) => item.ok);
  const accel = usable ? await probeAccel() : { accel: 'tcg' as const, reason: 'not probed: fix the missing parts first' };
  const confinement: QemuConfinement = usable ? await resolveConfinement() : { sandbox: false, why: { sandbox: 'not probed: fix the missing parts first', runAs: 'not probed' } };
  return { ok: usable, tools, cache, accel, confinement };
}

async function checkCache(): Promise<DoctorItem[]> {
  const folder = cacheDir();
  const items: DoctorItem[] = [{ name: 'cache folder', ok: true, detail: folder }];
  try {
    const kernel = await ensureKernelTree(folder);
    items.push({ name: 'guest kernel', ok: existsSync(kernel.vmlinux), detail: `${kernel.release}: ${path.relative(folder, kernel.vmlinux)}` });
  } catch (error) {
    items.push({ name: 'guest kernel', ok: false, detail: (error as Error).message, fix: 'npm run bootstrap (as root)' });
  }
  return items;
}

async function readVersion(executable: string, tool: HostTool): Promise<string> {
  // A tool with no version option (hivexml) is dated by the Debian package that ships it.
  const result = tool.versionArgs.length > 0 && executable !== ''
    ? await execa(executable, tool.versionArgs, { reject: false, all: true, timeout: 10_000 })
    : await execa('dpkg-query', ['-W', '-f', `${tool.debianPackage} \${Version}\n`, tool.debianPackage], { reject: false, all: true, timeout: 10_000 });
  const lines = (result.all ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
  const versioned = lines.find((line) => /\d+\.\d+/.test(line)) ?? lines[0] ?? 'version unknown';
  return versioned.length > 80 ? `${versioned.slice(0, 80)}…` : versioned;
}
