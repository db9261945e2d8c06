import type { z } from 'zod';
import type { bridgeSchema, hardwareModelSchema, modelInputSchema, nicSlotSchema, slottedDeviceSchema, storageSlotSchema } from './schema.js';

// The model types are the schema's (machines/catalog/schema.ts): one description, checked at
// compile time for the built-in catalog and at load time for the user's files.

/** A PCI device placed in a slot (function 0) of bus 0 or of a bridge's bus. */
export type SlottedDevice = z.infer<typeof slottedDeviceSchema>;
/** A network card of a hardware model. */
export type NicSlot = z.infer<typeof nicSlotSchema>;
/** The storage controller that carries the system disk. */
export type StorageSlot = z.infer<typeof storageSlotSchema>;
/** A bridge with its own bus (`pci-bridge`, `pcie-root-port`, `pcie-pci-bridge`). */
export type Bridge = z.infer<typeof bridgeSchema>;
/** A typed description of one machine of the fleet. */
export type HardwareModel = z.infer<typeof hardwareModelSchema>;
/** A model as a user's file writes it: whole, or `extends` another and gives what differs. */
export type ModelInput = z.input<typeof modelInputSchema>;

/**
 * A model of a run's catalog: a built-in one (no `source`) or a user's, resolved (its `extends`
 * chain applied) and validated. What `resolveModels` gives and every command reads.
 */
export type ResolvedModel = HardwareModel & {
  /** The file a user model comes from, as given (`--models FILE` or a scenario file); absent for a built-in model. */
  source?: string;
  /** The model it extends, when it does. */
  extends?: string;
};
