/**
 * The one message protocol between Claimlight's contexts, one map per direction. Commands are
 * imperative (`importPack`), events past tense (`contentScriptStarted`). Every reply is a
 * `Result`, never a thrown `Error`, because errors do not survive being cloned between contexts.
 * The transport is passed in: entrypoints hand over `browser.runtime.sendMessage`, tests a fake.
 */
import * as v from 'valibot';
import { err, type Result } from './result';
import { sliceWhole } from './whole-characters';
import type { Claim } from './schema';
import { MENTION_VERDICTS, type MentionVerdict } from './verdicts';
import type { PageVerdicts } from './badge';
import { DismissalChangesSchema, type DismissalChange } from './dismissals';
import type { FeedSource, ImportReport, ListedPack, StoreSummary, StoredFeed } from './store';
import type { RefreshOutcome } from './feeds/refresh';
import { MAX_FEED_ADDRESS_CHARS, MAX_LANGUAGE_CODE_CHARS, MAX_SEARCH_CHARS } from './feeds/names';

/** A failure as it crosses a context boundary: a short code, a sentence, and any itemised problems. */
export interface ProtocolError {
  code: 'invalid-message' | 'forbidden-sender' | 'invalid-pack' | 'not-found' | 'storage' | 'internal';
  message: string;
  details?: string[];
}

/** The format an export is written in. */
export type ExportFormat = 'claimlight' | 'claimreview';

/** Messages the extension's own pages (popup, options) send to the background. */
export interface UiToBackground {
  /** Counts packs and claims in the store. */
  getStoreSummary: { request: Record<string, never>; reply: StoreSummary };
  /** Lists every stored pack's header. */
  listPacks: { request: Record<string, never>; reply: ListedPack[] };
  /** Every claim as the popup searches it (`readSearchableClaims`): for a popup that cannot open
   * the database itself (Firefox's private windows). */
  listClaims: { request: Record<string, never>; reply: { claims: ClaimForCard[]; packs: { id: string; title: string }[] } };
  /** Parses a file's text and stores it as a pack, all or nothing. */
  importPack: { request: { text: string; fileName?: string }; reply: ImportReport };
  /** Writes one pack as a file's text; `note` says when the file is too large to import again. */
  exportPack: { request: { packId: string; format: ExportFormat }; reply: { fileName: string; text: string; note?: string } };
  /** Deletes one pack and its claims. */
  deletePack: { request: { packId: string }; reply: { deleted: true } };
  /** Deletes every pack and installs the bundled one again. */
  resetStore: { request: Record<string, never>; reply: StoreSummary };
  /** Lists the feeds the reader subscribes to. */
  listFeeds: { request: Record<string, never>; reply: StoredFeed[] };
  /** Subscribes to a feed and checks it at once (its origin's permission was asked for by the page). */
  addFeed: { request: { source: FeedSource; intervalMinutes?: number }; reply: RefreshOutcome };
  /** Checks one feed now. */
  refreshFeed: { request: { feedId: string }; reply: RefreshOutcome };
  /** Pauses a feed's refreshes, or resumes them. */
  setFeedPaused: { request: { feedId: string; paused: boolean }; reply: StoredFeed };
  /** Unsubscribes: the feed and its claims go. */
  removeFeed: { request: { feedId: string }; reply: { removed: true } };
}

/** The key a claim is known by across packs (ids are unique only within a pack): `packId/id`. */
export const claimKey = (claim: { packId: string; id: string }): string => `${claim.packId}/${claim.id}`;

/** A mention as it crosses from the background to a page: which claim, where, and why. */
export interface MentionFound {
  /** `packId/claimId`: the key of the claim in `FoundMentions.claims`. */
  claimKey: string;
  block: number;
  start: number;
  end: number;
  score: number;
  cues: string[];
  /** What this mention is shown as: the claim's verdict, or context when the verdict judges another
   * report's telling that this sentence does not repeat (`lib/mention-verdict.ts`). */
  verdict: MentionVerdict;
  /** The wording at fault the sentence repeats, as the sentence words it. */
  repeats?: string;
}

