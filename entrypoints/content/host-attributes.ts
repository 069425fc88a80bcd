/**
 * The attributes a page can set on Claimlight's host elements to take them from the reader without
 * touching their look: `inert` makes the card's buttons let clicks through to the page ("Not this
 * claim" closed the card and hid nothing), and `aria-hidden` takes the card and the live region out
 * of what a screen reader reads. (`hidden` is beaten by the hosts' `all: initial !important`, but a
 * host is no place for it either.) Taken off again by the guards each second: not at once, by an
 * observer, which a page observing them too could hold in an endless exchange.
 */
const TAKEN_BY_THE_PAGE = ['inert', 'aria-hidden', 'hidden'] as const;

/** Removes what the page put on a host to hide it or make it inert; whether there was anything. */
export function clearHostAttributes(host: Element): boolean {
  let cleared = false;
  for (const name of TAKEN_BY_THE_PAGE) {
    if (!host.hasAttribute(name)) continue;
    host.removeAttribute(name);
    cleared = true;
  }
  return cleared;
}
