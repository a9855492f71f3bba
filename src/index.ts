/** Forge function `resolver` (manifest.yml: handler `index.handler`): the Custom UI's resolvers. */
export { definitions as handler } from './resolvers';
