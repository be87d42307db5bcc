// JSON text the warehouse's JSON columns accept, whatever a rejected submission contained.

/**
 * JSON.stringify writes a lone surrogate as an escape (`\ud800`) that DuckDB's JSON type
 * refuses; this matches every escape in order (so `\\ud800`, an escaped backslash, is left
 * alone) and turns those into U+FFFD.
 */
const ESCAPE = /\\(?:u[dD][89a-fA-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[^u])/g;
const SURROGATE_ESCAPE = /^\\u[dD][89a-fA-F]/;

/** Why a payload could not be kept: too deep or cyclic for JSON.stringify. */
const UNKEPT = JSON.stringify({ unkept: 'the payload could not be written as JSON' });

export function storableJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return UNKEPT;
  }
  if (text === undefined) return 'null';
  if (!text.includes('\\u')) return text;
  return text.replace(ESCAPE, (escape) => (SURROGATE_ESCAPE.test(escape) ? '\\ufffd' : escape));
}
