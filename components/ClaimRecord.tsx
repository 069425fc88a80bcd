/**
 * One claim's full record in the popup: verdict, the claim, who made it and when, what the record
 * shows, the context with its sources, and the pack it comes from, with a way back to the results.
 * The in-page card is `ClaimCard.tsx`; this view has no "why this matched", since nothing matched.
 */
import { useEffect, useId, useRef } from 'preact/hooks';
import type { ClaimForCard } from '@/lib/protocol';
import { ClaimMeta } from './ClaimMeta';
import { ContextList, ReportCited } from './ContextList';
import { VerdictBadge } from './VerdictBadge';

/** The claim to show and what "Back" does. */
export interface ClaimRecordProps {
  claim: ClaimForCard;
  /** Called by the Back button and by Escape. */
  onBack(): void;
}

/** Shows one claim's whole record, taking focus on its heading when it opens. */
export function ClaimRecord({ claim, onBack }: ClaimRecordProps) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [claim]);

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
      {/* dir="auto" on the pack's text: a claim in Arabic or Hebrew is laid out right to left. */}
      <h2 id={`${id}-claim`} ref={headingRef} tabIndex={-1} class="claimlight-popup__record-claim" dir="auto" lang={claim.packLanguage}>
        {claim.text}
      </h2>
      <ClaimMeta claim={claim} classPrefix="claimlight-popup" />
      {/* A verdict on how one report told the story ("The report calls the Munich gathering a
          defense summit"): which report, as the card says it. */}
      {claim.telling && (
        <p class="claimlight-popup__telling">
          As reported in <ReportCited report={claim.telling.report} classPrefix="claimlight-popup" />.
        </p>
      )}
      <h3 class="claimlight-popup__section-title">What the record shows</h3>
      <p dir="auto" lang={claim.packLanguage}>
        {claim.summary}
      </p>
      {claim.context.length > 0 && (
        <>
          <h3 class="claimlight-popup__section-title">Context</h3>
          <ContextList context={claim.context} classPrefix="claimlight-popup" />
        </>
      )}
      <p class="claimlight-popup__pack">
        From: <cite>{claim.packTitle}</cite>
      </p>
    </article>
  );
}
