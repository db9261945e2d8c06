import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { chromium, type Browser } from 'playwright-core';
import tmp from 'tmp';
import { ensureTestBrowser } from './test-browser.js';
import { listCells } from '../../../reports/cells.js';
import { writeReports } from '../../../reports/write-reports.js';
import { loadFullRun } from '../../fixtures/results/load-fixture.js';
import { makeHostileRun } from '../../reports/hostile-run.js';

// Kept after the test (dist/ is build output) so a person can look at it.
const SCREENSHOT = path.resolve('dist/test/e2e/reports/report-screenshot.png');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser;

test.before(async () => {
  const executablePath = await ensureTestBrowser();
  browser = await chromium.launch({ executablePath, args: ARGS });
});

test.after.always(async () => {
  await browser?.close();
});

test('the HTML report loads offline in Chromium with no console errors, the right matrix, no injected script', async (t) => {
  const dir = tmp.dirSync({ unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  const run = makeHostileRun(dir.name);
  const { html } = await writeReports(run, dir.name);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Offline: any request that is not the report itself (or an inline data: URI) is a bug.
  await page.route('**/*', (route) => (route.request().url().startsWith('file://') || route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  await page.goto(pathToFileURL(html).href);
  t.is(await page.locator('table.matrix td.cell').count(), listCells(run).length);
  t.is(await page.locator('table.matrix td.cell.failed').count(), 1);
  t.is(await page.locator('table.matrix tbody tr').count(), 3);
  t.regex(await page.locator('header').innerText(), /3 scenarios/);
  // Clicking a cell opens its details.
  const failed = page.locator('table.matrix td.cell.failed a');
  const target = (await failed.getAttribute('href'))!.slice(1);
  await failed.click();
  // Page code as strings: the test compiles without the DOM library.
  await page.waitForFunction(`document.getElementById(${JSON.stringify(target)})?.open === true`);
  t.regex(await page.locator(`#${target} summary`).first().innerText(), /scenario-001 × desktop-cirrus: failed/);
  t.true(await page.locator('#cell-1 img.screenshot').count() >= 1);
  t.is(await page.evaluate('typeof window.__pwned'), 'undefined');
  await page.close();
  t.deepEqual(problems, []);
});

test('the report of a real full run (23 scenarios × 17 models) renders its matrix; screenshot kept', async (t) => {
  const dir = tmp.dirSync({ unsafeCleanup: true });
  t.teardown(() => dir.removeCallback());
  const run = loadFullRun();
  const { html } = await writeReports(run, dir.name);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(pathToFileURL(html).href);
  t.is(await page.locator('table.matrix td.cell').count(), listCells(run).length);
  t.is(await page.locator('table.matrix tbody tr').count(), 17);
  t.is(await page.locator('table.matrix thead th[scope=col]').count(), 23);
  const booted = new Set(run.scenarios.flatMap((scenario) => scenario.clones.filter((clone) => clone.bootSeconds !== undefined).map((clone) => clone.machine)));
  t.is(await page.locator('svg.boot-chart g').count(), booted.size);
  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: false });
  await page.close();
  t.deepEqual(problems, []);
  t.log(`report screenshot: ${SCREENSHOT}`);
});
