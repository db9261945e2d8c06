/** One thing wrong with a hardware model: where, what was expected, what was given. */
export interface ModelProblem {
  /** The model's name. */
  model: string;
  /** The field, e.g. `nics[0].slot`. */
  field: string;
  /** The whole sentence: what was wrong, what was expected, what was given. */
  message: string;
  /** The file a user model comes from; absent for a built-in model. */
  source?: string;
}

/** Writes problems one per line: `FILE: model "NAME": FIELD: MESSAGE`. */
export function formatModelProblems(problems: readonly ModelProblem[]): string[] {
  return problems.map((problem) => `${problem.source ? `${problem.source}: ` : ''}model "${problem.model}": ${problem.field}: ${problem.message}`);
}

/** Hardware models that do not validate, with every problem (thrown by `defineModel`). */
export class InvalidModelError extends Error {
  override readonly name = 'InvalidModelError';
  constructor(readonly problems: readonly ModelProblem[]) {
    super(`Invalid hardware model${problems.length > 1 ? 's' : ''}:\n  - ${formatModelProblems(problems).join('\n  - ')}`);
  }
}

/** Records one problem of the model being checked: the field, and a message saying what was expected and what was given. */
export type Report = (field: string, message: string) => void;
