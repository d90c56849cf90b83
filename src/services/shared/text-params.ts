/** Parameters of a text the system wrote (a title, a label), stored as JSON for the web to word in the reader's language. */
export type TextParams = Record<string, string | number | null>;

/** Stored text parameters, keeping strings, numbers and nulls only; null when absent or not JSON. */
export function parseTextParams(json: string | null | undefined): TextParams | null {
  if (!json) return null;
  try {
    const raw = JSON.parse(json) as Record<string, unknown>;
    const out: TextParams = {};
    for (const [k, v] of Object.entries(raw)) if (v === null || typeof v === 'string' || typeof v === 'number') out[k] = v;
    return out;
  } catch {
    return null;
  }
}
