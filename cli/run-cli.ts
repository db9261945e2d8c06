import type { Command } from 'commander';
import { ClonelabError, InfrastructureError } from '../harness/errors/errors.js';

/** Exit code for bad input and for infrastructure failures (check failures exit 1). */
export const EXIT_ERROR = 2;

/** Parses argv and runs the command; turns clonelab errors into one clear line and exit code 2. */
export async function runCli(program: Command, argv: string[]): Promise<void> {
  program.exitOverride((error) => {
    process.exit(error.exitCode === 1 ? EXIT_ERROR : error.exitCode);
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = EXIT_ERROR;
    process.stderr.write(`${formatCliError(error)}\n`);
  }
}

/** Formats an error for the terminal: kind, message, facts and hint. */
export function formatCliError(error: unknown): string {
  if (!(error instanceof ClonelabError)) {
    return `clonelab: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  const kind = error instanceof InfrastructureError ? 'infrastructure error' : 'error';
  const where = [error.scenario && `scenario ${error.scenario}`, error.machine && `machine ${error.machine}`, error.phase && `phase ${error.phase}`, error.step && `step ${error.step}`]
    .filter(Boolean)
    .join(', ');
  const lines = [`clonelab: ${kind}${where ? ` (${where})` : ''}: ${error.message}`];
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return escapeControls(lines.join('\n'));
}

// Messages can quote untrusted bytes (a scenario file, a guest's console): show control
// characters as \xNN instead of letting them drive the terminal (ESC[2J, ESC]0;title…).
function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Prints a value as pretty JSON on stdout (the `--json` output of every command). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
