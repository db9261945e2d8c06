import { access, constants } from 'node:fs/promises';
import { execa } from 'execa';
import { InfrastructureError } from '../../../harness/errors/errors.js';

/** Where Debian's `chromium` package puts the browser the HTML report tests drive. */
export const TEST_BROWSER_PATH = '/usr/bin/chromium';

/**
 * Test helper (not a test), here because only the HTML report test drives a browser.
 * Makes sure Debian's Chromium is installed for the HTML report tests: installs the `chromium`
 * package with apt-get when it is missing and we are root, else throws a clear error.
 * Never lets anything download a browser of its own.
 */
export async function ensureTestBrowser(): Promise<string> {
  if (await isExecutable(TEST_BROWSER_PATH)) return TEST_BROWSER_PATH;
  if (process.getuid?.() !== 0) {
    throw new InfrastructureError(`Chromium is not installed at ${TEST_BROWSER_PATH}, and installing it needs root.`, {
      step: 'test-browser', hint: 'run `sudo apt-get install chromium` (Debian), then the tests again',
    });
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    // The package lists may be stale or absent in a fresh container: refresh them once and retry.
    const install = ['install', '-y', '--no-install-recommends', 'chromium'];
    const first = await execa('apt-get', install, { env, reject: false });
    if (first.exitCode !== 0) {
      await execa('apt-get', ['update'], { env });
      await execa('apt-get', install, { env });
    }
  } catch (error) {
    throw new InfrastructureError('apt-get could not install chromium for the HTML report tests.', { step: 'test-browser', cause: error });
  }
  if (!(await isExecutable(TEST_BROWSER_PATH))) {
    throw new InfrastructureError(`apt-get installed chromium, but ${TEST_BROWSER_PATH} is still missing.`, { step: 'test-browser' });
  }
  return TEST_BROWSER_PATH;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
