/**
 * Jira Cloud simulator: a real HTTP server on 127.0.0.1 driven by a declarative world. Used by
 * tests, the local demo and benchmarks; never imported by production code under src/.
 */
export { startSimulator } from './server';
export type { RunningSimulator, SimulatorOptions } from './server';
export type { FaultRule } from './faults';
export type { AttemptCount, AuthOutcome, FaultKind, RecordedExchange, Target } from './recording';
export type * from './world';
export { DEFAULT_SITE_OPTIONS, siteOptions } from './world';
export { OPERATIONS, operationKey } from './operations';
export type { OperationDef } from './operations';
export { ALL_PERMISSION_KEYS, PERMISSION_CATALOGUE } from './catalogue';
