import type { PlacementProof } from '../qemu/prove-and-continue.js';
import type { CheckResult, CloneFacts, PlacementFact } from './types.js';

/** Keeps of a boot's placement proof what results.json needs: per device the expected and the found address, with the ids. */
export function toPlacementFact(proof: PlacementProof): PlacementFact {
  return {
    qemuVersion: proof.qemuVersion, provenWhen: proof.provenWhen, pausedMs: Math.round(proof.pausedMs), checkMs: Math.round(proof.checkMs),
    ...(proof.numberingMs === undefined ? {} : { numberingMs: Math.round(proof.numberingMs) }),
    devices: proof.devices.map(({ expected, found, elsewhere, ok }) => ({
      role: expected.role, kind: expected.kind, qemu: expected.qemu, expected: expected.address,
      found: ok ? expected.address : elsewhere[0] ?? null, ids: `${expected.vendor}:${expected.device}`,
      foundIds: found ? `${found.vendor}:${found.device}` : null, ok,
    })),
  };
}

/**
 * The `placement` check of a clone whose VM started: every device of its model where the model
 * says, as QMP `query-pci` showed when the VM started. A boot whose placement differs never gets
 * here: it is a PlacementError (an infrastructure error) that stopped the VM.
 */
export function checkPlacement(clone: CloneFacts, placement: PlacementFact): CheckResult {
  const wrong = placement.devices.filter((device) => !device.ok);
  const when = placement.provenWhen === 'paused' ? 'before the CPUs ran' : 'once the firmware numbered the buses behind the bridges';
  return {
    id: 'placement', scope: 'clone', cloneId: clone.cloneId, status: wrong.length === 0 ? 'pass' : 'fail', failures: [],
    summary: wrong.length === 0
      ? `all ${placement.devices.length} devices of ${clone.machine} where the model says, proven ${when}: ${placement.devices.map((device) => `${device.role} ${device.qemu} ${device.ids} at ${device.expected}`).join(', ')}`
      : wrong.map((device) => `${device.role} ${device.qemu} ${device.ids} expected at ${device.expected}, found ${device.found ?? 'nowhere'}${device.foundIds && device.foundIds !== device.ids ? ` (${device.expected} holds ${device.foundIds})` : ''}`).join('; '),
    evidence: {
      source: `QMP query-pci vs the hardware model, ${when} (QEMU ${placement.qemuVersion})`,
      devices: placement.devices, pausedMs: placement.pausedMs, checkMs: placement.checkMs, ...(placement.numberingMs === undefined ? {} : { numberingMs: placement.numberingMs }),
    },
  };
}
