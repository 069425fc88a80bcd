import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { cardNotice, claimWindow, eventDays, intervalOf, isEventTime, isStatement, namedDates, pageDate, parseDate, speaksFromNow, staleNotice, weekdaysAround } from '@/lib/timeline';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('namedDates', () => {
  it.each([
    ['On 19 May, they spoke again.', [{ day: 19, month: 5 }]],
    ['Talks resumed on May 19, 2025.', [{ month: 5, day: 19, year: 2025 }]],
    ['The shift began in February.', [{ month: 2 }]],
    ['It happened in mid-February and in late June.', [{ month: 2 }, { month: 6 }]],
    ['The invasion of February 2022 changed that.', [{ month: 2, year: 2022 }]],
    ['Relations have been tense since 2022.', [{ year: 2022, since: true }]],
    ['Crimea was annexed in 2014.', [{ year: 2014 }]],
    // Months in capitals, or in mixed case after a word that leads a date.
    ['The vote was held in MAY.', [{ month: 5 }]],
    ['Nothing moved until JuLy.', [{ month: 7 }]],
    ['They met on 3 Dec. and again later.', [{ day: 3, month: 12 }]],
    ['She may decide on the market in a decade.', []],
    // Names that start like a month cut short: no month.
    ['Trump spoke from Mar-a-Lago on Tuesday.', []],
    ['The letter was signed in Jan Egeland\'s office.', []],
    ['Prices fell in Mar 2025 and again in Jan.', [{ month: 3, year: 2025 }, { month: 1 }]],
    ['Prices rose from January-March 2025.', [{ month: 3, year: 2025 }, { month: 1 }]],
    // "Since" before a date that its pattern reads without it.
    ['The call was the first since Oct. 7, 2023, officials said.', [{ month: 10, day: 7, year: 2023, since: true }]],
    ['Crimea has been held since February 2014.', [{ month: 2, year: 2014, since: true }]],
    ['Prices have risen since early February.', [{ month: 2, since: true }]],
  ])('finds the dates in %j', (sentence, expected) => {
    expect(namedDates(sentence).map(({ text: _, ...date }) => date)).toEqual(expected);
  });

  it.each([
    ['a modal "may"', 'Talks may resume soon.'],
    ['a year that qualifies a noun', 'Ukraine will not regain its pre-2014 borders.'],
    ['a number that is not a year', 'About 1500 troops were moved.'],
    ['a financial year', 'In the 2024/25 financial year the deficit fell.'],
    ['a name after "by" that is a month\'s', 'The question was asked by April Ryan of TheGrio.'],
  ])('ignores %s', (_, sentence) => {
    expect(namedDates(sentence)).toEqual([]);
  });
});

describe('speaksFromNow', () => {
  it.each([
    ['No agreement has been reached on the ferry timetable.', true],
    ['The council has long insisted that the bridge stays open.', true],
    ['Residents haven’t yet seen the promised report.', true],
    ['The mayor has voted against every rise.', true],
    ['The council had agreed to close the bridge.', false],
    ['The mayor said the bridge “has been neglected for years”.', false],
    ['It would have been the first closure since 1990.', false],
    ['The port has a new harbour master.', false],
    ['The ferry has red funnels.', false],
    ['It would not have been the first closure.', false],
    ['The council might never have agreed to it.', false],
    ['No date has been set,” the mayor said.', false],
    ['“We have agreed on nothing yet, and no date has been set.', false],
    ['The harbour has been closed since May, the mayor said.', true],
    ['The mayor has to decide by Friday.', false],
    ['In March the council voted to close the bridge.', false],
  ])('%s', (sentence, now) => {
    expect(speaksFromNow(sentence)).toBe(now);
  });
});

describe('isEventTime', () => {
  const FEB_13 = day('2025-02-13');
  const date = (sentence: string) => namedDates(sentence)[0]!;
  it('reads a date still to come as a deadline or a plan, not a time of events', () => {
    expect(isEventTime(date('The alliance wants a ceasefire by April.'), FEB_13)).toBe(false);
    expect(isEventTime(date('A ceasefire by 2030 is the goal.'), FEB_13)).toBe(false);
    expect(isEventTime(date('The tariffs are paused until March 4.'), FEB_13)).toBe(false);
  });
  it('reads a date already past as a time of events, whatever word leads it', () => {
    expect(isEventTime(date('By January the town was held again.'), FEB_13)).toBe(true);
    expect(isEventTime(date('The alliance wants a ceasefire by April.'), day('2025-05-20'))).toBe(true);
    expect(isEventTime(date('In February the town was held again.'), FEB_13)).toBe(true);
  });
});

