import { describe, expect, it } from 'vitest';
import { contactsAt, ladderDepth, ladderNamed, ladderProblems, DEFAULT_LADDER_DEPTH, type LadderContact } from './ladder.js';

const c = (side: 'buyer' | 'supplier', level: number, name: string): LadderContact => ({ side, level, name });
const LADDER = [c('buyer', 1, 'SQE'), c('buyer', 2, 'Head of quality'), c('buyer', 3, 'COO'), c('supplier', 1, 'QE'), c('supplier', 2, 'QA manager')];

describe('escalation ladder', () => {
  it.each<[number, string[]]>([
    [1, ['SQE', 'QE']],
    [2, ['Head of quality', 'QA manager']],
    // The supplier has no level 3: its level 2 is reached instead.
    [3, ['COO', 'QA manager']],
    [4, ['COO', 'QA manager']],
  ])('level %i notifies %j', (level, names) => {
    expect(contactsAt(LADDER, level).map((x) => x.name)).toEqual(names);
  });

  it('depth is the deepest level named, or the default', () => {
    expect(ladderDepth(LADDER)).toBe(3);
    expect(ladderDepth([])).toBe(DEFAULT_LADDER_DEPTH);
  });

  it.each<[string, LadderContact[], boolean, string[]]>([
    ['both sides from level 1', LADDER, true, []],
    ['empty', [], false, ['buyer:no_level_1:1', 'supplier:no_level_1:1']],
    ['one side only', [c('buyer', 1, 'A')], false, ['supplier:no_level_1:1']],
    ['a skipped level', [c('buyer', 1, 'A'), c('buyer', 3, 'B'), c('supplier', 1, 'C')], false, ['buyer:gap:2']],
  ])('%s', (_n, ladder, named, problems) => {
    expect(ladderNamed(ladder)).toBe(named);
    expect(ladderProblems(ladder).map((p) => `${p.side}:${p.problem}:${p.level}`)).toEqual(problems);
  });
});