/** The background's answer to a page: its mentions, the looser matches that are only listed as
 * possibly related (never marked), and the records of the claims they name. */
export interface FoundMentions {
  mentions: MentionFound[];
  related: MentionFound[];
  claims: Record<string, ClaimForCard>;
}

/** Messages content scripts send to the background. */
export interface ContentToBackground {
  /** The content script has started on a page. */
  contentScriptStarted: { request: { url: string }; reply: StoreSummary };
  /** Finds the mentions of stored claims in a page's text blocks (matching runs in the
   * background, where one index serves every tab). */
  findMentions: { request: { blocks: string[]; pageDate: number | null; sensitivity?: number; opening?: string[] }; reply: FoundMentions };
  /** What the page's mentions now come to (for the toolbar badge). */
  mentionsShown: { request: PageVerdicts; reply: { shown: true } };
  /** Changes the reader's hidden matches and reports (`lib/dismissals.ts`), one tab's after another's;
   * the settings page sends it too, to take matches back. */
  changeDismissals: { request: { changes: DismissalChange[] }; reply: { kept: true } };
}

/** A mention as the popup lists it. */
export interface MentionSummary {
  /** The mention's id on the page, for `revealMention`. */
  id: number;
  /** The mention's verdict (`MentionFound.verdict`). */
  verdict: MentionVerdict;
  claimText: string;
  /** The sentence on the page. */
  text: string;
  /** A looser match, listed as possibly related: it has no mark to reveal. */
  related?: true;
  /** The page hides the marked sentence now (a slide gone by, a folded box): there is nothing to
   * go to until the page shows it again. */
  hidden?: true;
}

/** Messages the extension's own contexts (the background, the popup) send to a tab's content script. */
export interface BackgroundToContent {
  /** Moves to the next or previous mention on the page and opens its card. */
  focusMention: { request: { direction: 'next' | 'previous' }; reply: { index: number; total: number } };
  /** Lists the mentions on the page in reading order, whether Claimlight is on there, and the
   * page's host (the popup cannot read tab URLs without the tabs permission). */
  listMentions: {
    request: Record<string, never>;
    reply: {
      mentions: MentionSummary[];
      enabled: boolean;
      host: string;
      /** `staleNotice` for the page, when it is old news. */
      notice?: string;
      /** The reader hid the marks on this page. */
      marksHidden?: boolean;
      /** The page is still being read (its first scan, or one after a change): more may come. */
      scanning?: boolean;
      /** Which load of the page the mentions' ids belong to: each load counts them from 1 again. */
      page?: string;
    };
  };
  /** Hides the page's marks (and their cards) until it is reloaded, or shows them again. */
  setMarksHidden: { request: { hidden: boolean }; reply: { hidden: boolean } };
  /** Scrolls to one mention and opens its card as a dialog; not when the page is another load than
   * the one its id was listed by (`listMentions`' `page`). */
  revealMention: { request: { id: number; page?: string }; reply: { revealed: boolean } };
}

export type BackgroundCalls = UiToBackground & ContentToBackground;
export type MessageName = keyof BackgroundCalls;
export type RequestOf<N extends MessageName> = BackgroundCalls[N]['request'];
export type ReplyOf<N extends MessageName> = BackgroundCalls[N]['reply'];

const MESSAGE_PREFIX = 'claimlight:';
const empty = v.strictObject({});

/** What one `findMentions` request may carry, so one hostile page cannot stall the background for
 * every tab. A content script keeps within it (`batchBlocks`): a longer block is cut, a larger page
 * sent in several requests, and the rest of the page is still marked. */
