/**
 * One claim's full record in the popup: verdict, the claim, who made it and when, what the record
 * shows, the context with its sources, and the pack it comes from, with a way back to the results.
 * The in-page card is `ClaimCard.tsx`; this view has no "why this matched", since nothing matched.
 */
import { useEffect, useId, useRef } from 'preact/hooks';
import type { ClaimForCard } from '@/lib/protocol';
import { isHttpUrl, type Source } from '@/lib/schema';
import { formatPartialDate } from './ClaimCard';
import { VerdictBadge } from './VerdictBadge';

/** The claim to show and what "Back" does. */
export interface ClaimRecordProps {
  claim: ClaimForCard;
  /** Called by the Back button and by Escape. */
  onBack(): void;
}

function SourceItem({ source }: { source: Source }) {
  const date = source.published ? formatPartialDate(source.published) : undefined;
  const label = `${source.outlet}${date ? ` · ${date}` : ''}`;
  // Packs are checked on import; a URL that is still not http(s) is shown as text, never as a link.
  if (!isHttpUrl(source.url)) return <span class="claimlight-popup__source">{label}</span>;
  return (
    <a
      class="claimlight-popup__source"
      href={source.url}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={`${source.outlet}${date ? `, ${date}` : ''} (opens in a new tab)`}
    >
      {label}
      <span aria-hidden="true"> ↗</span>
    </a>
  );
}

/** Shows one claim's whole record, taking focus on its heading when it opens. */
export function ClaimRecord({ claim, onBack }: ClaimRecordProps) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [claim]);
  const date = claim.claimDate ? formatPartialDate(claim.claimDate) : undefined;

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    // Escape would otherwise close the whole popup; here it means "back to the results".
    event.preventDefault();
    event.stopPropagation();
    onBack();
  }

  return (
    <article class="claimlight-popup__record" aria-labelledby={`${id}-claim`} onKeyDown={onKeyDown}>
      <button type="button" class="claimlight-popup__back" onClick={onBack}>
        <span aria-hidden="true">← </span>Back to results
      </button>
      <VerdictBadge verdict={claim.verdict} label={claim.ratingLabel} />
      <h2 id={`${id}-claim`} ref={headingRef} tabIndex={-1} class="claimlight-popup__record-claim">
        {claim.text}
      </h2>
      {(claim.claimant || date) && (
        <p class="claimlight-popup__meta">
          {claim.claimant}
          {claim.claimant && date && <span aria-hidden="true"> · </span>}
          {date && <time dateTime={claim.claimDate}>{date}</time>}
        </p>
      )}
      <h3 class="claimlight-popup__section-title">What the record shows</h3>
      <p>{claim.summary}</p>
      {claim.context.length > 0 && (
        <>
          <h3 class="claimlight-popup__section-title">Context</h3>
          <ul class="claimlight-popup__context">
            {claim.context.map((item, i) => (
              <li key={i}>
                <p>{item.text}</p>
                <ul class="claimlight-popup__sources" aria-label="Sources">
                  {item.sources.map((source, j) => (
                    <li key={j}>
                      <SourceItem source={source} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="claimlight-popup__pack">
        From: <cite>{claim.packTitle}</cite>
      </p>
    </article>
  );
}
