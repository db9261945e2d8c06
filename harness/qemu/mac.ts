import { createHash } from 'node:crypto';

/**
 * Derives a unicast, locally administered MAC from a per-VM seed and the NIC's index:
 * unique per VM, and the same for the same seed (so a repro script gets the same MACs).
 */
export function deriveMac(seed: string, nicIndex: number): string {
  const bytes = createHash('sha256').update(`${seed}\0nic${nicIndex}`).digest().subarray(0, 6);
  bytes[0] = ((bytes[0] ?? 0) & 0xfc) | 0x02;
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join(':');
}
