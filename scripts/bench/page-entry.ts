// What the benchmark page loads: the same lib/ code the extension ships, on `window.ClaimlightBench`.
import { createClaimSearch } from '../../lib/claim-search';
import { extractBlocks } from '../../lib/extract';
import { buildClaimIndex } from '../../lib/matching';
import { scanDocument } from '../../lib/page-scan';

export { buildClaimIndex, createClaimSearch, extractBlocks, scanDocument };
