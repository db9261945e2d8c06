/** Every check the lab runs, by id. */
export const checkIds = [
  'wim-verifies',
  'applied', 'placement', 'booted', 'devices-started', 'nics-up', 'volume-size', 'no-foreign-sid', 'user-files-kept',
  'machine-sid-unique', 'master-sid-not-reused', 'account-sid-unique', 'computer-name-unique', 'mac-unique', 'volume-serial-unique',
  // Linux guests' identity items, and their root filesystem and units
  'machine-id-unique', 'master-machine-id-not-reused', 'hostname-unique', 'ssh-host-key-unique', 'filesystem-uuid-unique', 'root-uuids', 'units-ok',
  // Windows images read offline (clonelab inspect): disk signatures, and the per-model prediction.
  'disk-signature-unique', 'predicted-boot', 'predicted-drivers',
] as const;
