import { it } from 'vitest';

/**
 * Tests of one ordered story (a visit planned, then answered, then closed …) where each test builds on the state the
 * earlier ones left. Each step runs once; a test run alone (`-t`, or an editor's "run this test") first runs the
 * steps before it, so it finds the same state as in a whole-file run instead of failing on an undefined id.
 *
 *   const step = story(skipReason);
 *   step('the buyer plans a visit', async () => { … });
 *   step('the visit closes', async () => { … });   // alone: plans the visit first
 */
export function story(skipReason?: string | false | null) {
  const steps: { name: string; run: () => Promise<void> }[] = [];
  return function step(name: string, fn: () => Promise<void>, timeout?: number) {
    let ran: Promise<void> | undefined;
    const run = () => (ran ??= fn());
    const earlier = steps.slice();
    steps.push({ name, run });
    it.skipIf(Boolean(skipReason))(
      name,
      async () => {
        for (const before of earlier) {
          try {
            await before.run();
          } catch (e) {
            throw new Error(`an earlier step of this story failed: “${before.name}”: ${(e as Error).message}`, { cause: e });
          }
        }
        await run();
      },
      timeout,
    );
  };
}
