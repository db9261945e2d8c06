// Debian probe lines as guest/debian/probe.sh prints them (written by hand from its format and
// from a run of the script on a Debian 12 host), for the parser and mapper tests.

/** A machine-id, host keys and UUIDs of one made-up clone. */
export const ids = {
  machineId: '5f0c1a9b2e3d4c5b8a7f6e5d4c3b2a19',
  ed25519: 'SHA256:3Qm0v0nZsE3v7b4ZT0Xq5oYq1q2t5yJ8jzA1b2c3d4E',
  rsa: 'SHA256:Zy9xW8vU7tS6rQ5pO4nM3lK2jI1hG0fE9dC8bA7z6Y5',
  root: '6f1e0b4c-3d2a-4e5f-9a8b-7c6d5e4f3a2b',
  esp: '1A2B-3C4D',
};

/** One whole report: an installed master on an i440fx model with IDE, e1000 and std VGA. */
export const goodLines: readonly string[] = [
  '{"v":1,"t":"begin","setup":"install","setupErrors":[],"firstBootSteps":[],"kernel":"6.1.0-41-amd64"}',
  `{"v":1,"t":"identity","machineId":"${ids.machineId}","hostname":"debian-master","staticHostname":"debian-master","sshHostKeys":["${ids.ed25519}","${ids.rsa}"]}`,
  '{"v":1,"t":"device","slot":"00:00.0","vendor":"8086","device":"1237","class":"0600","boundDriver":null,"functionDriver":null}',
  '{"v":1,"t":"device","slot":"00:01.1","vendor":"8086","device":"7010","class":"0101","boundDriver":"ata_piix","functionDriver":null}',
  '{"v":1,"t":"device","slot":"00:02.0","vendor":"1234","device":"1111","class":"0300","boundDriver":"bochs-drm","functionDriver":null}',
  '{"v":1,"t":"device","slot":"00:03.0","vendor":"8086","device":"100e","class":"0200","boundDriver":"e1000","functionDriver":null}',
  '{"v":1,"t":"nic","slot":"00:03.0","interface":"enp0s3","hardwareMac":"52:54:00:12:34:56","mac":"52:54:00:12:34:56","operstate":"up","up":true,"address":true}',
  `{"v":1,"t":"root","device":"/dev/sda2","uuid":"${ids.root}","fstabRoot":"UUID=${ids.root}","cmdlineRoot":"UUID=${ids.root}","fstabUuids":["${ids.root}","${ids.esp}"],"presentUuids":["${ids.esp}","${ids.root}"]}`,
  '{"v":1,"t":"units","failed":[]}',
  '{"v":1,"t":"timing","multiUser":21.37,"probeStarted":21.52,"networkWaitEnded":22.1,"reported":22.9}',
  '{"v":1,"t":"end"}',
];

/** A generalized clone moved to another slot: systemd's first boot, its NIC renamed and left down, a failed unit. */
export const movedNicLines: readonly string[] = [
  '{"v":1,"t":"begin","setup":"first-boot","setupErrors":[],"firstBootSteps":["ssh-host-keys","hostname"],"kernel":"6.1.0-41-amd64"}',
  '{"v":1,"t":"identity","machineId":"0123456789abcdef0123456789abcdef","hostname":"debian-01234567","staticHostname":"debian-01234567","sshHostKeys":[]}',
  '{"v":1,"t":"device","slot":"00:04.0","vendor":"1af4","device":"1000","class":"0200","boundDriver":"virtio-pci","functionDriver":"virtio_net"}',
  '{"v":1,"t":"device","slot":"00:05.0","vendor":"1af4","device":"1001","class":"0100","boundDriver":"virtio-pci","functionDriver":null}',
  '{"v":1,"t":"device","slot":"00:06.0","vendor":"8086","device":"10d3","class":"0200","boundDriver":null,"functionDriver":null}',
  '{"v":1,"t":"nic","slot":"00:04.0","interface":"enp0s4","hardwareMac":"52:54:00:ab:cd:ef","mac":"52:54:00:ab:cd:ef","operstate":"down","up":false,"address":false}',
  '{"v":1,"t":"root","device":"/dev/vda2","uuid":null,"fstabRoot":"UUID=old","cmdlineRoot":null,"fstabUuids":["old"],"presentUuids":[]}',
  '{"v":1,"t":"units","failed":["ssh.service","systemd-networkd-wait-online.service","boot-efi.mount","dev-disk-by\\\\x2duuid-1A2B\\\\x2d3C4D.device"]}',
  '{"v":1,"t":"end"}',
];

