// @vitest-environment happy-dom
// The Tab order of a card the pointer opened, with the browser's own Tab stood in for: what is
// prevented and where focus is put. That the browser then goes on from there is for
// tests/e2e/pointer-and-keys.test.ts, in Chromium.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CardTabOrder } from '@/entrypoints/content/card-tab-order';

const trusted = <E extends Event>(e: E): E => {
  Object.defineProperty(e, 'isTrusted', { value: true });
  return e;
};
/** Presses Tab on `target`, as the reader would; whether its default was prevented. */
const tab = (target: Element, init: KeyboardEventInit = {}) => {
  const event = trusted(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true, ...init }));
  target.dispatchEvent(event);
  return event.defaultPrevented;
};

let order: CardTabOrder;
let mention: Range;
const $ = (selector: string) => document.querySelector<HTMLElement>(selector)!;

beforeEach(() => {
  document.body.innerHTML = `
    <p id="claim">Ferry fares doubled.</p><a id="after" href="#a">After</a>
    <claimlight-layer><div id="card"><h2 tabindex="-1">Claim</h2><button id="close">Close</button><button id="last">Not this claim</button></div></claimlight-layer>`;
  // As WXT's isolateEvents does: the card's keys stop at its container.
  $('#card').addEventListener('keydown', (event) => event.stopPropagation());
  mention = document.createRange();
  mention.selectNodeContents($('#claim').firstChild!);
  order = new CardTabOrder($('claimlight-layer'), $('#card'));
});

afterEach(() => order.release());

describe('CardTabOrder', () => {
  describe('when a card the pointer opened is followed', () => {
    beforeEach(() => order.follow(mention));

    it('takes the next Tab into the card\'s first control', () => {
      expect(tab(document.body)).toBe(true);
      expect(document.activeElement?.id).toBe('close');
    });

    it.each([
      ['Shift+Tab', { shiftKey: true }],
      ['Ctrl+Tab', { ctrlKey: true }],
      ['Alt+Tab', { altKey: true }],
    ])('leaves %s to the page', (_, init) => {
      expect(tab(document.body, init)).toBe(false);
      expect(document.activeElement).toBe(document.body);
    });

    it('leaves a Tab the page prevented for a widget of its own to the page', () => {
      document.addEventListener('keydown', (event) => event.preventDefault(), { once: true });
      tab(document.body);
      expect(document.activeElement).toBe(document.body);
    });

    it('leaves Tab to the page once focus has gone elsewhere', () => {
      $('#after').focus();
      expect(tab($('#after'))).toBe(false);
      expect(document.activeElement?.id).toBe('after');
    });

    it('takes only one Tab into the card', () => {
      tab(document.body);
      $('#after').focus();
      expect(tab($('#after'))).toBe(false);
    });

    it('lets Tab past the last control go on from the mention, the browser\'s Tab not prevented', () => {
      $('#last').focus();
      expect(tab($('#last'))).toBe(false);
      expect(document.activeElement?.id).toBe('claim');
    });

    it('keeps Tab between the card\'s own controls', () => {
      $('#close').focus();
      expect(tab($('#close'))).toBe(false);
      expect(document.activeElement?.id).toBe('close');
    });

    it('gives Shift+Tab from the first control back to the mention, from where Tab enters the card again', () => {
      tab(document.body);
      expect(tab($('#close'), { shiftKey: true })).toBe(true);
      expect(document.activeElement?.id).toBe('claim');
      expect(tab($('#claim'))).toBe(true);
      expect(document.activeElement?.id).toBe('close');
    });
  });

  describe('when the card has closed', () => {
    it('leaves every Tab to the page', () => {
      order.follow(mention);
      order.release();
      expect(tab(document.body)).toBe(false);
      $('#last').focus();
      expect(tab($('#last'))).toBe(false);
      expect(document.activeElement?.id).toBe('last');
    });
  });

  it('gives Shift+Tab from the first control to the mention where the element focus was on no longer takes focus', () => {
    // As a browser does: a paragraph takes focus only while it has a tabindex (which `focusAt` gives
    // it, and takes back when it loses focus).
    const paragraph = $('#claim');
    const focus = paragraph.focus.bind(paragraph);
    paragraph.focus = (options?: FocusOptions) => {
      if (paragraph.hasAttribute('tabindex')) focus(options);
    };
    paragraph.setAttribute('tabindex', '-1');
    paragraph.focus();
    order.follow(mention);
    // Into the card: the paragraph, blurred, loses its tabindex.
    tab(paragraph);
    paragraph.removeAttribute('tabindex');
    expect(document.activeElement).toBe($('#close'));
    tab($('#close'), { shiftKey: true });
    expect(document.activeElement).toBe(paragraph);
  });
});
