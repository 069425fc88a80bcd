/**
 * One pass over a page: its visible text, its date, the mentions in it, for the `scan` CLI and the
 * benchmarks. The extension takes the same three steps with the same functions, split in two: the
 * content script extracts the blocks and reads the date, and the background finds the mentions
 * (`StoreMatcher`), so what is measured is what ships.
 */
import { extractBlocks, type ExtractOptions, type TextBlock } from './extract';
import { findMentions, type ClaimIndex, type Mention } from './matching';
import { pageOpening } from './protocol';
import { pageDate } from './timeline';

/** A scanned page: its text blocks (to map mentions back to the DOM) and the mentions found. */
export interface PageScan {
  blocks: TextBlock[];
  mentions: Mention[];
  pageDate: number | null;
}

/** Extracts the document's text and finds the mentions of the indexed claims in it. */
export function scanDocument(
  document: Document,
  index: ClaimIndex,
  options: ExtractOptions & { sensitivity?: number } = {},
): PageScan {
  // The whole document, not just <body>: a fragment parsed on its own may sit outside it.
  const root = document.documentElement;
  const blocks = root ? extractBlocks(root, options) : [];
  const date = pageDate(document);
  // The page's opening as the extension sends it (`pageOpening`): the matcher reads a rated
  // statement's names there, and the CLI must read what the extension reads.
  const opening = pageOpening(blocks.map((block) => block.text));
  return { blocks, mentions: findMentions(blocks, index, { sensitivity: options.sensitivity, pageDate: date, opening }), pageDate: date };
}
