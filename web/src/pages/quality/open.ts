import { OPEN_PHASES } from '../../../../src/domain/browser.js';

/** Quality data is recorded while the engagement is open (accepted and not closed). */
export function isOpenPhase(phase: string): boolean {
  return (OPEN_PHASES as readonly string[]).includes(phase);
}
