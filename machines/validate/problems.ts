/** One thing wrong with a hardware model: where, what was expected, what was given. */
export interface ModelProblem {
  /** The model's name. */
  model: string;
  /** The field, e.g. `nics[0].slot`. */
  field: string;
  /** The whole sentence: what was wrong, what was expected, what was given. */
  message: string;
}
