import type { HardwareModel } from '../../machines/catalog/types.js';
import { findDevice } from '../../machines/devices/registry.js';
import type { FailureName } from '../spec/failure-names.js';

/**
 * The failures a clone on this model is known to show whatever the image does: the registry's
 * organic incompatibilities (vmware-svga → problem 10, mptsas1068 → STOP 0x7B) and an install
 * that records a driver known not to work (8139too on the RTL8139C+ → problem 10).
 */
export function expectedModelFailures(model: HardwareModel): FailureName[] {
  const failures = new Set<FailureName>();
  const devices = [...model.nics.map((nic) => nic.device), model.video.device, model.storage.device];
  for (const name of devices) {
    const issue = findDevice(name)?.knownIssue;
    if (issue) failures.add(issue.symptom === 'stop-0x7b' ? 'stop-0x7b' : 'problem-10');
  }
  for (const nic of model.nics) {
    const incompatibility = findDevice(nic.device)?.incompatibilities.find((entry) => entry.driver === nic.installDriver);
    if (incompatibility?.symptom === 'problem-10') failures.add('problem-10');
  }
  return [...failures];
}
