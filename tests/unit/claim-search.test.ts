import { describe, expect, it, vi } from 'vitest';
import { expectBundledPack } from '@/lib/bundled-pack';
import { RELEVANCE_FLOOR, buildClaimSearch, createClaimSearch, highlightRuns, type SearchableClaim } from '@/lib/claim-search';
import { claimKey } from '@/lib/protocol';

const bundled = expectBundledPack();
const bundledClaims = bundled.claims.map((claim) => ({ ...claim, packId: bundled.id, packTitle: bundled.title }));
const bundledSearch = createClaimSearch(bundledClaims);
const firstId = (query: string) => bundledSearch.search(query)[0]?.claim.id;

function claim(id: string, fields: Partial<SearchableClaim> = {}): SearchableClaim {
  return { packId: 'p', packTitle: 'Pack P', id, text: `Claim ${id}`, summary: 'Nothing to add.', verdict: 'false', context: [], ...fields };
}

describe('createClaimSearch', () => {
  describe('on the bundled pack', () => {
    it('ranks the 90-minute call first for a misspelled "ninty minute call"', () => {
      expect(firstId('ninty minute call')).toBe('call-duration-90-minutes');
    });

    it.each([
      ['ninety minute call', 'call-duration-90-minutes'],
      ['90 minutes', 'call-duration-90-minutes'],
      ['hour and a half', 'call-duration-90-minutes'],
      ['kursk swap', 'kursk-territory-swap'],
      ['saudi', 'saudi-arabia-meeting'],
      ['bessent', 'bessent-kyiv-meeting'],
      ['pre-2014 borders', 'pre-2014-borders-during-call'],
      ['Zelenksy Vance', 'zelensky-munich-vance-rubio'],
    ])('ranks the expected claim first for "%s"', (query, id) => {
      expect(firstId(query)).toBe(id);
    });

    it('finds claims while the last word is still being typed', () => {
      expect(bundledSearch.search('kur').map((hit) => hit.claim.id)).toContain('kursk-territory-swap');
    });

    it('keys each result as packId/id', () => {
      const [hit] = bundledSearch.search('saudi');
      expect(hit?.key).toBe(`${bundled.id}/saudi-arabia-meeting`);
      expect(bundledSearch.get(hit!.key)?.id).toBe('saudi-arabia-meeting');
    });
  });

  describe('when a claim writes a number as digits or as a word', () => {
    const search = createClaimSearch([
      claim('digits', { text: 'The meeting lasted 40 minutes.' }),
      claim('word', { text: 'Seventy people were arrested.' }),
      claim('other', { text: 'The minister resigned.' }),
    ]);

    it.each([
      ['forty', 'digits'],
      ['fourty', 'digits'],
      ['40', 'digits'],
      ['70', 'word'],
      ['seventy', 'word'],
    ])('finds "%s" in the claim %s', (query, id) => {
      expect(search.search(query).map((hit) => hit.claim.id)).toEqual([id]);
    });
  });

  describe('when a function word is written in capitals', () => {
    const search = createClaimSearch([
      claim('who', { text: 'WHO declared that face masks do not work' }),
      claim('asks', { text: 'Who said that masks work? Nobody.' }),
      claim('it', { text: 'The IT department was hacked' }),
      claim('items', { text: 'Items were stolen from the office' }),
    ]);
    const ids = (query: string) => search.search(query).map((hit) => hit.claim.id);

    it('finds it as a name', () => {
      expect(ids('WHO')).toEqual(['who']);
      expect(ids('WHO masks')[0]).toBe('who');
    });

    it('matches the name whole, not as the start of a longer word', () => {
      expect(ids('IT')).toEqual(['it']);
    });

    it('still drops the word written in small letters', () => {
      expect(ids('who')).toEqual([]);
      expect(ids('it')).toEqual([]);
    });
  });

  it('finds "ß" written as "ss", and "ss" written as "ß"', () => {
    const search = createClaimSearch([
      claim('strasse', { text: 'Die Straße nach Berlin wird gesperrt' }),
      claim('gross', { text: 'Der Schaden ist groß' }),
      claim('spelled-out', { text: 'Die Hauptstrasse bleibt offen' }),
    ]);
    expect(search.search('Strasse').map((hit) => hit.claim.id)).toEqual(['strasse']);
    expect(search.search('gross').map((hit) => hit.claim.id)).toEqual(['gross']);
    expect(search.search('Hauptstraße').map((hit) => hit.claim.id)).toEqual(['spelled-out']);
  });

  describe('when a claim gives a percentage', () => {
    const search = createClaimSearch([
      claim('sign', { text: 'The CDC said 40% of children were infected' }),
      claim('forty', { text: 'Forty children died in the flood' }),
      claim('spaced', { text: 'Unemployment rose to 7 per cent' }),
    ]);
    const ids = (query: string) => search.search(query).map((hit) => hit.claim.id);

    it.each(['40 percent', 'forty percent', '40%', '40 per cent'])('ranks the claim with the percent sign first for "%s"', (query) => {
      expect(ids(query)[0]).toBe('sign');
    });

    it('reads a percent sign after a number and "per cent" as the word "percent"', () => {
      expect(ids('percent').sort()).toEqual(['sign', 'spaced']);
      expect(ids('per cent').sort()).toEqual(['sign', 'spaced']);
    });
  });

  describe('when a claim is written without spaces between words', () => {
    const search = createClaimSearch([
      claim('vaccine', { text: '新冠疫苗会导致女性不孕', summary: 'Rated 错误 by 核查中心.' }),
      claim('economy', { text: '中国经济去年增长了百分之五', summary: 'Rated 错误 by 核查中心.' }),
      claim('japanese', { text: 'ワクチンは不妊の原因になる' }),
    ]);
    const ids = (query: string) => search.search(query).map((hit) => hit.claim.id);

    it.each([
      ['疫苗', 'vaccine'],
      ['不孕', 'vaccine'],
      ['经济', 'economy'],
      ['经济增长', 'economy'],
      ['不妊', 'japanese'],
      ['原因', 'japanese'],
    ])('finds the claim by a word inside it: "%s"', (query, id) => {
      expect(ids(query)).toEqual([id]);
    });

    it('finds it by a word written in the middle of a query in another script', () => {
      expect(ids('COVID疫苗')).toEqual(['vaccine']);
    });
  });

  describe('when the browser has no word segmenter', () => {
    it('finds a claim written without spaces by the pairs of characters of a word inside it', async () => {
      vi.stubGlobal('Intl', Object.assign(Object.create(Intl) as typeof Intl, { Segmenter: undefined }));
      vi.resetModules();
      try {
        const withoutSegmenter = await import('@/lib/claim-search');
        const search = withoutSegmenter.createClaimSearch([
          claim('vaccine', { text: '新冠疫苗会导致女性不孕' }),
          claim('economy', { text: '中国经济去年增长了百分之五' }),
          claim('japanese', { text: 'ワクチンは不妊の原因になる' }),
        ]);
        const ids = (query: string) => search.search(query).map((hit) => hit.claim.id);
        expect(ids('疫苗')).toEqual(['vaccine']);
        expect(ids('经济增长')).toEqual(['economy']);
        expect(ids('不妊')).toEqual(['japanese']);
        const [hit] = search.search('女性不孕');
        expect(withoutSegmenter.highlightRuns(hit!.claim.text, hit!.terms)).toEqual([
          { text: '新冠疫苗会导致', hit: false },
          { text: '女性不孕', hit: true },
        ]);
      } finally {
        vi.unstubAllGlobals();
        vi.resetModules();
      }
    });
  });

  describe('ranking', () => {
    it('ranks a word in the claim text above the same word in the summary or context', () => {
      const search = createClaimSearch([
        claim('in-context', { context: [{ text: 'The harbour closed.' }] }),
        claim('in-summary', { summary: 'The harbour closed.' }),
        claim('in-text', { text: 'The harbour closed.' }),
      ]);
      // A word only in the context scores under a fifth of the claim text's, and is cut.
      expect(search.search('harbour').map((hit) => hit.claim.id)).toEqual(['in-text', 'in-summary']);
      expect(search.search('harbour', { packId: 'p' }).map((hit) => hit.claim.id)).toEqual(['in-text', 'in-summary']);
    });

    it('cuts results far below the best: "ninety minute call" gives the call\'s length, not every claim with a call in it', () => {
      const hits = bundledSearch.search('ninety minute call');
      expect(hits[0]!.claim.id).toBe('call-duration-90-minutes');
      expect(hits.length).toBeLessThanOrEqual(3);
      expect(hits.every((hit) => hit.score >= hits[0]!.score * RELEVANCE_FLOOR)).toBe(true);
    });

    it('searches the claimant and the cue phrases', () => {
      const search = createClaimSearch([claim('a', { claimant: 'Dmitry Peskov' }), claim('b', { cues: { phrases: ['land swap'] } })]);
      expect(search.search('peskov').map((hit) => hit.claim.id)).toEqual(['a']);
      expect(search.search('swap').map((hit) => hit.claim.id)).toEqual(['b']);
    });

    it('ignores case and accents', () => {
      const search = createClaimSearch([claim('a', { text: 'Le café de Zürich a fermé.' })]);
      expect(search.search('ZURICH CAFE')).toHaveLength(1);
    });

    it('returns at most the limit', () => {
      const search = createClaimSearch(Array.from({ length: 80 }, (_, i) => claim(`c${i}`, { text: 'Bridge closed' })));
      expect(search.search('bridge')).toHaveLength(50);
      expect(search.search('bridge', {}, 5)).toHaveLength(5);
    });
  });

  describe('filters', () => {
    const search = createClaimSearch([
      claim('a', { text: 'Bridge closed', verdict: 'false' }),
      claim('b', { text: 'Bridge reopened', verdict: 'accurate' }),
      claim('c', { text: 'Bridge painted', verdict: 'false', packId: 'q', packTitle: 'Pack Q' }),
    ]);
    const ids = (query: string, filters = {}) => search.search(query, filters).map((hit) => hit.claim.id).sort();

    it('keeps only claims of the chosen verdict', () => {
      expect(ids('bridge', { verdict: 'false' })).toEqual(['a', 'c']);
    });

    it('keeps only claims of the chosen pack', () => {
      expect(ids('bridge', { packId: 'q' })).toEqual(['c']);
    });

    it('combines both filters', () => {
      expect(ids('bridge', { verdict: 'false', packId: 'p' })).toEqual(['a']);
    });

    it('lists the filtered claims in their given order for a blank query', () => {
      expect(search.search('  ', { verdict: 'false' }).map((hit) => hit.claim.id)).toEqual(['a', 'c']);
    });

    it('gives nothing for a blank query without filters', () => {
      expect(search.search('')).toEqual([]);
    });
  });

  it('finds a claim by another form of its words, below one that writes the word as typed', () => {
    const search = createClaimSearch([
      claim('tax', { text: 'The council will raise the tax on second homes.' }),
      claim('vaccines', { text: 'The vaccines were given to 40,000 children.' }),
      claim('policies', { text: 'Both policies were dropped in June.' }),
      claim('taxes', { text: 'Ferry taxes doubled this year.' }),
    ]);
    const ids = (query: string) => search.search(query).map((hit) => hit.claim.id);
    // One edit in five letters reached none of these.
    expect(ids('vaccinated')).toEqual(['vaccines']);
    expect(ids('policy')).toEqual(['policies']);
    // The claim that writes "taxes" first, the one that writes "tax" after it.
    expect(ids('taxes')).toEqual(['taxes', 'tax']);
  });

  it('keeps the first of two claims with the same key', () => {
    const search = createClaimSearch([claim('a', { text: 'First' }), claim('a', { text: 'Second' })]);
    expect(search.size).toBe(1);
    expect(search.get(claimKey({ packId: 'p', id: 'a' }))?.text).toBe('First');
  });

  it('indexes and finds a claim that writes the name of an object\'s own method', () => {
    // "constructor" used to reach the number-word table's method and stop the whole index.
    const search = createClaimSearch([claim('a', { text: 'A Formula One constructor broke the rules' }), claim('b', { text: 'Nothing valueOf here' })]);
    expect(search.search('constructor').map((hit) => hit.claim.id)).toEqual(['a']);
    expect(search.search('valueOf').map((hit) => hit.claim.id)).toEqual(['b']);
  });

  it('reads "US", "USA" and "U.S." as one word, as the matcher does, and "U.K." as the UK, not as a "U" that the U.S. also has', () => {
    const search = createClaimSearch([
      claim('dotted', { text: 'U.S. troops left the base.' }),
      claim('plain', { text: 'The US sent aid.' }),
      claim('kingdom', { text: 'The U.K. left the union.' }),
      claim('pronoun', { text: 'They told us nothing.' }),
    ]);
    const ids = (query: string) => search.search(query).map((hit) => hit.claim.id).sort();
    for (const query of ['US', 'USA', 'U.S.', 'U.S', 'u.s.']) expect(ids(query)).toEqual(['dotted', 'plain']);
    for (const query of ['UK', 'U.K.', 'u.k.']) expect(ids(query)).toEqual(['kingdom']);
  });

  it('gives nothing for a query of function words only', () => {
    expect(bundledSearch.search('the of and')).toEqual([]);
  });
});

