// Identity items: what makes one installed machine distinct from another. Each guest profile
// declares which of them it has (the reference guest: machine SID, account SIDs, computer name;
// Debian: machine-id, hostname, SSH host keys, filesystem UUID; an inspected Windows disk: its
// MBR disk signature or GPT disk GUID too), and its report gives the values,
// so the fleet checks, reports and `compare` treat every profile alike. MACs are read from the
// NICs of every report.

/** Every identity item a guest can declare. */
export const identityKinds = ['machine-sid', 'machine-id', 'account-sid', 'computer-name', 'hostname', 'ssh-host-key', 'volume-serial', 'filesystem-uuid', 'disk-signature'] as const;

/** One kind of identity item. */
export type IdentityKind = (typeof identityKinds)[number];

/** One identity value a guest reported (an account SID, a host key fingerprint, …). */
export interface IdentityItem {
  kind: IdentityKind;
  value: string;
}

/** How the checks and reports name each kind, in the plural. */
export const identityLabels: Record<IdentityKind, string> = {
  'machine-sid': 'machine SIDs',
  'machine-id': 'machine-ids',
  'account-sid': 'account SIDs',
  'computer-name': 'computer names',
  hostname: 'hostnames',
  'ssh-host-key': 'SSH host keys',
  'volume-serial': 'volume serials',
  'filesystem-uuid': 'filesystem UUIDs',
  'disk-signature': 'disk signatures',
};

/** The kinds that name the machine itself: a clone must not keep its master's. */
export const machineIdentityKinds: readonly IdentityKind[] = ['machine-sid', 'machine-id'];

/** The values of one kind in a list of items. */
export function pickIdentity(items: readonly IdentityItem[] | undefined, kind: IdentityKind): string[] {
  return (items ?? []).filter((item) => item.kind === kind).map((item) => item.value);
}
