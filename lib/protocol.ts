/**
 * The one message protocol between Claimlight's contexts, one map per direction. Commands are
 * imperative (`importPack`), events past tense (`contentScriptStarted`). Every reply is a
 * `Result`, never a thrown `Error`, because errors do not survive being cloned between contexts.
 * The transport is passed in: entrypoints hand over `browser.runtime.sendMessage`, tests a fake.
 */
import * as v from 'valibot';
import { err, type Result } from './result';
import type { Claim } from './schema';
import type { ImportReport, StoreSummary, StoredPack } from './store';

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
  listPacks: { request: Record<string, never>; reply: StoredPack[] };
  /** Parses a file's text and stores it as a pack, all or nothing. */
  importPack: { request: { text: string; fileName?: string }; reply: ImportReport };
  /** Writes one pack as a file's text. */
  exportPack: { request: { packId: string; format: ExportFormat }; reply: { fileName: string; text: string } };
  /** Deletes one pack and its claims. */
  deletePack: { request: { packId: string }; reply: { deleted: true } };
  /** Deletes every pack and installs the bundled one again. */
  resetStore: { request: Record<string, never>; reply: StoreSummary };
}

/** Messages content scripts send to the background. */
export interface ContentToBackground {
  /** The content script has started on a page. */
  contentScriptStarted: { request: { url: string }; reply: StoreSummary };
}

export type BackgroundCalls = UiToBackground & ContentToBackground;
export type MessageName = keyof BackgroundCalls;
export type RequestOf<N extends MessageName> = BackgroundCalls[N]['request'];
export type ReplyOf<N extends MessageName> = BackgroundCalls[N]['reply'];

const MESSAGE_PREFIX = 'claimlight:';
const empty = v.strictObject({});

/** Each message's payload schema, checked at the background's edge before any handler runs. */
export const REQUEST_SCHEMAS: { [N in MessageName]: v.GenericSchema<unknown, RequestOf<N>> } = {
  getStoreSummary: empty,
  listPacks: empty,
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
  contentScriptStarted: v.strictObject({ url: v.pipe(v.string(), v.maxLength(8_192)) }),
};

const CONTENT_MESSAGES: ReadonlySet<MessageName> = new Set<keyof ContentToBackground>(['contentScriptStarted']);

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
      ? sender.tabId !== undefined
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


/** A claim as the in-page card shows it: the stored record with the title of its pack. */
export interface ClaimForCard extends Claim {
  packId: string;
  packTitle: string;
}