describe('buildClaimSearch', () => {
  it('answers as createClaimSearch does, the claims indexed in turns that give the page its thread between them', async () => {
    const bundled = expectBundledPack();
    const many = Array.from({ length: 1_200 }, (_, i) => ({ ...bundled.claims[i % bundled.claims.length]!, id: `c${i}`, packId: 'p', packTitle: 'P' }));
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    const built = await buildClaimSearch(many);
    clearInterval(timer);
    const made = createClaimSearch(many);
    expect(turns).toBeGreaterThan(0);
    expect(built.size).toBe(made.size);
    for (const query of ['ninety minute call', 'Peskov', 'negotiations immediately', 'zzqx']) expect(built.search(query, {}, 50)).toEqual(made.search(query, {}, 50));
    expect(built.search('', { verdict: 'false' }, 20)).toEqual(made.search('', { verdict: 'false' }, 20));
  });
});

describe('buildClaimSearch, as it goes', () => {
  it('reports a search over the claims indexed so far, after the first turn, and answers from all of them at the end', async () => {
    const many = Array.from({ length: 1_600 }, (_, i) => claim(`c${i}`, { text: i === 0 ? 'The lighthouse keeper arrived.' : i === 1_599 ? 'The lighthouse keeper retired.' : `Harbour claim ${i} about the ferry.` }));
    const reports: { indexed: number; found: string[] }[] = [];
    const built = await buildClaimSearch(many, ({ search, indexed }) => reports.push({ indexed, found: search.search('lighthouse').map((hit) => hit.claim.id) }));
    expect(reports[0]).toEqual({ indexed: 500, found: ['c0'] });
    expect(reports.every((report) => report.indexed < 1_600)).toBe(true);
    expect(built.search('lighthouse').map((hit) => hit.claim.id).sort()).toEqual(['c0', 'c1599']);
    // Browsing reads every claim whatever has been indexed.
    expect(built.size).toBe(1_600);
  });

  it('reports nothing for a store indexed in one turn', async () => {
    const onProgress = vi.fn();
    await buildClaimSearch([claim('a'), claim('b')], onProgress);
    expect(onProgress).not.toHaveBeenCalled();
  });
});

