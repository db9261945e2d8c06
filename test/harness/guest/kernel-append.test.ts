import test from 'ava';
import { UsageError } from '../../../harness/errors/errors.js';
import { buildKernelAppend } from '../../../harness/guest/kernel-append.js';

test('normal boot: console on COM1, quiet, panic powers off, mode flag, settle parameters', (t) => {
  t.is(buildKernelAppend({ mode: 'normal', moduleParams: ['sym53c8xx.settle=0'] }), 'console=ttyS0 quiet panic=-1 no_timer_check clonelab.mode=normal sym53c8xx.settle=0');
});

test('generalize with mass storage, preferred drivers, pinned MACs, root wait', (t) => {
  const append = buildKernelAppend({ mode: 'generalize', massStorage: true, preferDrivers: ['8139too'], pinnedMacs: [{ slot: 2, mac: '02:00:00:00:00:42' }], rootWaitSeconds: 3 });
  t.is(append, 'console=ttyS0 quiet panic=-1 no_timer_check clonelab.mode=generalize clonelab.massstorage=1 clonelab.sidchanger=setupcl clonelab.prefer=8139too clonelab.pinmac=00:02.0@02:00:00:00:00:42 clonelab.rootwait=3');
});

test('a pinned MAC behind a bridge names the NIC by the address the guest sees', (t) => {
  t.regex(buildKernelAppend({ mode: 'normal', pinnedMacs: [{ bus: 1, slot: 3, mac: '02:00:00:00:00:42' }, { slot: 2, mac: '02:00:00:00:00:43' }] }), / clonelab\.pinmac=01:03\.0@02:00:00:00:00:42,00:02\.0@02:00:00:00:00:43( |$)/);
  t.throws(() => buildKernelAppend({ mode: 'normal', pinnedMacs: [{ bus: 256, slot: 3, mac: '02:00:00:00:00:42' }] }), { instanceOf: UsageError, message: /Invalid pinned MAC bus: expected a PCI bus 0–255, got 256/ });
});

test('generalize names its SID changer (setupcl unless asked otherwise); a normal boot names none', (t) => {
  t.regex(buildKernelAppend({ mode: 'generalize' }), / clonelab\.sidchanger=setupcl( |$)/);
  t.regex(buildKernelAppend({ mode: 'generalize', sidChanger: 'no-acl-rewrite' }), / clonelab\.sidchanger=no-acl-rewrite( |$)/);
  t.notRegex(buildKernelAppend({ mode: 'normal' }), /sidchanger/);
});

test('bad inputs are usage errors that name what was wrong', (t) => {
  t.throws(() => buildKernelAppend({ mode: 'normal', pinnedMacs: [{ slot: 2, mac: 'zz' }] }), { instanceOf: UsageError, message: /pinned MAC for slot 2/ });
  t.throws(() => buildKernelAppend({ mode: 'normal', pinnedMacs: [{ slot: 40, mac: '02:00:00:00:00:42' }] }), { instanceOf: UsageError, message: /slot/ });
  t.throws(() => buildKernelAppend({ mode: 'normal', preferDrivers: ['a b'] }), { instanceOf: UsageError, message: /preferred driver/ });
  t.throws(() => buildKernelAppend({ mode: 'normal', moduleParams: ['init=/bin/sh'] }), { instanceOf: UsageError, message: /module parameter/ });
  t.throws(() => buildKernelAppend({ mode: 'generalize', sidChanger: 'newsid' as never }), { instanceOf: UsageError, message: /Invalid SID changer: expected setupcl or no-acl-rewrite, got "newsid"/ });
  t.throws(() => buildKernelAppend({ mode: 'normal', sidChanger: 'no-acl-rewrite' }), { instanceOf: UsageError, message: /Invalid mode for a SID changer: expected generalize, got "normal"/ });
  t.throws(() => buildKernelAppend({ mode: 'normal', seed: 'f33bc39f 3313b92d' }), { instanceOf: UsageError, message: /Invalid seed: expected 32 lower-case hex digits \(128 bits\), got "f33bc39f 3313b92d"/ });
});

test('the identity seed goes to the guest as 32 hex digits', (t) => {
  t.regex(buildKernelAppend({ mode: 'normal', seed: 'f33bc39f3313b92ddd4fc61bf968ea48' }), / clonelab\.seed=f33bc39f3313b92ddd4fc61bf968ea48( |$)/);
});
