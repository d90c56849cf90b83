// RFC 8785 JSON Canonicalization Scheme through the well-kept `canonicalize` package (pure JS, browser-safe).
import canonicalizeJson from 'canonicalize';

/** The canonical text of a JSON value; refuses values JSON cannot carry (undefined, NaN, lone surrogates). */
export function canonicalize(value: unknown): string {
  const text = canonicalizeJson(value);
  if (text === undefined) throw new Error('not a JSON value');
  return text;
}
