// The built-in scenario library: what `clonelab run` runs with no arguments.
import type { Scenario } from '../define-scenario.js';
import { debianScenarios } from './debian.js';
import { driverScenarios } from './drivers.js';
import { fleetScenarios } from './fleet.js';
import { identityScenarios } from './identity.js';
import { imagingScenarios } from './imaging.js';

// The reference guest's scenarios first: `clonelab run` with no scenario runs those (the Debian
// ones are selected by `--guest debian` or `--tag debian`).
const library: Scenario[] = [...fleetScenarios, ...identityScenarios, ...driverScenarios, ...imagingScenarios, ...debianScenarios];
export default library;
