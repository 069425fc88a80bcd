/**
 * The matching engine, used by the extension's store matcher, `npm run scan`, `npm run rank` and
 * the sensitivity preview: index the claims (`claim-index.ts`) → find candidates through the
 * inverted index (`candidates.ts`) → score each pair (`features.ts`, `model.ts`) → decide and
 * group mentions (`find-mentions.ts`). Tokens come from `lib/normalize.ts`.
 */
export { ALL_KNOWLEDGE, buildClaimIndex, type ClaimIndex, type Knowledge, type CompiledClaim, type IndexOptions, type MatchableClaim } from './claim-index';
export { DEFAULT_SENSITIVITY, decide, findMentions, matchBlocks, sameClaim, scorePairs, type BlockMatches, type MatchOptions, type Mention, type ScoredPair } from './find-mentions';
export { FEATURE_NAMES, type FeatureName } from './features';
export { MODEL, probability, thresholdsFor, type MatchModel } from './model';