export const FIND_LIMITS = {
  /** Characters of one block. */
  blockChars: 200_000,
  /** Blocks of one request. */
  blocks: 50_000,
  /** Characters of one request's blocks in all: matching one request holds up the background (every
   * tab, the popup, the settings page) until it is done, so a page a hostile script fills with
   * claim-like text is matched a bounded piece at a time. A 10,000-word article is about 60,000. */
  requestChars: 1_000_000,
  /** Mentions, and possibly related claims, in one reply. */
  mentions: 1_000,
  /** The page's opening sent with a part of a page (`pageOpening`): its blocks, and characters. */
  openingBlocks: 200,
  openingChars: 4_000,
} as const;

/** The first blocks of a page, up to `FIND_LIMITS.openingChars` characters in all (the last one cut):
 * the page's opening, which a part of the page scanned on its own is sent with, for the matcher to
 * read the page's subject from (`MatchOptions.opening`). */
export function pageOpening(blocks: readonly string[]): string[] {
  const opening: string[] = [];
  let room: number = FIND_LIMITS.openingChars;
  for (const block of blocks) {
    if (room <= 0 || opening.length >= FIND_LIMITS.openingBlocks) break;
    opening.push(sliceWhole(block, 0, room));
    room -= block.length;
  }
  return opening;
}

/** A content script's page text as `findMentions` requests within `FIND_LIMITS`: each block cut to
 * the character limit (its mentions keep their offsets), and the blocks grouped, in order, into
 * batches of at most `maxBlocks` blocks and about `maxChars` characters. Each batch says where its
 * first block is in the page's list. The matcher reads a page's blocks as one story (names and
 * dates carry from block to block), so batches are as large as a request may be: only a page
 * beyond the limits is split. */
export function batchBlocks(texts: readonly string[], maxBlocks: number = FIND_LIMITS.blocks, maxChars: number = FIND_LIMITS.requestChars): { first: number; blocks: string[] }[] {
  maxChars = Math.min(maxChars, FIND_LIMITS.requestChars);
  const batches: { first: number; blocks: string[] }[] = [];
  let current: { first: number; blocks: string[] } | null = null;
  let chars = 0;
  texts.forEach((text, i) => {
    // Cut at a whole character: half an emoji at the cut would be sent as a lone surrogate.
    const block = text.length > FIND_LIMITS.blockChars ? sliceWhole(text, 0, FIND_LIMITS.blockChars) : text;
    if (!current || current.blocks.length >= Math.min(maxBlocks, FIND_LIMITS.blocks) || (chars + block.length > maxChars && current.blocks.length > 0)) {
      current = { first: i, blocks: [] };
      batches.push(current);
      chars = 0;
    }
    current.blocks.push(block);
    chars += block.length;
  });
  return batches;
}

