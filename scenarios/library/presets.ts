/**
 * Generalize the master (sysprep) before capture, without adding the mass-storage drivers to
 * the loader: the scenario's own hardware change decides whether the clone boots.
 */
export const generalized = { generalize: { massStorage: false } };
