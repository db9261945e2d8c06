import test from 'ava';
import { FLOOR_DROPIN_DIR, FLOOR_DROPIN_PATH, renderFloorDropIn, showsLinuxPowerOff } from '../../../bench/lib/debian-floor.js';

test('renderFloorDropIn: clears the probe unit\'s ExecStart, then runs only /bin/true', (t) => {
  const lines = renderFloorDropIn().split('\n');
  const service = lines.indexOf('[Service]');
  t.true(service >= 0);
  t.deepEqual(lines.slice(service + 1, service + 3), ['ExecStart=', 'ExecStart=/bin/true']);
  t.is(lines.filter((line) => line.startsWith('ExecStart')).length, 2);
  t.false(lines.some((line) => !line.startsWith('#') && /SuccessAction|\[Unit\]/.test(line)), 'the unit keeps its own SuccessAction=poweroff');
  t.true(renderFloorDropIn().endsWith('\n'));
});

test('the drop-in sits in the probe unit\'s .d folder', (t) => {
  t.is(FLOOR_DROPIN_DIR, '/etc/systemd/system/clonelab-probe.service.d');
  t.is(FLOOR_DROPIN_PATH, `${FLOOR_DROPIN_DIR}/floor.conf`);
});

test('showsLinuxPowerOff: the kernel\'s power-off line, not GRUB halting or a panic\'s reset', (t) => {
  t.true(showsLinuxPowerOff('[  413.66] systemd-shutdown[1]: Powering off.\r\n[  415.09] reboot: Power down\r\n'));
  t.false(showsLinuxPowerOff('error: out of memory.\nclonelab grub: boot failed\n'));
  t.false(showsLinuxPowerOff('Kernel panic - not syncing: VFS\nRebooting in 10 seconds..\n'));
  t.false(showsLinuxPowerOff(''));
});