describe('intervalOf', () => {
  it('places a month with no year in the latest year not far after the reference', () => {
    expect(iso(intervalOf({ month: 2, text: '' }, day('2025-08-20')).from)).toBe('2025-02-01');
    expect(iso(intervalOf({ month: 3, text: '' }, day('2025-02-13')).from)).toBe('2025-03-01');
    expect(iso(intervalOf({ month: 12, text: '' }, day('2025-02-13')).from)).toBe('2024-12-01');
  });

  it('runs "since" up to the reference date', () => {
    const since = intervalOf({ year: 2021, since: true, text: '' }, day('2025-02-12'));
    expect([iso(since.from), iso(since.to)]).toEqual(['2021-01-01', '2025-02-12']);
  });
});

describe('claimWindow', () => {
  it('keeps a dated event current for weeks and a monthly state open-ended', () => {
    const event = claimWindow('2025-02-12', true)!;
    expect([iso(event.from), iso(event.to)]).toEqual(['2025-02-02', '2025-03-24']);
    expect(claimWindow('2025-02', true)!.to).toBe(Number.POSITIVE_INFINITY);
    expect(claimWindow(undefined, true)).toBeNull();
  });

  it('keeps a statement mentionable from ten days before the day it was made, however much later', () => {
    const statement = claimWindow('2024-01-23', false)!;
    expect(iso(statement.from)).toBe('2024-01-13');
    expect(statement.to).toBe(Number.POSITIVE_INFINITY);
    expect(iso(claimWindow('2024-01', false)!.from)).toBe('2024-01-01');
    expect(claimWindow(undefined, false)).toBeNull();
  });
});

describe('eventDays', () => {
  it('takes a dated event’s days to a week after its day, a state or a statement having none', () => {
    const days = eventDays('2025-02-12', true)!;
    expect([iso(days.from), iso(days.to)]).toEqual(['2025-02-02', '2025-02-19']);
    expect(eventDays('2025-02', true)).toBeNull();
    expect(eventDays('2025-02-12', false)).toBeNull();
    expect(eventDays(undefined, true)).toBeNull();
  });
});

describe('weekdaysAround', () => {
  // 19 March 2025 was a Wednesday.
  const written = day('2025-03-19');
  const days = (sentence: string) => weekdaysAround(sentence, { from: written, to: written }).map((d) => [iso(d.from), iso(d.to)]);
  it('reads a day of the week as the nearest one before or after the page’s date', () => {
    expect(days('Zelensky said his call with Trump on Wednesday afternoon had lasted about an hour.')).toEqual([['2025-03-19', '2025-03-19']]);
    expect(days('He will fly to Riyadh on Friday, after Monday’s talks.')).toEqual([['2025-03-14', '2025-03-21'], ['2025-03-17', '2025-03-24']]);
  });

  it('reads it around the time the story went back to, a month as any of its days', () => {
    const february = { from: day('2025-02-01'), to: day('2025-02-28') };
    expect(weekdaysAround('On Friday he met Vance.', february).map((d) => [iso(d.from), iso(d.to)])).toEqual([['2025-01-31', '2025-02-28']]);
  });

  it('reads "last" as past, as far as the week before, and "next" as to come, as far as the week after', () => {
    expect(days('They spoke last Tuesday and will meet next Tuesday.')).toEqual([['2025-03-11', '2025-03-18'], ['2025-03-25', '2025-04-01']]);
    expect(days('They spoke last Wednesday.')).toEqual([['2025-03-05', '2025-03-12']]);
  });

  it('leaves out a day of a week the page does not say, and a name that is no day', () => {
    expect(days('The call came on the Wednesday, and in Munich that Friday he met Vance.')).toEqual([]);
    expect(days('Markets are closed every Sunday; the show airs on a Monday.')).toEqual([]);
    expect(days('Follow @happysunday for more; Sundays are quiet.')).toEqual([]);
    expect(days('They met again the next Friday, and the last Monday of the month.')).toEqual([]);
  });

  it('leaves out a day’s name in the name of a paper, a show or a day of the year', () => {
    expect(days('It was reported by the Mail on Sunday and The Sunday Times, and mocked on Saturday Night Live.')).toEqual([]);
    expect(days('Shops prepared for Black Friday; churches for Good Friday; voters for Super Tuesday.')).toEqual([]);
    // A name after the day is the day's sentence's subject, not part of a title.
    expect(days('On Wednesday Trump spoke to Putin.')).toEqual([['2025-03-19', '2025-03-19']]);
  });
});