describe('highlightRuns', () => {
  it('marks the words the search matched, in the forms they are indexed by', () => {
    const [hit] = bundledSearch.search('ninety minute call');
    expect(highlightRuns('According to Peskov, the phone call went on for close to 90 minutes.', hit!.terms).filter((run) => run.hit).map((run) => run.text)).toEqual(
      expect.arrayContaining(['call']),
    );
    expect(highlightRuns('A 90-minute call.', ['90', 'minute', 'call'])).toEqual([
      { text: 'A ', hit: false },
      { text: '90', hit: true },
      { text: '-', hit: false },
      { text: 'minute', hit: true },
      { text: ' ', hit: false },
      { text: 'call', hit: true },
      { text: '.', hit: false },
    ]);
    expect(highlightRuns('Nothing here.', [])).toEqual([{ text: 'Nothing here.', hit: false }]);
  });

  it('marks a name written in capitals, not the function word written in small letters', () => {
    const [hit] = createClaimSearch([claim('who', { text: 'WHO asks who pays' })]).search('WHO');
    expect(highlightRuns(hit!.claim.text, hit!.terms).filter((run) => run.hit).map((run) => run.text)).toEqual(['WHO']);
  });

  it('marks an initialism written with full stops whole, when the search matched it', () => {
    const [hit] = createClaimSearch([claim('dotted', { text: 'U.S. troops left.' })]).search('US');
    expect(highlightRuns('U.S. troops left.', hit!.terms)).toEqual([
      { text: 'U.S.', hit: true },
      { text: ' troops left.', hit: false },
    ]);
  });

  it('marks a word with "ß" that the query wrote with "ss"', () => {
    const [hit] = createClaimSearch([claim('gross', { text: 'Der Schaden ist groß' })]).search('gross');
    expect(highlightRuns(hit!.claim.text, hit!.terms).filter((run) => run.hit).map((run) => run.text)).toEqual(['groß']);
  });

  it('marks a percent sign after a number, and "per cent", when "percent" matched', () => {
    expect(highlightRuns('Up 40% or 7 per cent, not 5 %.', ['percent'])).toEqual([
      { text: 'Up 40', hit: false },
      { text: '%', hit: true },
      { text: ' or 7 ', hit: false },
      { text: 'per cent', hit: true },
      { text: ', not 5 ', hit: false },
      { text: '%', hit: true },
      { text: '.', hit: false },
    ]);
  });

  it('marks a word that the segmenter\'s pieces of a long run would cut', () => {
    // The run is read 500 characters at a time; the 46th "疫苗" starts at the 500th character.
    const text = `中国${'新冠疫苗会导致女性不孕'.repeat(60)}`;
    expect(highlightRuns(text, ['疫苗']).filter((run) => run.hit && run.text === '疫苗')).toHaveLength(60);
  });

  it('marks every word of a run of 88,000 characters without spaces', () => {
    // Read whole, the run took the segmenter ten seconds.
    const text = '新冠疫苗会导致女性不孕'.repeat(8000);
    const [hit] = createClaimSearch([claim('long', { text })]).search('不孕');
    expect(highlightRuns(text, hit!.terms).filter((run) => run.hit)).toHaveLength(8000);
  });

  it('marks the words inside a text written without spaces', () => {
    const [hit] = createClaimSearch([claim('vaccine', { text: '新冠疫苗会导致女性不孕' })]).search('疫苗 不孕');
    expect(highlightRuns(hit!.claim.text, hit!.terms)).toEqual([
      { text: '新冠', hit: false },
      { text: '疫苗', hit: true },
      { text: '会导致女性', hit: false },
      { text: '不孕', hit: true },
    ]);
  });
});

