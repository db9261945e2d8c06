import { InfrastructureError, type ErrorFacts } from '../errors/errors.js';
import type { PlacementEvidence } from './compare-placement.js';

/**
 * QEMU did not put a device where the model says: the lab would test other hardware than the
 * one named, so the boot stops. Infrastructure (step `placement`), not a check failure: the
 * image is not at fault. Carries the evidence of every device, the mismatched ones included.
 */
export class PlacementError extends InfrastructureError {
  readonly devices: PlacementEvidence[];

  constructor(message: string, devices: PlacementEvidence[], facts: ErrorFacts = {}) {
    super(message, { step: 'placement', ...facts });
    this.devices = devices;
  }
}
