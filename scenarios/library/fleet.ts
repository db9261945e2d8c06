import { defineScenario } from '../define-scenario.js';

/** The main job: a generalized master, WIM-cloned onto every hardware model of the catalog. */
export const fleetScenarios = [
  defineScenario({
    name: 'wim-every-model',
    description: 'Generalized master (with all mass-storage drivers) WIM-cloned onto every catalog model: new identity, every driver started, except the known organic incompatibilities',
    master: { machine: 'desktop-e1000' },
    generalize: { massStorage: true },
    capture: { method: 'file', compression: 'xpress' },
    targets: 'all-models',
    tags: ['fleet', 'drivers', 'identity'],
  }),
];
