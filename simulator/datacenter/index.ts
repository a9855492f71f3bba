/** Jira Data Center / Server simulator (see world.ts for what is documented, observed or unknown). */
export { startDataCenterSimulator } from './server';
export type { DcExchange, RunningDataCenter } from './server';
export type * from './world';
export { DC_SCENARIOS, dcBaseWorld, DC_SECRETS } from './scenarios';
export type { DcScenario } from './scenarios';
