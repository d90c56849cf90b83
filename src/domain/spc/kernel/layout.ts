// Shared by the kernel's text and its loader: where things sit in the kernel's memory, and the rule windows.

/** Points a kernel block covers (one bit each in a 32-bit word). */
export const KERNEL_BLOCK = 32;

/** Blocks per chunk: the flag pass reads a chunk's values once per pair of flags, so they stay in L1. */
export const KERNEL_CHUNK_BLOCKS = 32;

/** Scratch for the eight rule words of four blocks (128 bytes). */
export const KERNEL_RULES_OFFSET = 64;

/** Flag words: 9 arrays, each a word for the block before the chunk, then the chunk's blocks and spare words. */
export const KERNEL_FLAGS_OFFSET = KERNEL_RULES_OFFSET + 128;
export const KERNEL_FLAG_STRIDE = 4 * (1 + KERNEL_CHUNK_BLOCKS + 7);

/** Byte offset of x[0]; x[−1] sits just before it, the sums the kernel returns at 0…23. */
export const KERNEL_DATA_OFFSET = KERNEL_FLAGS_OFFSET + 9 * KERNEL_FLAG_STRIDE + 64;

/** Window length of each Nelson rule in points (rules 3 and 4 compare neighbours, so one point more). */
export const KERNEL_RULE_WINDOW = [1, 9, 6, 14, 3, 5, 15, 8] as const;
