/**
 * An inverted index over documents that are already lists of terms, scoring every document against
 * a query with BM25 or with TF-IDF cosine. It knows nothing about claims or tweets: what the terms
 * are (stemmed words, character n-grams) is `post-text.ts`'s choice, how scores combine `rank.ts`'s.
 */

/** Parameters of BM25: `k1` saturates repeated terms, `b` normalises for document length. */
export interface Bm25Params {
  k1: number;
  b: number;
}

/** Term postings for a fixed list of documents, addressed by their position in that list. */
export class TermIndex {
  readonly docCount: number;
  // All postings sit in two flat typed arrays, term by term: the postings of the term numbered t
  // run from starts[t] to starts[t + 1]. For the 10,375 Snopes claims (2.7 million n-gram postings)
  // the ranker then takes about 30 MB of heap, against 140 MB with a pair of arrays per term.
  private readonly termIds = new Map<string, number>();
  private readonly starts: Int32Array;
  private readonly postingDocs: Int32Array;
  private readonly postingCounts: Uint16Array;
  private readonly lengths: Float64Array;
  private readonly avgLength: number;
  // Euclidean norms of the documents' TF-IDF vectors, for cosine scores.
  private readonly norms: Float64Array;

  constructor(docs: readonly (readonly string[])[]) {
    this.docCount = docs.length;
    const docCounts = docs.map(countTerms);
    const frequencies: number[] = [];
    for (const counts of docCounts) {
      for (const term of counts.keys()) {
        const id = this.termIds.get(term);
        if (id === undefined) {
          this.termIds.set(term, frequencies.length);
          frequencies.push(1);
        } else frequencies[id]!++;
      }
    }
    this.starts = new Int32Array(frequencies.length + 1);
    frequencies.forEach((df, id) => (this.starts[id + 1] = this.starts[id]! + df));
    this.postingDocs = new Int32Array(this.starts[frequencies.length]!);
    this.postingCounts = new Uint16Array(this.postingDocs.length);
    const next = this.starts.slice(0, -1);
    docCounts.forEach((counts, doc) => {
      for (const [term, count] of counts) {
        const at = next[this.termIds.get(term)!]!++;
        this.postingDocs[at] = doc;
        this.postingCounts[at] = Math.min(count, 0xffff);
      }
    });
    this.lengths = Float64Array.from(docs, (terms) => terms.length);
    this.avgLength = this.lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, docs.length);
    this.norms = new Float64Array(docs.length);
    frequencies.forEach((df, id) => {
      const idf = this.smoothIdf(df);
      for (let i = this.starts[id]!; i < this.starts[id + 1]!; i++) {
        this.norms[this.postingDocs[i]!]! += (tfWeight(this.postingCounts[i]!) * idf) ** 2;
      }
    });
    this.norms.forEach((sq, doc) => (this.norms[doc] = Math.sqrt(sq)));
  }

  /** How many documents hold `term` (0 when none does). */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.starts[id + 1]! - this.starts[id]!;
  }

  /** BM25's inverse document frequency, never negative. */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
  }

  /** The BM25 score of every document for the query's distinct terms; 0 for documents sharing none. */
  bm25(queryTerms: readonly string[], { k1, b }: Bm25Params): Float64Array {
    const scores = new Float64Array(this.docCount);
    for (const term of new Set(queryTerms)) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const idf = this.idf(term);
      for (let i = this.starts[id]!; i < this.starts[id + 1]!; i++) {
        const doc = this.postingDocs[i]!;
        const tf = this.postingCounts[i]!;
        const norm = k1 * (1 - b + (b * this.lengths[doc]!) / this.avgLength);
        scores[doc]! += (idf * tf * (k1 + 1)) / (tf + norm);
      }
    }
    return scores;
  }

  /** The cosine between the query's and every document's TF-IDF vector (log-scaled counts), 0 to 1;
   * query terms that no document holds are left out of the query's vector. */
  cosine(queryTerms: readonly string[]): Float64Array {
    const scores = new Float64Array(this.docCount);
    let queryNorm = 0;
    for (const [term, count] of countTerms(queryTerms)) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const idf = this.smoothIdf(this.documentFrequency(term));
      const weight = tfWeight(count) * idf;
      queryNorm += weight * weight;
      for (let i = this.starts[id]!; i < this.starts[id + 1]!; i++) {
        scores[this.postingDocs[i]!]! += weight * tfWeight(this.postingCounts[i]!) * idf;
      }
    }
    if (queryNorm === 0) return scores;
    const scale = 1 / Math.sqrt(queryNorm);
    scores.forEach((dot, doc) => {
      if (dot) scores[doc] = (dot * scale) / this.norms[doc]!;
    });
    return scores;
  }

  // Smoothed IDF as scikit-learn's TfidfVectorizer computes it: a term in every document still counts a little.
  private smoothIdf(documentFrequency: number): number {
    return Math.log((1 + this.docCount) / (1 + documentFrequency)) + 1;
  }
}

function tfWeight(count: number): number {
  return 1 + Math.log(count);
}

function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
