/**
 * The compiler's role vocabulary (offices, nations, bodies): each entry checked, and
 * every form claimed once — a form two entries claim ("ministry" for two bodies) is
 * refused unless both entries say `shared: true`, the rule that lets the page's
 * context decide. The same claim check runs on compiled lexicons (validate-compiled.ts).
 */
import { foldString } from '../text/normalize.ts';
import { describe } from './problems.ts';
import { quote, type SourceReporter } from './source-reporter.ts';
import { ROLE_KINDS, SOURCES, type CompiledRole } from './types.ts';
import type { ProblemReporter } from './problems.ts';

const ROLE_FIELDS = ['id', 'kind', 'forms', 'nation', 'shared', 'source'];
const ROLE_REQUIRED = ['id', 'kind', 'forms', 'source'];

/** The key a form is claimed under: folded words, dots and hyphens as spaces. */
export function roleFormKey(form: string): string {
  return foldString(form)
    .replace(/[.\-‐-―]+/g, ' ')
    .replace(/['’]s\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Checks and compiles the source's roles (`list`). */
export function compileRoles(r: SourceReporter, list: readonly unknown[]): CompiledRole[] {
  const out: CompiledRole[] = [];
  const ids = new Map<string, number>();
  r.each(list, 'roles', 'a role', (item, entry, ri) => {
    r.fields(item, entry, '', ROLE_FIELDS, ROLE_REQUIRED);
    const id = r.uniqueId(item, entry, ids, ri, 'roles', 'role');
    const kind = r.oneOf(item, 'kind', entry, ROLE_KINDS, 'role kind');
    r.oneOf(item, 'source', entry, SOURCES, 'source');
    const forms = formsOf(r, item, entry);
    let nation: string | null = null;
    if ('nation' in item) {
      if (kind !== undefined && kind !== 'body') r.problem(entry, 'nation', `only a body belongs to a nation — remove 'nation' from this ${kind}`);
      else if (typeof item.nation !== 'string' || item.nation.trim() === '')
        r.problem(entry, 'nation', `must be the id of a nation role, got ${describe(item.nation)}`);
      else nation = item.nation;
    }
    if ('shared' in item && typeof item.shared !== 'boolean') r.problem(entry, 'shared', `must be true or false, got ${describe(item.shared)}`);
    if (id !== undefined && kind !== undefined && forms !== undefined) out.push({ id, kind, forms, nation, shared: item.shared === true });
  });
  checkRoleClaims(r, out);
  return out;
}

function formsOf(r: SourceReporter, item: Record<string, unknown>, entry: string): string[] | undefined {
  const forms = r.array(item, 'forms', entry);
  if (forms === undefined) return undefined;
  if (forms.length === 0) {
    r.problem(entry, 'forms', 'lists no form — write the words that name this role, e.g. ["foreign minister", "minister of foreign affairs"]');
    return undefined;
  }
  let ok = true;
  forms.forEach((f, fi) => {
    if (typeof f !== 'string' || roleFormKey(f) === '') {
      r.problem(entry, `forms[${fi}]`, `must be words, got ${describe(f)} — write the role as the page writes it, or remove the empty form`);
      ok = false;
    }
  });
  return ok ? (forms as string[]) : undefined;
}

/**
 * Nations that bodies name exist, and no form is claimed twice without the rule:
 * the problem names both entries and what to do. Used on source and compiled roles.
 */
export function checkRoleClaims(r: ProblemReporter, roles: readonly CompiledRole[], section = 'roles'): void {
  const nations = new Set(roles.filter((x) => x.kind === 'nation').map((x) => x.id));
  const claims = new Map<string, number>();
  roles.forEach((role, i) => {
    const entry = `${section}[${i}] (${role.id})`;
    if (role.nation !== null && !nations.has(role.nation)) {
      r.problem(entry, 'nation', `unknown nation '${role.nation}' — add a role with kind "nation" and this id, or remove 'nation'`);
    }
    const seen = new Set<string>();
    role.forms.forEach((form, fi) => {
      const key = roleFormKey(form);
      if (seen.has(key)) {
        r.problem(entry, `forms[${fi}]`, `form ${quote(form)} is listed twice in this role — remove the duplicate`);
        return;
      }
      seen.add(key);
      const prev = claims.get(key);
      if (prev === undefined) {
        claims.set(key, i);
        return;
      }
      const other = roles[prev]!;
      if (role.shared && other.shared) return;
      r.problem(
        entry,
        `forms[${fi}]`,
        `form ${quote(form)} is claimed by ${section}[${prev}] (${other.id}) too — remove it from one of them, or mark both roles "shared": true to let the page's context decide`,
      );
    });
  });
}