describe('pageDate', () => {
  it.each([
    ['a meta tag', '<meta property="article:published_time" content="2025-02-13T07:40:00+01:00">', '2025-02-13'],
    ['JSON-LD', '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-08-20T06:00:00-04:00"}</script>', '2025-08-20'],
    ['a time element', '<body><time datetime="2025-06-27">27 June</time></body>', '2025-06-27'],
    ['a meta name in other case', '<meta name="DC.Date" content="2024-09-14">', '2024-09-14'],
    ['the article’s JSON-LD date, not a related story’s', '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"ItemList","itemListElement":[{"@type":"ListItem","item":{"@type":"NewsArticle","datePublished":"2019-03-02"}}]},{"@type":"WebPage","datePublished":"2019-01-01","mainEntity":{"@type":["NewsArticle"],"datePublished":"2024-09-14T08:00:00Z"}}]}</script>', '2024-09-14'],
    ['JSON-LD that does not parse', '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-09-14", }</script>', '2024-09-14'],
    ['Parse.ly’s meta tag', '<meta name="parsely-pub-date" content="2024-09-14T08:00:00Z">', '2024-09-14'],
    ['microdata on a time element', '<body><time datetime="2019-03-02">a related story</time><article><time itemprop="datePublished" datetime="2024-09-14">14 Sept</time></article></body>', '2024-09-14'],
    ['microdata with content', '<body><span itemprop="datePublished" content="2024-09-14">14 Sept</span></body>', '2024-09-14'],
    // A related story's date in the header comes before the article's own in the page.
    ['the article’s own time element', '<body><header><time datetime="2019-03-02">Most read</time></header><article><p>By A. Writer</p><time datetime="2024-09-14">14 Sept</time></article></body>', '2024-09-14'],
    // Found by a review of how pages date their related stories (7 December 2026):
    ['the article’s JSON-LD date, not a related story’s microdata', '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-02-13"}</script><body><div itemscope itemtype="https://schema.org/NewsArticle"><meta itemprop="datePublished" content="2019-03-01"></div></body>', '2025-02-13'],
    ['the byline’s microdata, not a related story’s in a JSON-LD list', '<script type="application/ld+json">{"@type":"ItemList","itemListElement":[{"@type":"NewsArticle","datePublished":"2019-03-01"}]}</script><body><article><time itemprop="datePublished" datetime="2025-02-13">13 Feb</time></article></body>', '2025-02-13'],
    ['the main article’s time element, not a teaser card’s before it', '<body><header><article class="card"><time datetime="2024-11-02T09:00:00Z">2 Nov</time></article></header><main><article><time datetime="2025-02-13T09:00:00Z">13 Feb</time></article></main></body>', '2025-02-13'],
    ['the article’s microdata in the page’s head, not a related story’s in its main part', '<body itemscope><div><meta itemprop="datePublished" content="2025-02-13"></div><main><p>Text.</p><div itemscope><meta itemprop="datePublished" content="2019-03-01"></div></main></body>', '2025-02-13'],
    ['an article’s time element outside the main part, before a time in it', '<body><article><time datetime="2025-02-13">13 Feb</time><p>Text.</p></article><main><p>Related</p><time datetime="2019-03-01">1 Mar 2019</time></main></body>', '2025-02-13'],
    ['the article’s first time element that is a date, past one that is a time of day', '<body><aside><time datetime="2019-01-01">Archive</time></aside><article><time datetime="10:30">10:30</time><time datetime="2025-02-13">13 Feb</time></article></body>', '2025-02-13'],
  ])('reads %s', (_, html, expected) => {
    const { document } = parseHTML(`<!doctype html><html><head>${html}</head></html>`);
    expect(iso(pageDate(document as unknown as Document)!)).toBe(expected);
  });

  it('returns null for a page that gives no date', () => {
    const { document } = parseHTML('<!doctype html><p>Undated</p>');
    expect(pageDate(document as unknown as Document)).toBeNull();
    expect(parseDate('soon')).toBeNull();
    // A year runs on into no more digits: a compact date is read whole, a longer number is none.
    expect(iso(parseDate('20240305')!)).toBe('2024-03-05');
    expect(iso(parseDate('2024-03-05T10:00:00+0200')!)).toBe('2024-03-05');
    expect(iso(parseDate('2024')!)).toBe('2024-01-01');
    expect(parseDate('202403051200')).toBeNull();
    expect(parseDate('20241305')).toBeNull();
  });
});

