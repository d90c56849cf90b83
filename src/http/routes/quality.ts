import type { RoutePlugin } from './types.js';

/** Routes of the quality capability; registered by the app like every other route plugin. */
export const qualityRoutes: RoutePlugin = () => {};
