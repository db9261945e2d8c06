import type { ExitFacts } from './vm-exit.js';

/** A serial channel of a VM. */
export type VmChannel = 'console' | 'agent';

/** Lines of a channel's tail shown in a message. */
export const TAIL_LINES = 12;
const MAX_SHOWN_LINE = 240;

/** The channel's name in messages. */
export function describeChannel(channel: VmChannel): string {
  return channel === 'console' ? 'console (COM1)' : 'agent channel (COM2)';
}

/** The last lines of the console (and of the agent channel, when a wait was on it), for an error message. */
export function describeTails(channel: VmChannel, tails: { console: string[]; agent: string[] }): string {
  const parts = [describeTail('console (COM1)', tails.console.slice(-TAIL_LINES))];
  if (channel === 'agent') parts.push(describeTail('agent channel (COM2)', tails.agent.slice(-TAIL_LINES)));
  return parts.join('');
}

/** Says how QEMU ended before `before` happened, with its stderr, the console tail and the repro script. */
export function describeEarlyExit(vm: { name: string; runScript: string }, facts: ExitFacts, before: string, stderr: string, consoleTail: string[]): string {
  const how = facts.signal ? `was killed by ${facts.signal}` : `exited with exit code ${facts.exitCode}`;
  const complaint = stderr.trim();
  const shown = complaint ? `\nQEMU stderr (last lines):\n${indent(complaint.split('\n').slice(-TAIL_LINES))}` : ' QEMU wrote nothing to stderr.';
  return `QEMU of VM "${vm.name}" ${how} before ${before}.${shown}${describeTails('console', { console: consoleTail, agent: [] })}\nRepro: ${vm.runScript}`;
}

function describeTail(label: string, lines: string[]): string {
  if (lines.length === 0) return `\nThe ${label} is empty.`;
  return `\nLast lines of the ${label}:\n${indent(lines)}`;
}

function indent(lines: string[]): string {
  return lines.map((line) => `  ${line.length > MAX_SHOWN_LINE ? `${line.slice(0, MAX_SHOWN_LINE)}…` : line}`).join('\n');
}
