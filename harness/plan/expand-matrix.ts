import { isDeepStrictEqual } from 'node:util';
import type { HardwareModel, ResolvedModel } from '../../machines/catalog/types.js';
import { validateModel } from '../../machines/validate/validate-model.js';
import { UsageError } from '../errors/errors.js';
import type { Matrix } from '../spec/schema.js';
import { deriveModel, kebab, type ModelChange } from './model-change.js';
import { selectPairwise } from './pairwise.js';

/** The dimensions a matrix varies, in name order (`desktop-e1000--nic-rtl8139--slot-3`). */
const VARY_ORDER = ['chipset', 'nic', 'nicSlot', 'storage', 'video'] as const;
type VaryDimension = (typeof VARY_ORDER)[number];
/** The most cells a full product may have (before `--pairwise`): beyond it the plan is refused. */
export const MAX_MATRIX_CELLS = 20_000;

/** A matrix expanded: the models to run, and the counts the plan and `run` show. */
export interface MatrixExpansion {
  base: string;
  /** Each varied dimension with its number of values. */
  dimensions: { name: string; values: number }[];
  /** Cells of the full product. */
  full: number;
  /** Cells QEMU would accept (the full product less the dropped ones). */
  valid: number;
  /** Whether the cells are a pairwise covering array of the valid ones. */
  pairwise: boolean;
  /** The models to run: every valid cell, or the pairwise selection. */
  models: ResolvedModel[];
  /** Cells left out because QEMU would refuse the model, each with its problems. */
  dropped: { model: string; reasons: string[] }[];
}

/**
 * Expands a matrix over its base model: every combination of the varied values (a value equal to
 * the base's changes nothing and is left out of the name) becomes a derived model, validated like
 * any model. A combination QEMU would refuse (e1000e on pc, a reserved or taken slot) is dropped
 * and listed with its reasons; a matrix with no valid cell is refused. With `pairwise`, the cells
 * are a covering array of the valid ones (every pair of values that a valid cell has, is in one).
 * Pure.
 */
export function expandMatrix(matrix: Matrix, base: HardwareModel, options: { pairwise?: boolean; scenario?: string } = {}): MatrixExpansion {
  const dimensions = VARY_ORDER.filter((dimension) => matrix.vary[dimension] !== undefined);
  const values = dimensions.map((dimension) => matrix.vary[dimension] as readonly unknown[]);
  const full = values.reduce((product, list) => product * list.length, 1);
  const where = options.scenario ? ` of scenario "${options.scenario}"` : '';
  if (full > MAX_MATRIX_CELLS) throw new UsageError(`The matrix${where} has ${full} cells; at most ${MAX_MATRIX_CELLS} are expanded`, { step: 'plan', hint: 'vary fewer values (and use --pairwise)' });
  const rows: number[][] = [];
  const models: ResolvedModel[] = [];
  const dropped: MatrixExpansion['dropped'] = [];
  const seen = new Set<string>();
  for (const row of listProduct(values.map((list) => list.length))) {
    const model = deriveCell(base, dimensions, row.map((index, at) => values[at]?.[index]));
    if (seen.has(model.name)) continue; // a value given twice
    seen.add(model.name);
    // The derived name is checked as the model rule checks names; the rest as any model.
    const problems = validateModel(model);
    if (problems.length > 0) dropped.push({ model: model.name, reasons: problems.map((problem) => `${problem.field}: ${problem.message}`) });
    else {
      rows.push(row);
      models.push(model);
    }
  }
  if (models.length === 0) {
    throw new UsageError(`No cell of the matrix${where} is a model QEMU accepts:\n  - ${dropped.map((entry) => `${entry.model}: ${entry.reasons.join('; ')}`).join('\n  - ')}`, { step: 'plan' });
  }
  const chosen = options.pairwise ? selectPairwise(rows).map((index) => models[index] as ResolvedModel) : models;
  return {
    base: base.name, dimensions: dimensions.map((name, at) => ({ name, values: values[at]?.length ?? 0 })),
    full, valid: models.length, pairwise: options.pairwise === true, models: chosen, dropped,
  };
}

/** One cell: the base with each dimension set to its value; values the base already has change nothing. */
function deriveCell(base: HardwareModel, dimensions: readonly VaryDimension[], cell: readonly unknown[]): ResolvedModel {
  const changes: ModelChange[] = [];
  dimensions.forEach((dimension, at) => {
    const change = toChange(dimension, cell[at]);
    const before = deriveModel(base, changes);
    const after = deriveModel(base, [...changes, change]);
    if (!isDeepStrictEqual(strip(before), strip(after))) changes.push(change);
  });
  return deriveModel(base, changes);
}

function toChange(dimension: VaryDimension, value: unknown): ModelChange {
  switch (dimension) {
    case 'nic': {
      const chip = typeof value === 'string' ? { device: value } : value as { device: string; installDriver?: string };
      return { dimension, value: { device: chip.device, installDriver: chip.installDriver }, label: `nic-${kebab(chip.device)}${chip.installDriver ? `-${kebab(chip.installDriver)}` : ''}` };
    }
    case 'nicSlot': return { dimension, value: { slot: value as number }, label: `slot-${value as number}` };
    default: return { dimension, value, label: `${dimension}-${kebab(value as string)}` };
  }
}

/** A model without its name and description: what two cells are compared by. */
function strip(model: ResolvedModel): unknown {
  const { name: _name, purpose: _purpose, extends: _extends, ...rest } = model;
  return rest;
}

/** Every index vector of a product, the last dimension fastest. */
function listProduct(sizes: readonly number[]): number[][] {
  return sizes.reduce<number[][]>((rows, size) => rows.flatMap((row) => Array.from({ length: size }, (_, index) => [...row, index])), [[]]);
}
