/**
 * The fact pack that ships with Claimlight, validated once where it is loaded. A bundled pack that
 * does not validate is a build error, so this throws (tests/unit/bundled-pack.test.ts guards it).
 */
import raw from '../data/bundled-pack.json';
import { parseFactPack } from './pack';
import type { FactPack } from './schema';

/** Validates the bundled pack; throws with every problem when it is invalid. */
export function expectBundledPack(value: unknown = raw): FactPack {
  const parsed = parseFactPack(value);
  if (!parsed.ok) throw new Error(`The bundled fact pack is invalid:\n${parsed.error.join('\n')}`);
  return parsed.value;
}
