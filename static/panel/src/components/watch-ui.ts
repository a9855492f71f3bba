/**
 * The permission watch's screens (#27), one module loaded on demand: the Watch tab, "Watch this
 * check" and the project page's banner (one chunk, kept out of the first screen's JS).
 */
export { default as Watch } from './Watch';
export { default as WatchThisCheck } from './WatchThisCheck';
export { ProjectWatchBanner } from './ProjectWatchBanner';
