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

/** How many times a build reads the store again because it changed while it was read, before it
 * builds from what it read (a store changing without end must still be matched against). */
const MAX_REREADS = 3;

/** Answers "which stored claims does this page mention?", keeping the index between calls. */
export class StoreMatcher {
  private loaded: Promise<ClaimIndex<ClaimForCard>> | null = null;
  /** Counts the store's changes: a build whose read a change overtook reads again. */
  private changes = 0;
  /** Whether the build `loaded` holds is still under way. */
  private building = false;

  constructor(private readonly db: ClaimlightDb) {}

  /** Drops the index; the next request builds it from the store again. A build under way reads
   * the store again once its read is done, and every page waiting on it gets the newer index: one
   * started beside it held a second copy of the whole store, and a third for a third change. */
  invalidate(): void {
    this.changes++;
    if (!this.building) this.loaded = null;
  }

  private load(): Promise<ClaimIndex<ClaimForCard>> {
    if (this.loaded) return this.loaded;
    this.building = true;
    // Started after `loaded` holds it: a read that threw at once would otherwise forget the build
    // before it was held, and the failed build be held for good.
    const building = Promise.resolve().then(() => this.build());
    this.loaded = building;
    return building;
  }

  /** Reads the store and indexes it, reading it again where it changed meanwhile (`MAX_REREADS`).
   * Says it is done (`building`) in the same step as it gives the index, so that a change told
   * after it drops the index rather than waiting on a build that is over. */
  private async build(): Promise<ClaimIndex<ClaimForCard>> {
    try {
      for (let reread = 0; ; reread++) {
        const changes = this.changes;
        const overtaken = () => changes !== this.changes && reread < MAX_REREADS;
        // A read the change broke (its transaction aborted) is read again, as one it overtook.
        const read = await Promise.all([this.db.packs.toArray(), this.db.claims.toArray()]).catch((e: unknown) => {
          if (overtaken()) return null;
          throw e;
        });
        if (!read || overtaken()) continue;
        this.building = false;
        // Built from a store that has changed since (the rereads spent): the next request builds again.
        if (changes !== this.changes) this.loaded = null;
        return indexOfReadable(claimsForCard(read[1], read[0]));
      }
    } catch (e) {
      this.building = false;
      this.loaded = null;
      throw e;
    }
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
