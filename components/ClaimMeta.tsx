/**
 * Who made a claim and when, as one line ("Dmitry Peskov · 12 Feb 2025"), as the card and the
 * popup's record both show it. Nothing when the claim names neither.
 */
import type { Claim } from '@/lib/schema';
import { formatPartialDate } from '@/lib/partial-date';

export function ClaimMeta({ claim, classPrefix }: { claim: Pick<Claim, 'claimant' | 'claimDate'>; classPrefix: string }) {
  const date = claim.claimDate ? formatPartialDate(claim.claimDate) : undefined;
  if (!claim.claimant && !date) return null;
  return (
    <p class={`${classPrefix}__meta`}>
      {/* Isolated, so that a name written right to left cannot reorder the date beside it. */}
      {claim.claimant && <bdi>{claim.claimant}</bdi>}
      {claim.claimant && date && <span aria-hidden="true"> · </span>}
      {date && <time dateTime={claim.claimDate}>{date}</time>}
    </p>
  );
}
