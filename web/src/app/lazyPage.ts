import { lazy, type ComponentType } from 'react';

/**
 * A page loaded when it is first shown, so the first load (the log-in page) carries none of them and each page
 * brings its own libraries. Pages added to the registry are declared this way; the router keeps the current
 * page on screen while the next one's code loads.
 */
export function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): ComponentType {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
