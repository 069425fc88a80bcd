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

/** Whether a place in a claimant string is inside brackets: a role, not a name. Brackets left open
 * run to the end; a closing one with none open is text. */
export function roleSpans(claimant: string): (at: number) => boolean {
  const depth = new Int8Array(claimant.length);
  let open = 0;
  for (let i = 0; i < claimant.length; i++) {
    const c = claimant.charCodeAt(i);
    if (c === 40 /* ( */) open = Math.min(open + 1, 100);
    depth[i] = open;
    if (c === 41 /* ) */ && open > 0) open--;
  }
  return (at) => depth[at]! > 0;
}

/** The people and bodies a claimant string names, in order: split at the commas outside brackets
 * (a comma inside a role, "Minister for Housing, Local Government", stays in it), each with the
 * text in its brackets as its role. A part that is all role, or empty, is left out. */
export function readClaimantParts(claimant: string): ClaimantPart[] {
  const parts: ClaimantPart[] = [];
  let name = '';
  let roles: string[] = [];
  let role = '';
  let open = 0;
  const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();
  const finish = () => {
    const written = roles.map(tidy).filter(Boolean);
    if (tidy(name)) parts.push(written.length ? { name: tidy(name), role: written.join(', ') } : { name: tidy(name) });
    name = '';
    roles = [];
  };
  for (const c of claimant) {
    if (c === '(') {
      // The outer brackets are not part of the role; brackets inside it are.
      if (open++ > 0) role += c;
    } else if (c === ')' && open > 0) {
      if (--open > 0) role += c;
      else {
        roles.push(role);
        role = '';
      }
    } else if (open > 0) role += c;
    else if (c === ',') finish();
    else name += c;
  }
  if (open > 0) roles.push(role);
  finish();
  return parts;
}
