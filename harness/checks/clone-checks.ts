import type { FailureName } from '../spec/failure-names.js';
import { checkFatLosses } from './fat-losses-check.js';
import { runLinuxChecks } from './linux-checks.js';
import { checkPlacement } from './placement-check.js';
import type { CloneReport, DeviceFact } from '../probe/clone-report.js';
import { pickIdentity } from '../probe/identity.js';
import type { CheckResult, CloneFacts } from './types.js';

// A filesystem reports less than its partition (FATs, MFT, reserved sectors); a volume that
// did not grow with its partition reports far less.
const MIN_USABLE_RATIO = 0.85;

/** The per-clone checks: placement, booted, devices started, NICs up with their MAC, volume size, descriptors, user files. */
export function runCloneChecks(clone: CloneFacts): CheckResult[] {
  const result = (id: string, status: CheckResult['status'], failures: FailureName[], summary: string, evidence: Record<string, unknown>): CheckResult =>
    ({ id, scope: 'clone', cloneId: clone.cloneId, status, failures, summary, evidence });
  if (clone.applyRefused) {
    return [result('applied', 'fail', ['apply-refused'], `apply was refused: ${clone.applyRefused}`, { source: 'clone method', reason: clone.applyRefused })];
  }
  const booted = checkBooted(clone);
  const checks = [...checkFatLosses(clone), ...(clone.placement ? [checkPlacement(clone, clone.placement)] : []), result('booted', booted.failures.length ? 'fail' : 'pass', booted.failures, booted.summary, booted.evidence)];
  const report = clone.report;
  if (!report) {
    const skip = (id: string) => result(id, 'skip', [], 'no probe report (the clone did not boot)', {});
    return [...checks, skip('devices-started'), skip('nics-up'), skip('volume-size'), skip('no-foreign-sid')];
  }
  // A recorded device that is gone (problem 24) may share its slot with the card now there.
  const problems = clone.expectedDevices.map((expected) => ({ ...expected, found: findPresent(report.devices, expected) }));
  const deviceFailures = new Set<FailureName>();
  for (const device of report.devices.filter((entry) => entry.status === 'problem')) {
    deviceFailures.add(device.problem === 24 ? 'problem-24' : device.problem === 28 ? 'problem-28' : 'problem-10');
  }
  const missing = problems.filter((entry) => !entry.found);
  if (missing.length > 0) deviceFailures.add('device-missing');
  const troubled = report.devices.filter((device) => device.status === 'problem');
  checks.push(result('devices-started', deviceFailures.size ? 'fail' : 'pass', [...deviceFailures],
    deviceFailures.size
      ? `${troubled.map((device) => `${device.slot} ${device.vendorDevice} problem ${device.problem ?? '?'}${device.recordedDriver ? ` (${device.recordedDriver})` : ''}`).concat(missing.map((entry) => `${entry.slot} ${entry.qemu} not reported`)).join('; ')}`
      : `all ${clone.expectedDevices.length} devices of ${clone.machine} started`,
    { source: 'probe report: devices vs hardware model', expected: clone.expectedDevices, reported: report.devices }));
  checks.push(checkNics(clone, result));
  checks.push(checkVolume(clone, result));
  checks.push(checkDescriptors(report, result), ...runLinuxChecks(report, result));
  if (clone.userFiles) checks.push(checkUserFiles(clone, result));
  return checks;
}

/** No security descriptor names a machine SID other than this clone's own (skipped for a guest without descriptors). */
function checkDescriptors(report: CloneReport, result: Make): CheckResult {
  if (!report.descriptors) return result('no-foreign-sid', 'skip', [], 'this guest keeps no security descriptors', { source: 'probe report' });
  const machineSid = pickIdentity(report.identity, 'machine-sid')[0] ?? '';
  const foreign = report.descriptors.filter((descriptor) => !descriptor.ownerSid.startsWith(`${machineSid}-`) && descriptor.ownerSid !== machineSid && descriptor.ownerSid.startsWith('S-1-5-21-'));
  return result('no-foreign-sid', foreign.length ? 'fail' : 'pass', foreign.length ? ['foreign-sid-descriptor'] : [],
    foreign.length ? `${foreign.length} descriptor(s) name a SID that is not this machine's (${machineSid}): ${foreign.slice(0, 3).map((entry) => `${entry.path} → ${entry.ownerSid}`).join(', ')}` : `all ${report.descriptors.length} descriptors name this machine's SID or a well-known SID`,
    { source: 'probe report: security descriptors', machineSid, foreign });
}

type Make = (id: string, status: CheckResult['status'], failures: FailureName[], summary: string, evidence: Record<string, unknown>) => CheckResult;

