import type { RoutePlugin } from './types.js';

/** Routes of the visits capability; registered by the app like every other route plugin. */
export const visitRoutes: RoutePlugin = () => {};