/** Each message's payload schema, checked at the background's edge before any handler runs. */
export const REQUEST_SCHEMAS: { [N in MessageName]: v.GenericSchema<unknown, RequestOf<N>> } = {
  getStoreSummary: empty,
  listPacks: empty,
  listClaims: empty,
  importPack: v.strictObject({
    text: v.string(),
    fileName: v.optional(v.pipe(v.string(), v.maxLength(500))),
  }),
  exportPack: v.strictObject({
    packId: v.pipe(v.string(), v.maxLength(200)),
    format: v.picklist(['claimlight', 'claimreview']),
  }),
  deletePack: v.strictObject({ packId: v.pipe(v.string(), v.maxLength(200)) }),
  resetStore: empty,
  listFeeds: empty,
  addFeed: v.strictObject({
    source: v.variant('kind', [
      v.strictObject({ kind: v.literal('url'), url: v.pipe(v.string(), v.maxLength(MAX_FEED_ADDRESS_CHARS), v.check((url) => /^https?:\/\//i.test(url), 'must be an http(s) URL')) }),
      v.strictObject({
        kind: v.literal('factcheck'),
        query: v.optional(v.pipe(v.string(), v.maxLength(MAX_SEARCH_CHARS))),
        publisherSite: v.optional(v.pipe(v.string(), v.maxLength(MAX_SEARCH_CHARS))),
        languageCode: v.optional(v.pipe(v.string(), v.maxLength(MAX_LANGUAGE_CODE_CHARS))),
      }),
    ]),
    intervalMinutes: v.optional(v.pipe(v.number(), v.minValue(15), v.maxValue(7 * 24 * 60))),
  }),
  refreshFeed: v.strictObject({ feedId: v.pipe(v.string(), v.maxLength(200)) }),
  setFeedPaused: v.strictObject({ feedId: v.pipe(v.string(), v.maxLength(200)), paused: v.boolean() }),
  removeFeed: v.strictObject({ feedId: v.pipe(v.string(), v.maxLength(200)) }),
  contentScriptStarted: v.strictObject({ url: v.pipe(v.string(), v.maxLength(8_192)) }),
  findMentions: v.strictObject({
    blocks: v.pipe(
      v.array(v.pipe(v.string(), v.maxLength(FIND_LIMITS.blockChars))),
      v.maxLength(FIND_LIMITS.blocks),
      v.check((blocks) => blocks.reduce((n, block) => n + block.length, 0) <= FIND_LIMITS.requestChars, `must hold at most ${FIND_LIMITS.requestChars} characters in all`),
    ),
    pageDate: v.nullable(v.number()),
    sensitivity: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
    opening: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(FIND_LIMITS.openingChars))), v.maxLength(FIND_LIMITS.openingBlocks))),
  }),
  mentionsShown: v.strictObject({
    count: v.pipe(v.number(), v.integer(), v.minValue(0)),
    problems: v.pipe(v.number(), v.integer(), v.minValue(0)),
    worst: v.nullable(v.picklist(MENTION_VERDICTS)),
  }),
  changeDismissals: v.strictObject({ changes: DismissalChangesSchema }),
};

const CONTENT_MESSAGES: ReadonlySet<MessageName> = new Set<keyof ContentToBackground>(['contentScriptStarted', 'findMentions', 'mentionsShown', 'changeDismissals']);
/** What an extension page may send too: the settings page takes hidden matches back through the
 * same queue as the tabs that hide them (a settings page in a tab has one; in an embedded panel,
 * or the popup, it has none). */
const ALSO_FROM_EXTENSION_PAGES: ReadonlySet<MessageName> = new Set<keyof ContentToBackground>(['changeDismissals']);

/** The envelope type of a background-to-content message. */
export const toContentType = (name: keyof BackgroundToContent) => MESSAGE_PREFIX + name;

/** The name of the port an extension page opens to import a file with progress reports. */
export const IMPORT_PORT = 'claimlight:import';

/** What a page sends on the import port: one file's text. */
export const ImportPortRequestSchema = v.strictObject({ text: v.string(), fileName: v.optional(v.pipe(v.string(), v.maxLength(500))) });
export type ImportPortRequest = v.InferOutput<typeof ImportPortRequestSchema>;

/** What the background sends back on the import port: progress, then one result. */
export type ImportPortEvent =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; result: Result<ImportReport, ProtocolError> };

/** The envelope on the wire. */
export interface Envelope {
  type: string;
  payload: unknown;
}

/** Sends one envelope and resolves with the receiver's reply. */
export type Send = (message: Envelope) => Promise<unknown>;

/** A typed client over any transport: `client.call('importPack', {...})` resolves with a `Result`. */
export function createClient(send: Send) {
  return {
    async call<N extends MessageName>(name: N, payload: RequestOf<N>): Promise<Result<ReplyOf<N>, ProtocolError>> {
      try {
        const reply = await send({ type: MESSAGE_PREFIX + name, payload });
        if (reply && typeof reply === 'object' && 'ok' in reply) return reply as Result<ReplyOf<N>, ProtocolError>;
        return err({ code: 'internal', message: 'Claimlight’s background did not answer. Reload the extension and try again.' });
      } catch (e) {
        return err({ code: 'internal', message: `Claimlight’s background could not be reached: ${(e as Error).message}` });
      }
    },
  };
}
export type Client = ReturnType<typeof createClient>;