function checkBooted(clone: CloneFacts): { failures: FailureName[]; summary: string; evidence: Record<string, unknown> } {
  const evidence = { source: 'console log and probe report', stop: clone.stop };
  if (clone.stopFailure) return { failures: [clone.stopFailure], summary: clone.stop ?? clone.stopFailure, evidence };
  if (clone.stop?.includes('0x0000007B')) return { failures: ['stop-0x7b'], summary: clone.stop, evidence };
  if (clone.stop?.includes('0x000000ED')) return { failures: ['stop-0xed'], summary: clone.stop, evidence };
  if (clone.stop) return { failures: ['no-probe-report'], summary: clone.stop, evidence };
  if (!clone.report) return { failures: ['no-probe-report'], summary: 'the clone sent no valid probe report', evidence };
  // An image read offline (guest `windows`) whose setup is pending: a state, not a failure.
  if (clone.report.setup === 'generalized') {
    return { failures: [], summary: 'inspected offline: generalized (setup pending: no machine SID, account SIDs or computer name in use; the fleet identity checks count it as not reporting)', evidence: { ...evidence, setup: 'generalized', state: 'generalized' } };
  }
  return { failures: [], summary: `booted (setup: ${clone.report.setup})`, evidence: { ...evidence, setup: clone.report.setup } };
}

function checkNics(clone: CloneFacts, result: Make): CheckResult {
  const report = clone.report;
  // No NIC was started (an image inspected offline, no VM): there is no MAC to check against.
  if (clone.hardwareMacs.length === 0) return result('nics-up', 'skip', [], 'no NIC was started (no VM ran): nothing to check', { source: 'argv MACs vs probe report NICs', rows: [] });
  const nicDevices = clone.expectedDevices.filter((device) => device.kind === 'nic');
  const rows = clone.hardwareMacs.map((mac, index) => {
    const nic = report?.nics.find((entry) => entry.hardwareMac.toLowerCase() === mac.toLowerCase());
    const expected = nicDevices[index];
    const device = report && expected ? findPresent(report.devices, expected) : undefined;
    return { hardwareMac: mac, slot: expected?.slot, nic, deviceProblem: device?.status === 'problem' ? device.problem : undefined };
  });
  // A NIC whose device has a problem code is already a device failure: not counted twice.
  const considered = rows.filter((row) => row.deviceProblem === undefined);
  const failures = new Set<FailureName>();
  for (const row of considered) {
    if (!row.nic?.up) failures.add('nic-down');
    // Without an override the interface must use the MAC the hardware has.
    else if (!row.nic.overrideMac && row.nic.effectiveMac.toLowerCase() !== row.hardwareMac.toLowerCase()) failures.add('nic-mac-mismatch');
  }
  const describe = (row: (typeof rows)[number]): string =>
    `${row.hardwareMac}: ${row.nic ? `${row.nic.interface ?? '?'} ${row.nic.up ? 'up' : 'down'} as ${row.nic.effectiveMac}${row.nic.overrideMac ? ' (override)' : ''}` : 'no interface with this MAC'}`;
  const summary = failures.size
    ? considered.map(describe).join('; ')
    : `${considered.length} NIC(s) up with their MAC${considered.length < rows.length ? ` (${rows.length - considered.length} left to the device check)` : ''}`;
  return result('nics-up', failures.size ? 'fail' : 'pass', [...failures], summary, { source: 'argv MACs vs probe report NICs', rows });
}

function checkVolume(clone: CloneFacts, result: Make): CheckResult {
  const volume = clone.report?.volume;
  const evidence = { source: 'target geometry vs probe report volume', partitionBytes: clone.partitionBytes, volume };
  if (!volume || clone.partitionBytes === undefined) return result('volume-size', 'skip', [], 'no volume size to compare', evidence);
  const ratio = volume.sizeBytes / clone.partitionBytes;
  if (ratio >= MIN_USABLE_RATIO && ratio <= 1.0001) return result('volume-size', 'pass', [], `usable ${mib(volume.sizeBytes)} of a ${mib(clone.partitionBytes)} partition`, evidence);
  return result('volume-size', 'fail', ['volume-size-mismatch'], `the ${volume.filesystem} volume has ${mib(volume.sizeBytes)} but its partition ${mib(clone.partitionBytes)} (${(ratio * 100).toFixed(0)}%)`, evidence);
}

function checkUserFiles(clone: CloneFacts, result: Make): CheckResult {
  const files = clone.userFiles as NonNullable<CloneFacts['userFiles']>;
  const lost = Object.entries(files.expected).filter(([file, content]) => files.found[file] !== content).map(([file]) => file);
  return result('user-files-kept', lost.length ? 'fail' : 'pass', lost.length ? ['user-files-lost'] : [],
    lost.length ? `${lost.length} of ${Object.keys(files.expected).length} user files lost or changed: ${lost.join(', ')}` : `all ${Object.keys(files.expected).length} user files survived`,
    { source: 'target volume before apply vs after boot', ...files });
}

function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

function findPresent(devices: readonly DeviceFact[], expected: { slot: string; vendorDevice: string }): DeviceFact | undefined {
  return devices.find((device) => device.slot === expected.slot && device.vendorDevice === expected.vendorDevice && device.problem !== 24);
}
