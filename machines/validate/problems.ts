/** One thing wrong with a hardware model: where, what was expected, what was given. */
export interface ModelProblem {
  /** The model's name. */
  model: string;
  /** The field, e.g. `nics[0].slot`. */
  field: string;
  /** The whole sentence: what was wrong, what was expected, what was given. */
  message: string;
}

/** Formats a PCI slot as QEMU writes it (`0x05`). */
export function formatSlot(slot: number): string {
  return `0x${slot.toString(16).padStart(2, '0')}`;
}
