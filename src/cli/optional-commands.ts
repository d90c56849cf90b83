import type { Command } from 'commander';

/** Commands of later capabilities (id, aql, spc, import, …); each registers itself on the program. */
export const optionalCommands: ((program: Command) => void)[] = [];
