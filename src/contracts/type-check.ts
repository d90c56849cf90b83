// Compile-time checks that a Zod schema accepts exactly a domain type: the domain owns its types (pure, no Zod),
// and the contracts build schemas from the domain's lists; `Expect<Same<z.output<typeof S>, T>>` fails the type
// check when the two drift apart (a field added or removed on one side, optional on one side, a narrower enum).

/** True when A and B are the same type (TypeScript's identity check, so an optional field on one side only counts). */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Fails to compile unless T is true. */
export type Expect<T extends true> = T;
