/** The compiled lexicon as a file: deterministic, readable JSON. */

/**
 * Pretty JSON for a compiled lexicon (or anything JSON): two-space indent, arrays of
 * plain values and small flat objects on one line, trailing newline. Deterministic.
 */
export function stringifyCompiled(value: unknown): string {
  return `${pretty(value, '')}\n`;
}

/** Arrays of plain values (or of such arrays) always fit on one line. */
function isFlat(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every((v) => v === null || typeof v !== 'object' || (Array.isArray(v) && isFlat(v)));
  return false;
}

/** One-line form of an object made only of plain values and such objects (an alias, a provenance). */
function inline(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return undefined;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    const one = inline(v);
    if (one === undefined) return undefined;
    parts.push(`${JSON.stringify(k)}: ${one}`);
  }
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

function pretty(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (isFlat(value)) return `[${value.map((v) => (Array.isArray(v) ? pretty(v, inner) : JSON.stringify(v))).join(', ')}]`;
    return `[\n${value.map((v) => inner + pretty(v, inner)).join(',\n')}\n${indent}]`;
  }
  const one = inline(value);
  if (one !== undefined) return one;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`).join(',\n')}\n${indent}}`;
}
