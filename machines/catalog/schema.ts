import { z } from 'zod';
import { bridgeTypes } from '../devices/bridges.js';
import { chipsets } from '../devices/types.js';

// The schema of a hardware model: the built-in catalog and the user's model files pass the same
// one. It says the shape (which fields, of which type; unknown keys are errors); what needs the
// device registry or the whole model (names, ranges, slots, buses) is `validateModel`'s.

/** A bridge: a PCI bus of its own behind one slot of its parent bus. */
export const bridgeSchema = z.strictObject({
  /** Its name in the model: devices behind it say `bus: '<id>'`; also its QEMU id (`a-z`, `0-9`, `-`). */
  id: z.string(),
  /** `pci-bridge` (pc), `pcie-root-port` (q35: one PCI Express device, at slot 0), `pcie-pci-bridge` (q35: conventional devices). */
  type: z.enum(bridgeTypes),
  /** The bridge it sits behind; omitted: the chipset's root bus (bus 0). */
  bus: z.string().optional(),
  /** Its slot on that bus (0x00–0x1f). */
  slot: z.number(),
  /** Chassis number of a `pci-bridge` or `pcie-root-port` (1–255, unique in the model); omitted: the lowest free one. */
  chassis: z.number().optional(),
});

/** A PCI device placed in a slot (function 0) of bus 0 or of a bridge's bus. */
export const slottedDeviceSchema = z.strictObject({
  /** QEMU device name, from the device registry. */
  device: z.string(),
  /** The bridge (`bridges[].id`) it sits behind; omitted: the chipset's root bus (bus 0). */
  bus: z.string().optional(),
  /** Slot on its bus (0x00–0x1f; behind a `pcie-root-port`, 0 only). */
  slot: z.number(),
});

/** A network card of a hardware model. */
export const nicSlotSchema = slottedDeviceSchema.extend({
  /**
   * `auto` (default): a unique locally administered MAC per VM. A MAC pins it, like a
   * network-address override that every clone copies.
   */
  mac: z.string().optional(),
  /**
   * The driver the installed system records for this NIC instead of the registry's:
   * the image was made for another chip revision of the same product line (e.g. `8139too`).
   */
  installDriver: z.string().optional(),
});

/** The storage controller that carries the system disk. */
export const storageSlotSchema = z.strictObject({
  device: z.string(),
  /** The bridge it sits behind; omitted: the root bus. Not for a controller built into the chipset. */
  bus: z.string().optional(),
  /** Slot for an add-on controller; omitted for a controller built into the chipset. */
  slot: z.number().optional(),
});

/** A typed description of one machine of the fleet. */
export const hardwareModelSchema = z.strictObject({
  /** Unique name, kebab-case. */
  name: z.string(),
  /** One line: what this model stands for, and what it differs in. */
  purpose: z.string(),
  chipset: z.enum(chipsets),
  cpus: z.number(),
  memoryMiB: z.number(),
  /** Bridges, each with its own bus; devices and other bridges name one in `bus`. */
  bridges: z.array(bridgeSchema).optional(),
  nics: z.array(nicSlotSchema),
  video: slottedDeviceSchema,
  storage: storageSlotSchema,
});

/**
 * A model as a user's file writes it: a whole model, or `extends` another (built-in or user)
 * and gives only what differs. How each field overrides the parent's is RFC 7386 (JSON Merge
 * Patch): `purpose`, `chipset`, `cpus`, `memoryMiB` replace; `nics` and `bridges` (arrays)
 * replace the parent's whole list; `video` and `storage` (objects) merge field by field, and
 * `null` removes an inherited `bus` or `slot` (a built-in controller has no slot).
 */
export const modelInputSchema = z.strictObject({
  name: z.string(),
  /** The model this one starts from: a built-in model or another user model (chains allowed, no cycles). */
  extends: z.string().optional(),
  purpose: z.string().optional(),
  chipset: z.enum(chipsets).optional(),
  cpus: z.number().optional(),
  memoryMiB: z.number().optional(),
  bridges: z.array(bridgeSchema).optional(),
  nics: z.array(nicSlotSchema).optional(),
  video: z.strictObject({ device: z.string().optional(), bus: z.string().nullable().optional(), slot: z.number().optional() }).optional(),
  storage: z.strictObject({ device: z.string().optional(), bus: z.string().nullable().optional(), slot: z.number().nullable().optional() }).optional(),
});
