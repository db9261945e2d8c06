import { existsSync } from 'node:fs';
import type { z } from 'zod';
import { hardwareCatalog } from '../../machines/catalog/models.js';
import type { HardwareModel } from '../../machines/catalog/types.js';
import { suggestModelNames } from '../../machines/catalog/lookup.js';
import { formatSchemaIssues } from '../../machines/validate/format-issues.js';
import { describeValue, UsageError } from '../errors/errors.js';
import { checkMatrix } from './check-matrix.js';
import { allowedFilesystems, defaultGeometry, resolveMasterGeometry, resolveTargetGeometry } from './resolve-geometry.js';
import { scenarioSchema, type Scenario } from './schema.js';

/**
 * Validates a scenario as written: the strict schema (typos in field names are errors, naming
 * the nearest field), then the facts the schema cannot know (model names, contradictory
 * options). Throws one UsageError listing every problem, each naming the field, what was
 * expected and what was given. `catalog` is the run's models (built-in and the user's); `null`
 * leaves model names to be checked later, against the run's catalog (`defineScenario`, which
 * cannot know the models a file loaded beside it holds).
 */
export function validateScenario(input: unknown, catalog: readonly HardwareModel[] | null = hardwareCatalog): Scenario {
  const label = scenarioLabel(input);
  const parsed = scenarioSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw scenarioError(label, parsed.error.issues.map(formatIssue));
  const problems = checkSemantics(parsed.data, catalog);
  if (problems.length > 0) throw scenarioError(label, problems);
  return parsed.data;
}

function checkSemantics(scenario: Scenario, catalog: readonly HardwareModel[] | null): string[] {
  const problems: string[] = [];
  const checkModel = (field: string, name: string): void => {
    if (catalog === null || catalog.some((model) => model.name === name)) return;
    const nearest = suggestModelNames(name, catalog);
    problems.push(`${field}: expected a catalog hardware model${nearest.length ? ` (did you mean ${nearest.join(', ')}?)` : ''}, got "${name}"`);
  };
  checkModel('master.machine', scenario.master.machine);
  if (scenario.master.guest === 'reference' && scenario.master.boot !== 'direct') {
    problems.push(`master.boot: the reference guest boots by the direct path only (the harness is its boot loader); expected "direct", got "${scenario.master.boot}"`);
  }
  // The user's own image is read before any VM starts (defineScenario, with no catalog, leaves it to the run).
  if (catalog !== null && scenario.master.guest === 'image' && scenario.master.image && !existsSync(scenario.master.image)) {
    problems.push(`master.image: expected a bootable Linux disk image file (raw or qcow2), got "${scenario.master.image}", which does not exist`);
  }
  const checkGeometry = (field: string, resolve: () => unknown): void => {
    try {
      resolve();
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problems.push(`${field}: ${error.message}`);
    }
  };
  const guest = scenario.master.guest;
  checkGeometry('master.geometry', () => resolveMasterGeometry(scenario.master.geometry, guest));
  const filesystems = allowedFilesystems(guest);
  const asked = [scenario.master.geometry.filesystem, ...(Array.isArray(scenario.targets) ? scenario.targets.map((target) => target.geometry?.filesystem) : [])];
  for (const filesystem of asked.filter((value): value is NonNullable<typeof value> => value !== undefined && !filesystems.includes(value))) {
    problems.push(`geometry.filesystem: the ${guest} guest's system volume is ${filesystems.map((name) => `"${name}"`).join(', ')}; got "${filesystem}"`);
  }
  const { method } = scenario.capture;
  if (scenario.capture.compression && method !== 'file') problems.push(`capture.compression: only a file (WIM) capture is compressed, got method "${method}"`);
  if (scenario.capture.force && method !== 'sector') problems.push(`capture.force: only a sector clone can be forced, got method "${method}"`);
  if (scenario.capture.keepExisting && method !== 'file') problems.push(`capture.keepExisting: only a file (WIM) apply keeps existing files, got method "${method}"`);
  if (scenario.capture.lossy && method !== 'file') problems.push(`capture.lossy: only a file (WIM) apply changes the filesystem and its name rules, got method "${method}"`);
  if (scenario.targets === 'all-models') return problems;
  if (!Array.isArray(scenario.targets)) {
    const { geometry } = scenario.targets;
    if (method === 'overlay' && geometry) problems.push(`targets.geometry: an overlay clone is the master's own disk; expected no geometry, got ${describeValue(geometry)}`);
    else if (method !== 'overlay') checkGeometry('targets.geometry', () => resolveTargetGeometry(scenario.master.geometry, geometry, guest));
    return [...problems, ...checkMatrix(scenario.targets, catalog)];
  }
  const masterFs = scenario.master.geometry.filesystem ?? defaultGeometry(guest).filesystem;
  scenario.targets.forEach((target, index) => {
    checkModel(`targets[${index}].machine`, target.machine);
    if (method !== 'overlay') checkGeometry(`targets[${index}].geometry`, () => resolveTargetGeometry(scenario.master.geometry, target.geometry, guest));
    const targetFs = target.geometry?.filesystem;
    if ((method === 'sector' || method === 'used-blocks') && targetFs && targetFs !== masterFs) {
      problems.push(`targets[${index}].geometry.filesystem: a ${method} clone copies the master's filesystem; expected "${masterFs}" or nothing, got "${targetFs}" (use method "file" to change filesystems)`);
    }
    const serial = target.geometry?.serial;
    if ((method === 'sector' || method === 'used-blocks') && serial) {
      problems.push(`targets[${index}].geometry.serial: a ${method} clone copies the master's volume serial onto the target; expected nothing, got "${serial}"`);
    }
    if (method === 'overlay' && target.geometry) {
      problems.push(`targets[${index}].geometry: an overlay clone is the master's own disk; expected no geometry, got ${describeValue(target.geometry)}`);
    }
    if (target.existingFiles && method === 'overlay') problems.push(`targets[${index}].existingFiles: an overlay has no separate target volume to pre-fill`);
  });
  return problems;
}

function formatIssue(issue: z.core.$ZodIssue): string {
  // A union (`generalize: false | {...}`) says only "Invalid input"; the branch the value came
  // closest to (its issues reach deepest into the value) says what was wrong.
  if (issue.code === 'invalid_union') {
    const depth = (issues: readonly z.core.$ZodIssue[]): number => Math.max(0, ...issues.map((inner) => inner.path.length));
    const closest = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0];
    if (closest && depth(closest) > 0) return closest.map((inner) => formatIssue({ ...inner, path: [...issue.path, ...inner.path] })).join('\n  - ');
  }
  // An unknown key names the schema's nearest keys there: `targts` → did you mean targets?
  if (issue.code === 'unrecognized_keys') return formatSchemaIssues(scenarioSchema, [issue]).map((problem) => `${problem.field}: ${problem.message}`).join('\n  - ');
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(scenario)';
  const given = 'input' in issue ? `, got ${describeValue(issue.input)}` : '';
  return `${field}: ${issue.message.replace(/^Invalid input: /, '')}${given}`;
}

function scenarioLabel(input: unknown): string {
  const name = (input as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? `scenario "${name}"` : 'scenario';
}

function scenarioError(label: string, problems: string[]): UsageError {
  return new UsageError(`Invalid ${label}:\n  - ${problems.join('\n  - ')}`, { step: 'validate' });
}