/**
 * Recorded on COM2 from a real boot (Debian 12, systemd 252, QEMU 7.2 TCG, pc machine): the
 * installed master generalized by hand (machine-id `uninitialized`, host keys removed, hostname
 * emptied, `Name=en*`, the MODULES=most initrd back) and booted with its e1000 moved from slot 3 to
 * slot 5. Verbatim (the tty ends each line with \r\n) except the timing line, which gained
 * networkWaitEnded after the recording.
 */
export const recordedFirstBootLines: readonly string[] = [
  '{"v":1,"t":"begin","setup":"first-boot","setupErrors":[],"firstBootSteps":["ssh-host-keys","hostname"],"kernel":"6.1.0-57-amd64"}',
  '{"v":1,"t":"identity","machineId":"f0f8ff9404284f7f9d3cda632a47ff6c","hostname":"debian-f0f8ff94","staticHostname":"debian-f0f8ff94","sshHostKeys":["SHA256:YZkdiTZaJb4tbTzQvjG0YukSTy2171J3anE6cVexO4A","SHA256:JacO3DU4ZkfXe1AE5Z+2QosZPkWY4oeoeeSkd4b6Sxs","SHA256:6qstnbRx0wG8BBL2nQbHWHiBz8XW7Qj7FW3fuHM5Ucs"]}',
  '{"v":1,"t":"device","slot":"00:00.0","vendor":"8086","device":"1237","class":"0600","boundDriver":null,"functionDriver":null}',
  '{"v":1,"t":"device","slot":"00:01.0","vendor":"8086","device":"7000","class":"0601","boundDriver":null,"functionDriver":null}',
  '{"v":1,"t":"device","slot":"00:01.1","vendor":"8086","device":"7010","class":"0101","boundDriver":"ata_piix","functionDriver":null}',
  '{"v":1,"t":"device","slot":"00:01.3","vendor":"8086","device":"7113","class":"0680","boundDriver":"piix4_smbus","functionDriver":null}',
  '{"v":1,"t":"device","slot":"00:02.0","vendor":"1234","device":"1111","class":"0300","boundDriver":"bochs-drm","functionDriver":null}',
  '{"v":1,"t":"device","slot":"00:05.0","vendor":"8086","device":"100e","class":"0200","boundDriver":"e1000","functionDriver":null}',
  '{"v":1,"t":"nic","slot":"00:05.0","interface":"ens5","hardwareMac":"52:54:00:12:34:56","mac":"52:54:00:12:34:56","operstate":"up","up":true,"address":true}',
  '{"v":1,"t":"root","device":"/dev/sda2","uuid":"73cd4ee1-6379-46a8-90f1-415785ee03f7","fstabRoot":"UUID=73cd4ee1-6379-46a8-90f1-415785ee03f7","cmdlineRoot":"UUID=73cd4ee1-6379-46a8-90f1-415785ee03f7","fstabUuids":["73cd4ee1-6379-46a8-90f1-415785ee03f7","845A-82E2"],"presentUuids":["73cd4ee1-6379-46a8-90f1-415785ee03f7","845A-82E2"]}',
  '{"v":1,"t":"units","failed":[]}',
  '{"v":1,"t":"timing","multiUser":209.15,"probeStarted":210.48,"networkWaitEnded":224.9,"reported":225.19}',
  '{"v":1,"t":"end"}',
];
