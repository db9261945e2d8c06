import { open } from 'node:fs/promises';
import { UsageError } from '../errors/errors.js';
import { compileKeyPatterns } from './key-patterns.js';
import { DEFAULT_LIMITS, type InspectLimits } from './limits.js';
import { parseHiveXml } from './parse-hive-xml.js';
import { HiveXmlPruner, KeptTooMuchError } from './prune-hive-xml.js';
import type { Hive, RegKey } from './registry-types.js';
import { streamTool, textSink, TooLargeError } from './stream-tool.js';

/** Options of readHive. */
export interface ReadHiveOptions {
  /** `SYSTEM`, `SOFTWARE`, `SAM`, `SECURITY`. */
  name: string;
  /** Where the hive came from, named in errors and evidence. */
  source: string;
  /** The keys to keep (key-patterns.ts); everything else is passed over as hivexml streams. */
  keys: readonly string[];
  limits?: InspectLimits;
  signal?: AbortSignal;
}

const BASE_BLOCK = 4096;

/**
 * Reads the asked keys of a registry hive file with hivexml (Debian's libhivex-bin), streamed
 * through HiveXmlPruner and parsed with fast-xml-parser. The file is checked first (a `regf`
 * base block, not truncated, within the size limit) so that bad input gets a message saying
 * what was expected and what was found. A value longer than `maxValueChars` is kept without
 * its data and named in `warnings`; what hivex itself cannot read (a key loop, a value longer
 * than it reads) is refused.
 */
export async function readHive(file: string, options: ReadHiveOptions): Promise<Hive> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const bytes = await checkHiveFile(file, options.source, limits);
  const read = await runHivexml(file, options, limits);
  if (read.failure) {
    if (/too many levels|loop/i.test(read.failure)) {
      throw hiveError(options.source, `its keys form a loop: a subkey list leads back to a key above it (hivexml: ${read.failure})`);
    }
    // hivexml -k would go on, but leaves the failed key open, so the keys after it come out
    // nested below it (measured): a partial read would put values under the wrong keys.
    throw hiveError(options.source, `hivex cannot read it: ${describeHivexFailure(read.failure)}`);
  }
  let root: RegKey;
  try {
    root = parseHiveXml(read.xml);
  } catch (error) {
    throw hiveError(options.source, `hivexml's output is not readable XML: ${(error as Error).message}`);
  }
  return { name: options.name, source: options.source, root, bytes, warnings: listOversize(root, options.source) };
}

/** Checks size and base block; returns the file's size. */
async function checkHiveFile(file: string, source: string, limits: InspectLimits): Promise<number> {
  const handle = await open(file, 'r').catch((error: unknown) => {
    throw hiveError(source, `cannot open it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  });
  try {
    const { size } = await handle.stat();
    if (size > limits.maxHiveBytes) throw hiveError(source, `it has ${size} bytes, more than the ${limits.maxHiveBytes} bytes a hive may have here`);
    const head = Buffer.alloc(BASE_BLOCK);
    const { bytesRead } = await handle.read(head, 0, BASE_BLOCK, 0);
    const magic = head.subarray(0, 4);
    if (magic.toString('latin1') === 'CREG') throw hiveError(source, 'it is a Windows 9x registry file (CREG), not an NT hive');
    if (bytesRead < 4 || magic.toString('latin1') !== 'regf') {
      throw hiveError(source, `expected a registry hive starting with "regf", found ${describeMagic(magic.subarray(0, bytesRead))}`);
    }
    if (bytesRead < BASE_BLOCK) throw hiveError(source, `it is truncated: ${size} bytes, less than the ${BASE_BLOCK}-byte base block of a hive`);
    const binsBytes = head.readUInt32LE(0x28);
    if (BASE_BLOCK + binsBytes > size) {
      throw hiveError(source, `it is truncated: its base block says ${binsBytes} bytes of hive bins follow, the file has ${size - BASE_BLOCK}`);
    }
    return size;
  } finally {
    await handle.close();
  }
}

async function runHivexml(file: string, options: ReadHiveOptions, limits: InspectLimits): Promise<{ xml: string; failure?: string }> {
  const pruner = new HiveXmlPruner(compileKeyPatterns(options.keys), limits);
  try {
    // hivexml's XML is far larger than the hive; the pruner bounds what is kept, not what streams.
    const { failure } = await streamTool('hivexml', [file], textSink((text) => pruner.push(text)), {
      file: options.source, step: 'hive-read', maxBytes: Number.MAX_SAFE_INTEGER, timeoutMs: limits.toolTimeoutMs, signal: options.signal, fifo: `${file}.xml.fifo`,
    });
    if (failure) return { xml: '', failure: failure.stderr.replace(/^hivex_\w+: [^:]*: /, '') };
    return { xml: pruner.end() };
  } catch (error) {
    if (error instanceof KeptTooMuchError) throw hiveError(options.source, `${error.message}: more than clonelab keeps of a hive`);
    if (error instanceof TooLargeError) throw hiveError(options.source, error.message);
    throw error;
  }
}

function listOversize(key: RegKey, source: string): string[] {
  const found: string[] = [];
  const visit = (current: RegKey): void => {
    for (const value of current.values.values()) {
      if (value.type === 'oversize') found.push(`${source}: \\${current.path}\\${value.name || '(default)'} has ${value.chars} characters of data, more than clonelab reads: left out`);
    }
    for (const child of current.subkeys.values()) visit(child);
  };
  visit(key);
  return found;
}

function describeHivexFailure(failure: string): string {
  if (/out of range/i.test(failure)) return `${failure}: a value or list longer than hivex reads (a corrupt or hostile length)`;
  return failure;
}

function describeMagic(bytes: Buffer): string {
  if (bytes.length === 0) return 'an empty file';
  const printable = [...bytes].every((byte) => byte >= 0x20 && byte < 0x7f);
  return printable ? JSON.stringify(bytes.toString('latin1')) : `bytes ${bytes.toString('hex')}`;
}

/** The error for a hive that cannot be read. */
export function hiveError(source: string, problem: string): UsageError {
  return new UsageError(`Cannot read the registry hive ${source}: ${problem}.`, { step: 'hive-read' });
}
