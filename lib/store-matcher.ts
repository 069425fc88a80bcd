/**
 * The matcher over everything in the store: one claim index, built when first needed and again
 * after the store changes, shared by every tab that asks. Matching itself is `lib/matching/`'s.
 */
import { buildClaimIndex, matchBlocks, type ClaimIndex, type Mention } from './matching';
import { log } from './log';
import { judgeMention } from './mention-verdict';
import { claimKey, FIND_LIMITS, type ClaimForCard, type FoundMentions, type MentionFound } from './protocol';
import { claimsForCard, type ClaimlightDb } from './store';

/**
 * The index over the claims. A stored claim the matcher cannot read (a record damaged by hand, or
 * by some version's bug: cues without their terms) made the whole build throw, and no page was
 * marked at all; it is left out, found by indexing each claim alone (only then), and logged.
 */
function indexOfReadable(claims: ClaimForCard[]): ClaimIndex<ClaimForCard> {
  try {
    return buildClaimIndex(claims);
  } catch (error) {
    const readable = claims.filter((claim) => {
      try {
        buildClaimIndex([claim]);
        return true;
      } catch {
        return false;
      }
    });
    if (readable.length === claims.length) throw error;
    log.error(`${claims.length - readable.length} stored claim(s) could not be read for matching and are left out`, error);
    return buildClaimIndex(readable);
  }
}

/** Answers "which stored claims does this page mention?", keeping the index between calls. */
export class StoreMatcher {
  private loaded: Promise<ClaimIndex<ClaimForCard>> | null = null;

  constructor(private readonly db: ClaimlightDb) {}

  /** Drops the index; the next request builds it from the store again. */
  invalidate(): void {
    this.loaded = null;
  }

  private load(): Promise<ClaimIndex<ClaimForCard>> {
    if (this.loaded) return this.loaded;
    const building: Promise<ClaimIndex<ClaimForCard>> = (async () => {
      const [packs, stored] = await Promise.all([this.db.packs.toArray(), this.db.claims.toArray()]);
      return indexOfReadable(claimsForCard(stored, packs));
    })().catch((e: unknown) => {
      // Forgotten, to be built again, only while it is still the one in use: a build the store's
      // change overtook failing late used to throw away the newer index, which was built again.
      if (this.loaded === building) this.loaded = null;
      throw e;
    });
    this.loaded = building;
    return building;
  }

  /** The mentions in the blocks and the claims they only may be about, with the record of every
   * claim either names. */
  async find(blocks: string[], pageDate: number | null, sensitivity?: number, opening?: string[]): Promise<FoundMentions> {
    const found = matchBlocks(blocks.map((text) => ({ text })), await this.load(), { pageDate, sensitivity, ...(opening ? { opening } : {}) });
    const records: Record<string, ClaimForCard> = {};
    const crossing = (m: Mention<ClaimForCard>): MentionFound => {
      const key = claimKey(m.claim);
      records[key] = m.claim;
      const judged = judgeMention(m.claim, m.text, pageDate);
      return { claimKey: key, block: m.block, start: m.start, end: m.end, score: m.score, cues: m.cues, ...judged };
    };
    // A reply has room for the mentions of any page Claimlight can mark; past that, the first in
    // reading order (a page built to be all mentions would otherwise make a reply of megabytes).
    return { mentions: found.mentions.slice(0, FIND_LIMITS.mentions).map(crossing), related: found.related.slice(0, FIND_LIMITS.mentions).map(crossing), claims: records };
  }
}
