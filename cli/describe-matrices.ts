import type { Plan } from '../harness/plan/types.js';

/**
 * Says how each matrix of a plan was expanded: the full product, the cells QEMU would refuse
 * (each with its first reason), and the cells that run (all valid ones, or the pairwise array).
 * @example describeMatrices(plan) // ['matrix nic-sweep: desktop-e1000 × nic 4 × nicSlot 4 × video 3 × chipset 2: 96 cells, 96 accepted, pairwise 17 cells run']
 */
export function describeMatrices(plan: Plan): string[] {
  return (plan.matrices ?? []).flatMap((matrix) => {
    const product = matrix.dimensions.map((dimension) => `${dimension.name} ${dimension.values}`).join(' × ');
    const reduced = matrix.pairwise ? `pairwise ${matrix.cells} cells run` : `${matrix.cells} cells run`;
    const head = `matrix ${matrix.scenario}: ${matrix.base} × ${product}: ${matrix.full} cells, ${matrix.valid} accepted, ${reduced}`;
    return [head, ...matrix.dropped.map((entry) => `  dropped ${entry.model}: ${entry.reasons[0] ?? ''}${entry.reasons.length > 1 ? ` (+${entry.reasons.length - 1} more)` : ''}`)];
  });
}
