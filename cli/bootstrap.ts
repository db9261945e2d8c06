#!/usr/bin/env node
// `npm run bootstrap`: install what the host lacks, cache the guest kernel. Both README commands run it first.
import { formatCliError } from './run-cli.js';
import { bootstrapHost } from '../harness/host/bootstrap.js';

const started = performance.now();
try {
  const report = await bootstrapHost((line) => console.log(`bootstrap: ${line}`));
  const installed = report.installedPackages.length > 0 ? `installed ${report.installedPackages.join(', ')}; ` : '';
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`bootstrap: ${installed}host ready, kernel ${report.kernel.release} cached (${seconds} s)`);
} catch (error) {
  console.error(formatCliError(error));
  process.exitCode = 2;
}
