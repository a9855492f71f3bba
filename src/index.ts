/** Forge function `resolver` (manifest.yml: handler `index.handler`): the Custom UI's resolvers. */
export { definitions as handler } from './resolvers';
/** Forge function `privacy-sweep` (manifest.yml: handler `index.privacySweep`), run weekly. */
export { privacySweep } from './privacy/sweep';
