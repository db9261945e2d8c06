import test from 'ava';
import { parseDebianProbeLines } from '../../../../harness/debian/probe/parse-probe-lines.js';
import { toCloneReportFromDebian } from '../../../../harness/debian/probe/to-clone-report.js';
import { pickIdentity } from '../../../../harness/probe/identity.js';
import { goodLines, ids, movedNicLines, recordedFirstBootLines } from './samples.js';

const mapLines = (lines: readonly string[]) => {
  const { report } = parseDebianProbeLines(lines);
  if (!report) throw new Error('the sample lines gave no report');
  return toCloneReportFromDebian(report);
};

test('an installed master maps onto the common report: identity items, judged devices, NICs, root', (t) => {
  const clone = mapLines(goodLines);
  t.is(clone.setup, 'install');
  t.deepEqual(clone.identity[0], { kind: 'machine-id', value: ids.machineId });
  t.deepEqual(pickIdentity(clone.identity, 'hostname'), ['debian-master']);
  t.deepEqual(pickIdentity(clone.identity, 'ssh-host-key'), [ids.ed25519, ids.rsa]);
  t.deepEqual(pickIdentity(clone.identity, 'filesystem-uuid'), [ids.root]);
  // The host bridge (class 0600) has no driver on any machine: it is not one of the model's devices.
  t.deepEqual(clone.devices.map((device) => device.slot), ['00:01.1', '00:02.0', '00:03.0']);
  t.true(clone.devices.every((device) => device.status === 'started'));
  t.is(clone.devices[0]?.boundDriver, 'ata_piix');
  t.deepEqual(clone.nics, [{ slot: '00:03.0', hardwareMac: '52:54:00:12:34:56', effectiveMac: '52:54:00:12:34:56', interface: 'enp0s3', up: true }]);
  t.deepEqual(clone.root, { device: '/dev/sda2', uuid: ids.root, fstabUuids: [ids.root, ids.esp], presentUuids: [ids.esp, ids.root] });
  t.deepEqual(clone.failedUnits, []);
});

test('first boot maps onto mini-setup; a function without a driver is problem 28; a NIC without an address is down', (t) => {
  const clone = mapLines(movedNicLines);
  t.is(clone.setup, 'mini-setup');
  t.deepEqual(pickIdentity(clone.identity, 'ssh-host-key'), []);
  t.deepEqual(pickIdentity(clone.identity, 'filesystem-uuid'), []);
  const bySlot = new Map(clone.devices.map((device) => [device.slot, device]));
  t.deepEqual(bySlot.get('00:04.0'), { slot: '00:04.0', vendorDevice: '1af4:1000', boundDriver: 'virtio_net', status: 'started' });
  // virtio-pci alone binds the function but moves no data: the virtio device needs its own driver.
  t.deepEqual(bySlot.get('00:05.0'), { slot: '00:05.0', vendorDevice: '1af4:1001', boundDriver: 'virtio-pci', status: 'problem', problem: 28 });
  t.deepEqual(bySlot.get('00:06.0'), { slot: '00:06.0', vendorDevice: '8086:10d3', status: 'problem', problem: 28 });
  t.false(clone.nics[0]?.up);
  t.deepEqual(clone.root?.presentUuids, []);
  t.is(clone.failedUnits?.length, 4);
});

test('a NIC with a link but no DHCP address is not up', (t) => {
  const lines = goodLines.map((line) => line.replace('"address":true', '"address":false'));
  t.false(mapLines(lines).nics[0]?.up);
});

test('a report without identity or root lines maps to empty identity and no root', (t) => {
  const clone = mapLines(['{"v":1,"t":"begin","setup":"none","setupErrors":[],"firstBootSteps":[],"kernel":null}']);
  t.is(clone.setup, 'none');
  t.deepEqual(clone.identity, []);
  t.is(clone.root, undefined);
  t.is(clone.failedUnits, undefined);
});

test('lines recorded from a real first boot after generalize map onto mini-setup with the new identity and the NIC in its new slot', (t) => {
  const clone = mapLines(recordedFirstBootLines.map((line) => `${line}\r`));
  t.is(clone.setup, 'mini-setup');
  t.deepEqual(pickIdentity(clone.identity, 'hostname'), ['debian-f0f8ff94']);
  t.deepEqual(pickIdentity(clone.identity, 'machine-id'), ['f0f8ff9404284f7f9d3cda632a47ff6c']);
  t.is(pickIdentity(clone.identity, 'ssh-host-key').length, 3);
  t.deepEqual(clone.devices.map((device) => `${device.slot} ${device.boundDriver ?? '-'} ${device.status}`), ['00:01.1 ata_piix started', '00:02.0 bochs-drm started', '00:05.0 e1000 started']);
  // systemd 252 names the pc machine's slot-5 e1000 ens5 (slot number from ACPI), not enp0s5.
  t.deepEqual(clone.nics.map((nic) => [nic.interface, nic.up]), [['ens5', true]]);
  t.deepEqual(clone.failedUnits, []);
});
