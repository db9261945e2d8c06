// The built-in scenario library: what `clonelab run` runs with no arguments.
import type { Scenario } from '../define-scenario.js';
import { driverScenarios } from './drivers.js';
import { fleetScenarios } from './fleet.js';
import { identityScenarios } from './identity.js';
import { imagingScenarios } from './imaging.js';

const library: Scenario[] = [...fleetScenarios, ...identityScenarios, ...driverScenarios, ...imagingScenarios];
export default library;
