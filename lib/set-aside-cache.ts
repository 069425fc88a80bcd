/**
 * A bounded cache that can set its entries aside: after `setAside`, lookups fill a fresh map, and
 * an entry found among those set aside moves back without being made again. Building a claim index
 * reads every claim's words once; the tokenizer's word forms and the index's stem weights set those
 * entries aside when it is built, so that a page's words are looked up among the page's own few
 * thousand rather than among a store's tens of thousands (`retireWordForms` gives the figures).
 */
export class SetAsideCache<K, V> {
  private held = new Map<K, V>();
  private setAsideEntries = new Map<K, V>();

  /** `limit`: how many entries it holds before it empties itself, so that endless unique keys (a
   * hostile page's words) cannot grow it forever. The entries set aside are bounded the same way. */
  constructor(private readonly limit: number) {}

  /** The value held for a key, or set aside for it (then held again); undefined when neither. */
  get(key: K): V | undefined {
    const value = this.held.get(key);
    if (value !== undefined) return value;
    const kept = this.setAsideEntries.get(key);
    if (kept !== undefined) this.set(key, kept);
    return kept;
  }

  set(key: K, value: V): void {
    if (this.held.size >= this.limit) this.held.clear();
    this.held.set(key, value);
  }

  /** Sets every entry held aside (dropping those set aside before) and starts afresh. */
  setAside(): void {
    this.setAsideEntries = this.held;
    this.held = new Map();
  }

  /** How many entries it holds, not counting those set aside. */
  get size(): number {
    return this.held.size;
  }
}
