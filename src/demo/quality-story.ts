import type { ServiceContext } from '../services/context.js';
import type { DemoIds } from './seed.js';

/** The quality part of the demo story; runs after the engagement story. */
export async function seedQualityStory(_ctx: ServiceContext, _ids: DemoIds): Promise<void> {}
