import type { ScenarioResult } from '../harness/results/types.js';

/** A clone report as results files before schema 3 wrote it: the reference guest's identity fields. */
interface OldReport {
  identity?: { kind: string; value: string }[];
  machineSid?: string;
  computerName?: string;
  accountSids?: string[];
  volume?: { serial?: string };
}

/**
 * Results before schema 3 wrote the reference guest's identity as fields (machineSid,
 * computerName, accountSids, the volume's serial); schema 3 writes identity items of any guest.
 * Old reports are read as items, so compare and the reports read one shape.
 */
export function readCloneIdentity(scenario: ScenarioResult): ScenarioResult {
  return {
    ...scenario,
    clones: scenario.clones.map((clone) => {
      const report = clone.facts?.report as (OldReport & object) | undefined;
      if (!clone.facts || !report || Array.isArray(report.identity)) return clone;
      const { machineSid, computerName, accountSids, ...rest } = report;
      const identity = [
        ...(machineSid ? [{ kind: 'machine-sid', value: machineSid }] : []),
        ...(computerName ? [{ kind: 'computer-name', value: computerName }] : []),
        ...(accountSids ?? []).map((value) => ({ kind: 'account-sid', value })),
        ...(report.volume?.serial ? [{ kind: 'volume-serial', value: report.volume.serial }] : []),
      ];
      return { ...clone, facts: { ...clone.facts, report: { ...rest, identity } as unknown as NonNullable<typeof clone.facts.report> } };
    }),
  };
}