describe('claim search, after a review of how readers type in other scripts and numbers', () => {
  const ids = (claims: SearchableClaim[], query: string) => createClaimSearch(claims).search(query).map((hit) => hit.claim.id);
  const hitText = (claims: SearchableClaim[], query: string) => {
    const [hit] = createClaimSearch(claims).search(query);
    return highlightRuns(hit!.claim.text, hit!.terms).filter((run) => run.hit).map((run) => run.text);
  };

  it('finds a number written with thousands commas by its digits, in English and in Chinese, and marks it whole', () => {
    expect(ids([claim('a', { text: 'Over 12,500 people died' })], '12500')).toEqual(['a']);
    expect(ids([claim('b', { text: '去年有12,500人死于疫情' })], '12500')).toEqual(['b']);
    expect(hitText([claim('a', { text: 'Over 12,500 people died' })], '12,500')).toEqual(['12,500']);
  });

  it('finds a number typed whole, not the longer numbers it is the start of', () => {
    const claims = [claim('two', { text: 'Some 2,000 troops were sent' }), claim('twenty', { text: 'About 20,000 homes were flooded' }), claim('more', { text: 'Nearly 200,000 people fled' })];
    expect(ids(claims, '2,000')).toEqual(['two']);
    expect(ids(claims, '2000 troops')).toEqual(['two']);
    expect(ids([claim('protest', { text: 'Some 300 protesters gathered' })], '30')).toEqual([]);
    // A word that starts with digits is still the start of a longer one.
    expect(ids([claim('fund', { text: 'The 1MDB fund lost billions' })], '1md')).toEqual(['fund']);
  });

  it('does not find a number by a word one letter from its name, nor a word by a digit', () => {
    expect(ids([claim('nine', { text: 'Only 9 ministers voted' })], 'line')).toEqual([]);
    expect(ids([claim('hour', { text: 'The call lasted an hour' })], '4')).toEqual([]);
    // The name, the digits and a typo of the name still find it.
    for (const query of ['nine ministers', '9 ministers', 'nien ministers']) expect(ids([claim('nine', { text: 'Only nine ministers voted' })], query)).toEqual(['nine']);
    expect(ids([claim('call', { text: 'A 90-minute call' })], 'ninty minute')).toEqual(['call']);
    expect(hitText([claim('nine', { text: 'Only nine ministers voted' })], '9')).toEqual(['nine']);
  });

  it('reads a number word typed one letter wrong as its digits, and a real word one letter from a number word as itself', () => {
    expect(ids([claim('forty', { text: 'Fares rose 40 percent' })], 'fourty')).toEqual(['forty']);
    expect(ids([claim('call', { text: 'A 90-minute call' })], 'ninty')).toEqual(['call']);
    const claims = [claim('right', { text: 'Voters have no right to a recount.' }), claim('billion', { text: 'The bridge cost a billion dollars.' }), claim('steven', { text: 'Steven said the dam would burst.' }), claim('eight', { text: 'Eight ferries were cancelled.' })];
    for (const word of ['right', 'billion', 'Steven']) expect(ids(claims, word)).toEqual([word.toLowerCase()]);
  });

  it('keeps accents written apart, vowel signs and the tatweel inside their words', () => {
    expect(ids([claim('nfd', { text: 'Le pre\u0301sident a menti' })], 'président')).toEqual(['nfd']);
    expect(ids([claim('ar', { text: 'الْمَدْرَسَةُ مُغْلَقَةٌ' })], 'المدرسة')).toEqual(['ar']);
    expect(ids([claim('he', { text: 'הַמֶּמְשָׁלָה סגרה' })], 'הממשלה')).toEqual(['he']);
    expect(ids([claim('t', { text: 'الحكومـــة أغلقت المدارس' })], 'الحكومة')).toEqual(['t']);
    expect(hitText([claim('nfd', { text: 'Le pre\u0301sident a menti' })], 'pre\u0301sident')).toEqual(['pre\u0301sident']);
  });

  it('reads Arabic-Indic and Persian digits as digits', () => {
    expect(ids([claim('d', { text: 'ارتفعت الأسعار بنسبة ٤٠٪' }), claim('x', { text: 'Prices rose 7%' })], '40%')).toEqual(['d']);
    expect(ids([claim('p', { text: 'قیمت‌ها ۴۰ درصد بالا رفت' })], '40')).toEqual(['p']);
  });

  it('finds a name after an elided article or preposition', () => {
    expect(ids([claim('fr', { text: "L'ONU a condamné l'OMS" })], 'OMS')).toEqual(['fr']);
    expect(ids([claim('it', { text: "La guerra dell'Ucraina è finita" })], 'Ucraina')).toEqual(['it']);
  });

  it('searches the fact-check\'s own title', () => {
    expect(ids([claim('h', { text: 'Says the bridge was sold', headline: 'No, the Golden Gate was not auctioned' })], 'Golden Gate')).toEqual(['h']);
  });

  it('searches a pasted paragraph for its first words only, and still finds its claim', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    expect(ids([claim('p', { text: 'The ferry fares doubled in a year' }), claim('q', { text: 'Something else entirely' })], `The ferry fares doubled in a year ${words}`)).toEqual(['p']);
    expect(ids([claim('late', { text: 'A zebra crossing' })], `${words} zebra`)).toEqual([]);
  });
});
