import type { ServiceContext } from '../services/context.js';
import type { DemoIds } from './seed.js';

/** The visit part of the demo story; runs after the engagement story. */
export async function seedVisitStory(_ctx: ServiceContext, _ids: DemoIds): Promise<void> {}
