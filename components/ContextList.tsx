/**
 * The context items of a claim with their sources, as the card and the popup's record both show
 * them. Sources open in a new tab without access to the opener, and only http(s) URLs become links.
 */
import type { ContextItem } from '@/lib/schema';
import { LOOKALIKE_WORDS, readLink, type Lookalike } from '@/lib/links';
import type { Source, Telling } from '@/lib/schema';
import { formatPartialDate } from '@/lib/partial-date';

/** Where a link goes, as a screen reader says it: "at reuters.com", and what makes the host a
 * look-alike where it is one. */
export function spokenHost(link: { host: string; lookalike: Lookalike | null }): string {
  return `at ${link.host}${link.lookalike ? `, ${LOOKALIKE_WORDS[link.lookalike].spoken}` : ''}`;
}

/**
 * A source link's accessible name: the words it shows first, in their order (its outlet or label,
 * the host, a look-alike warning), as WCAG's "label in name" asks, so that a reader who says what
 * they see ("click Main source voa.com") reaches it; then what it does not show inside the link
 * (`after`: its outlet and date), and that it opens a new tab.
 */
export function sourceLinkName(shown: string, link: { host: string; lookalike: Lookalike | null }, after?: string): string {
  return `${shown} ${link.host}${link.lookalike ? ` ${LOOKALIKE_WORDS[link.lookalike].short}` : ''}${after ? `, ${after}` : ''} (opens in a new tab)`;
}

/** Beside a look-alike host, what makes it one ("mixes alphabets"), with a tooltip that says more. */
export function HostWarning({ link, classPrefix }: { link: { lookalike: Lookalike | null }; classPrefix: string }) {
  if (!link.lookalike) return null;
  const words = LOOKALIKE_WORDS[link.lookalike];
  return (
    <span class={`${classPrefix}__host-warning`} title={words.title}>
      {' '}
      {words.short}
    </span>
  );
}

/**
 * The report whose telling a verdict judges (`Telling`), as a citation: its title, a link where the
 * pack gives one (checked as every link is, with where it goes: a pack's title for the report could
 * name another site than its link's), and its date.
 */
export function ReportCited({ report, classPrefix }: { report: Telling['report']; classPrefix: string }) {
  const { title, url, published } = report;
  const link = url ? readLink(url) : null;
  return (
    <>
      {link?.ok ? (
        <>
          <a href={link.url} target="_blank" rel="noopener noreferrer" aria-label={`${title}, ${spokenHost(link)} (opens in a new tab)`}>
            <bdi>{title}</bdi>
          </a>
          <span class={`${classPrefix}__host`}> {link.host}</span>
          <HostWarning link={link} classPrefix={classPrefix} />
        </>
      ) : (
        <cite>
          <bdi>{title}</bdi>
        </cite>
      )}
      {published && (
        <>
          {', '}
          <time dateTime={published}>{formatPartialDate(published)}</time>
        </>
      )}
    </>
  );
}

function SourceLink({ source, classPrefix }: { source: Source; classPrefix: string }) {
  const date = source.published ? formatPartialDate(source.published) : undefined;
  // Isolated, so that an outlet written right to left cannot reorder the host and date after it.
  const outlet = (
    <bdi class={`${classPrefix}__outlet`}>{source.outlet}</bdi>
  );
  const dated = date && <span class={`${classPrefix}__source-date`}> · {date}</span>;
  // Packs are validated on import, but the card is the last stop before the page, so a URL that is
  // not http(s) (javascript:, data:) or hides where it goes is shown as plain text rather than trusted.
  const link = readLink(source.url);
  if (!link.ok) {
    return (
      <span class={`${classPrefix}__source ${classPrefix}__source--plain`}>
        {outlet}
        {dated}
      </span>
    );
  }
  return (
    <a
      class={`${classPrefix}__source`}
      href={link.url}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={sourceLinkName(source.outlet, link, date)}
    >
      {outlet}
      {/* The pack names the outlet; the host is where the link really goes. */}
      <span class={`${classPrefix}__host`}> {link.host}</span>
      <HostWarning link={link} classPrefix={classPrefix} />
      {/* One unbreakable tail, so "12 Feb 2025 ↗" never splits across lines. */}
      <span class={`${classPrefix}__source-tail`}>
        {dated}
        <span class={`${classPrefix}__external`} aria-hidden="true">
          ↗
        </span>
      </span>
    </a>
  );
}

/** The context items and their sources; nothing at all for a claim with no context. */
export function ContextList({ context, classPrefix }: { context: readonly ContextItem[]; classPrefix: 'claimlight-card' | 'claimlight-popup' }) {
  if (!context.length) return null;
  return (
    <ul class={`${classPrefix}__context`}>
      {context.map((item, i) => (
        <li key={i}>
          <p dir="auto">{item.text}</p>
          <ul class={`${classPrefix}__sources`} aria-label="Sources">
            {item.sources.map((source, j) => (
              <li key={j}>
                <SourceLink source={source} classPrefix={classPrefix} />
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