describe('staleNotice', () => {
  const day = (iso: string) => parseDate(iso)!;
  // Claims that judge how a report told events, as the bundled pack's do.
  const telling = { report: { title: 'The report' } };
  const events = (...dates: (string | undefined)[]) => dates.map((claimDate) => ({ claimDate, telling }));

  it('says when a page is dated more than 30 days after the events it reports', () => {
    expect(staleNotice(day('2025-04-28'), events('2025-02-12', '2025-02-12'))).toBe('This page is dated 28 Apr 2025; the events it reports are from 12 Feb 2025.');
    expect(staleNotice(day('2025-04-28'), events('2025-02-03', '2025-02-12'))).toBe('This page is dated 28 Apr 2025; the events it reports are from 3\u2009–\u200912 Feb 2025.');
  });

  it('says nothing within 30 days, or when a recent event is among them', () => {
    expect(staleNotice(day('2025-03-14'), events('2025-02-12'))).toBeNull();
    expect(staleNotice(day('2025-02-13'), events('2025-02-12'))).toBeNull();
    expect(staleNotice(day('2025-04-28'), events('2025-02-12', '2025-04-20'))).toBeNull();
  });

  it('leaves out a stored claim dated to a day that does not exist', () => {
    // Packs stored before such dates were refused may hold one: it is no event, and no 1 January 1970.
    expect(staleNotice(day('2025-04-28'), events('2025-02-30', '2025-02-12'))).toBe('This page is dated 28 Apr 2025; the events it reports are from 12 Feb 2025.');
    expect(staleNotice(day('2025-04-28'), events('2025-04-31'))).toBeNull();
  });

  it('counts no checked statement, however old: a page that repeats one is not old news', () => {
    const statement = { claimDate: '2024-01-16', ratingLabel: 'Half True' };
    expect(staleNotice(day('2024-09-10'), [statement])).toBeNull();
    expect(staleNotice(day('2025-04-28'), [statement, ...events('2025-02-12')])).toBe('This page is dated 28 Apr 2025; the events it reports are from 12 Feb 2025.');
    // A pack's own claim with neither a rating label nor a telling is an account of events.
    expect(staleNotice(day('2024-09-10'), [{ claimDate: '2024-01-16' }])).toBe('This page is dated 10 Sept 2024; the events it reports are from 16 Jan 2024.');
  });

  it('counts only claims dated to the day, and needs the page’s date', () => {
    expect(staleNotice(day('2025-04-28'), events('2014', '2022-02', undefined))).toBeNull();
    expect(staleNotice(null, events('2025-02-12'))).toBeNull();
  });
});

describe('isStatement', () => {
  it('reads a claim a review rated in its own words, judging no telling, as a statement', () => {
    expect(isStatement({ ratingLabel: 'Pants on Fire' })).toBe(true);
    expect(isStatement({ ratingLabel: 'False', telling: { report: { title: 'The report' } } })).toBe(false);
    expect(isStatement({})).toBe(false);
  });

  it('keeps the page’s old-news notice off a statement’s card', () => {
    const notice = 'This page is dated 28 Apr 2025; the events it reports are from 12 Feb 2025.';
    expect(cardNotice({ telling: { report: { title: 'The report' } } }, notice)).toBe(notice);
    expect(cardNotice({}, notice)).toBe(notice);
    expect(cardNotice({ ratingLabel: 'Half True' }, notice)).toBeUndefined();
    expect(cardNotice({}, null)).toBeUndefined();
  });
});