/** How long a page's content script may take to start listening: it listens once it has loaded
 * its own code (`content-main.js`), a few milliseconds after it starts. */
export const CONTENT_SCRIPT_GRACE_MS = 250;

/**
 * Asks a tab's content script, and asks once more after `graceMs` when nobody answered: a page
 * still loading, or a script still loading its code, has no receiver yet. The second failure
 * is the answer.
 */
export async function askAgainOnce<T>(ask: () => Promise<T>, wait: (ms: number) => Promise<void>, graceMs = CONTENT_SCRIPT_GRACE_MS): Promise<T> {
  try {
    return await ask();
  } catch {
    await wait(graceMs);
    return ask();
  }
}

/** The background's handlers, one per message; a missing one fails to compile. */
export type Handlers = {
  [N in MessageName]: (payload: RequestOf<N>, sender: SenderInfo) => Promise<Result<ReplyOf<N>, ProtocolError>>;
};

/** What the router needs to know about a message's sender. */
export interface SenderInfo {
  /** The sender's tab, for content scripts. */
  tabId?: number;
  /** The URL of the sending document. */
  url?: string;
  /** True when the sender is one of this extension's own pages (popup, options). */
  fromExtensionPage: boolean;
  /** True when the sender is this extension (its pages or its content scripts). */
  fromThisExtension: boolean;
  /** False for a content script in a document the tab is not showing (a page being prerendered,
   * or kept in the back/forward cache); unknown where the browser does not say (Firefox). */
  documentActive?: boolean;
  /** True for a content script in a private window's tab. */
  privateTab?: boolean;
}

/**
 * Routes one incoming message to its handler after checking its name, its sender and its payload.
 * Returns `undefined` for messages that are not Claimlight's, so other listeners may answer them.
 */
export function routeMessage(
  message: unknown,
  sender: SenderInfo,
  handlers: Handlers,
): Promise<Result<unknown, ProtocolError>> | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const { type, payload } = message as Partial<Envelope>;
  if (typeof type !== 'string' || !type.startsWith(MESSAGE_PREFIX)) return undefined;
  const name = type.slice(MESSAGE_PREFIX.length);
  if (!Object.hasOwn(REQUEST_SCHEMAS, name)) {
    return Promise.resolve(err({ code: 'invalid-message', message: `Unknown message "${name.slice(0, 80)}".` }));
  }
  const messageName = name as MessageName;
  const allowed = !sender.fromThisExtension
    ? false
    : CONTENT_MESSAGES.has(messageName)
      ? sender.tabId !== undefined || (ALSO_FROM_EXTENSION_PAGES.has(messageName) && sender.fromExtensionPage)
      : sender.fromExtensionPage;
  if (!allowed) {
    return Promise.resolve(err({ code: 'forbidden-sender', message: `"${messageName}" is not accepted from this sender.` }));
  }
  const parsed = v.safeParse(REQUEST_SCHEMAS[messageName], payload ?? {});
  if (!parsed.success) {
    return Promise.resolve(err({ code: 'invalid-message', message: `"${messageName}": ${parsed.issues[0]?.message ?? 'bad payload'}` }));
  }
  const handler = handlers[messageName] as (p: unknown, s: SenderInfo) => Promise<Result<unknown, ProtocolError>>;
  return handler(parsed.output, sender).catch((e: unknown) =>
    err({ code: 'internal' as const, message: `Claimlight failed while handling "${messageName}": ${(e as Error)?.message ?? e}` }),
  );
}


/** A claim as the in-page card shows it: the stored record with the title of its pack, and the
 * language its pack is written in (a language tag), which the card and the popup declare its text
 * in, so that a screen reader reads an Arabic claim with an Arabic voice. */
export interface ClaimForCard extends Claim {
  packId: string;
  packTitle: string;
  packLanguage?: string;
}
