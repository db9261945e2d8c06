import test from 'ava';
import { probeAccel, resolveAccel } from '../../../harness/host/accel.js';

test('an explicit --accel is used as given', async (t) => {
  t.is(await resolveAccel('tcg'), 'tcg');
  t.is(await resolveAccel('kvm'), 'kvm');
});

test('auto: the probe gives a verdict with its reason, and caches it per host kernel and QEMU', async (t) => {
  const first = await probeAccel();
  t.true(first.accel === 'kvm' || first.accel === 'tcg');
  t.true(first.reason.length > 10);
  t.regex(first.key, /QEMU emulator version/);
  const second = await probeAccel();
  t.is(second.probedAt, first.probedAt, 'the second call is answered from the cache');
  t.is(await resolveAccel('auto'), first.accel);
});
