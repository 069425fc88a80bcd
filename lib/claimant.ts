// Who made a claim, as one string: each person or body by name, with the roles a review gives them
// in brackets after it, and several of them one after another:
//   "Declan Furlong (Minister for Housing)"
//   "Ines Ortega (Mayor of Dunmore, Harbour board chair), A councillor"
// The ClaimReview importer writes it from schema.org `author`s and their `jobTitle`s, the exporter
// reads it back into them, and the matcher tells a claimant's own name from their role by it. This
// module is the one place that knows the format.

/** One person or body in a claimant string. */
export interface ClaimantPart {
  name: string;
  /** What the brackets after the name hold, as written ("Mayor of Dunmore, Harbour board chair"). */
  role?: string;
}

/** A person as the importer met them: a name and the roles any listing of them gave. */
export interface Claimant {
  name: string;
  roles: readonly string[];
}

/** Writes people as one claimant string. A person whose roles do not fit in `limit` characters is
 * written by name alone rather than cut inside their brackets; the caller clips the whole. */
export function writeClaimants(people: readonly Claimant[], limit: number): string {
  return people
    .map(({ name, roles }) => {
      const withRoles = roles.length ? `${name} (${roles.join(', ')})` : name;
      return withRoles.length <= limit ? withRoles : name;
    })
    .join(', ');
}

/** Each place's bracket depth in a claimant string: an opening bracket counts itself, a closing one
 * the brackets it closes; a closing bracket with none open is text (0). A claimant string is short
 * text (`LIMITS.shortText`), so its depth fits. */
function bracketDepths(claimant: string): Uint16Array {
  const depth = new Uint16Array(claimant.length);
  let open = 0;
  for (let i = 0; i < claimant.length; i++) {
    const c = claimant.charCodeAt(i);
    if (c === 40 /* ( */) open = Math.min(open + 1, 0xffff);
    depth[i] = open;
    if (c === 41 /* ) */ && open > 0) open--;
  }
  return depth;
}

/** Whether a place in a claimant string is inside brackets: a role, not a name. Brackets left open
 * run to the end; a closing one with none open is text. */
export function roleSpans(claimant: string): (at: number) => boolean {
  const depth = bracketDepths(claimant);
  return (at) => depth[at]! > 0;
}

/** The people and bodies a claimant string names, in order: split at the commas outside brackets
 * (a comma inside a role, "Minister for Housing, Local Government", stays in it), each with the
 * text in its brackets as its role. A part that is all role, or empty, is left out. */
export function readClaimantParts(claimant: string): ClaimantPart[] {
  const depth = bracketDepths(claimant);
  const parts: ClaimantPart[] = [];
  let name = '';
  let roles: string[] = [];
  let role = '';
  const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();
  const finish = () => {
    const written = roles.map(tidy).filter(Boolean);
    if (tidy(name)) parts.push(written.length ? { name: tidy(name), role: written.join(', ') } : { name: tidy(name) });
    name = '';
    roles = [];
  };
  for (let i = 0; i < claimant.length; i++) {
    const c = claimant[i]!;
    if (depth[i] === 0) {
      if (c === ',') finish();
      else name += c;
    } else if (depth[i] === 1 && c === '(') {
      // The outer brackets are not part of the role; brackets inside it are.
      role = '';
    } else if (depth[i] === 1 && c === ')') {
      roles.push(role);
      role = '';
    } else role += c;
  }
  // A bracket left open runs to the end: still open after the last character (a closing bracket's
  // depth counts the bracket it closes).
  const last = claimant.length - 1;
  const openAtEnd = last < 0 ? 0 : depth[last]! - (claimant[last] === ')' && depth[last]! > 0 ? 1 : 0);
  if (openAtEnd > 0) roles.push(role);
  finish();
  return parts;
}
