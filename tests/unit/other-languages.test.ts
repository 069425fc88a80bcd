import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildClaimIndex } from '@/lib/matching';
import { tokenize } from '@/lib/normalize';
import { parsePackText } from '@/lib/pack';
import { scanDocument } from '@/lib/page-scan';
import { parseSavedPage } from '../../scripts/lib/saved-page';

// Claims and pages written for these tests, in the languages of fact-checkers' feeds.
const review = (n: number, text: string, rating: string, inLanguage: string) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: `https://checker.example/${n}`,
  claimReviewed: text,
  inLanguage,
  datePublished: '2025-03-01',
  author: { '@type': 'Organization', name: 'Checker' },
  reviewRating: { '@type': 'Rating', alternateName: rating },
  itemReviewed: { '@type': 'Claim', datePublished: '2025-02-20' },
});
const page = (body: string) => `<html><head><meta property="article:published_time" content="2025-02-25"></head><body><article>${body}</article></body></html>`;

function marks(reviews: object[], body: string): string[] {
  const parsed = parsePackText(JSON.stringify(reviews), { fileName: 'feed.json' });
  if (!parsed.ok) throw new Error(parsed.error.join('\n'));
  const index = buildClaimIndex(parsed.value.pack.claims.map((c) => ({ ...c, packId: parsed.value.pack.id })));
  return scanDocument(parseSavedPage(page(body)), index).mentions.map((m) => m.claim.text);
}

const stops = (text: string) => tokenize(text).filter((t) => t.stop).map((t) => t.norm);

describe('function words of other languages', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are read in when the first text is, not when the tokenizer’s module loads (the popup loads it to fold words)', async () => {
    vi.resetModules();
    const normalize = vi.spyOn(String.prototype, 'normalize');
    const fresh = await import('@/lib/normalize');
    expect(normalize.mock.calls.length).toBeLessThan(100);
    fresh.tokenize('Die Stadt hat gesagt, dass die neue Brücke bald fertig ist.');
    expect(normalize.mock.calls.length).toBeGreaterThan(5_000);
  });

  it('are function words in a text written in that language, and telling words in English', () => {
    expect(stops('Die Stadt hat gesagt, dass die neue Brücke im nächsten Jahr geöffnet werden soll.')).toEqual(expect.arrayContaining(['die', 'hat', 'dass', 'im', 'werden', 'soll']));
    expect(stops('Синоптики сказали, что в воскресенье не будет ветра.')).toEqual(expect.arrayContaining(['что', 'в', 'не', 'будет']));
    // "war", "die" and "also" are German function words; here they are what the sentence is about.
    expect(stops('Veterans of the war also die younger, the report says.')).not.toEqual(expect.arrayContaining(['war']));
    expect(stops('Veterans of the war also die younger, the report says.')).not.toContain('die');
    // A name or an address repeats a foreign word or two: that is no text in another language.
    expect(stops('Hillary Clinton meets Osama bin Laden: Osama bin Laden owns Snapple.')).not.toContain('bin');
    expect(stops('Rond-Point SRL, Rue de la Loi 42, 1040 Brussels.')).not.toContain('de');
  });

  it.each([
    ['Biden to end war, stop arms sales to Ukraine', ['end', 'war', 'stop']],
    ['Well-known doctor: masks are bad, get vaccinated', ['bad', 'get']],
    ['Multiple studies: vaccine causes rare, certain death', ['multiple', 'rare', 'certain']],
    ['Man sells van to pay for pet surgery', ['man', 'van', 'pet']],
  ])('are no evidence of another language where they are common English words: "%s" keeps its words', (text, words) => {
    // (They are Breton's and French's function words in the lists.)
    for (const word of words) expect(stops(text)).not.toContain(word);
  });

  it.each([
    ['de', 'Die Regierung hat gesagt, dass die Steuern für die Rentner im nächsten Jahr verdoppelt werden', 'Falsch',
      '<p>Die Stadt hat gesagt, dass die neue Brücke im nächsten Jahr für den Verkehr geöffnet werden soll. Die Bauarbeiten sind fast fertig.</p>'],
    ['fr', 'Le gouvernement a dit que les impôts des retraités vont doubler l’année prochaine', 'Faux',
      '<p>Le maire a dit que les travaux du pont vont se terminer l’année prochaine. Les habitants du quartier sont contents.</p>'],
    ['pt', 'O governo disse que os impostos dos aposentados vão dobrar no próximo ano', 'Falso',
      '<p>O prefeito disse que as obras da ponte vão terminar no próximo ano. Os moradores do bairro estão felizes.</p>'],
    ['es', 'El gobierno dijo que la inflación de los alimentos subió un 40% en un año', 'Falso',
      '<p>El gobierno de la ciudad dijo que la nueva línea de metro abrirá en un año. Los vecinos de la zona esperan que las obras terminen pronto.</p>'],
  ])('leave a page in %s about something else unmarked (it was marked from its function words alone)', (lang, claim, rating, body) => {
    expect(marks([review(1, claim, rating, lang)], body)).toEqual([]);
  });

  it('leave a Russian weather report unmarked by a feed about mobilisation and the price of bread', () => {
    const feed = [
      review(1, 'Вакцина от коронавируса вызывает бесплодие у женщин', 'Неправда', 'ru'),
      review(2, 'В России и на Украине цены на хлеб выросли в два раза', 'Неправда', 'ru'),
      review(3, 'Путин сказал, что в Москве не будет мобилизации', 'Неправда', 'ru'),
    ];
    expect(marks(feed, '<p>В субботу в Москве и на юге страны прошел сильный дождь. Синоптики сказали, что в воскресенье в городе будет тепло и на улицах не будет ветра.</p><p>В России и в Европе на выходных ожидается похолодание, и в понедельник в ряде регионов будет снег.</p>')).toEqual([]);
  });

  it.each([
    ['es', 'El gobierno dijo que la inflación de los alimentos subió un 40% en un año', '<p>La oposición volvió a repetir el martes que la inflación de los alimentos subió un 40% en un año, una cifra que el instituto de estadística no confirma.</p>'],
    ['de', 'Die Regierung hat gesagt, dass die Steuern für die Rentner im nächsten Jahr verdoppelt werden', '<p>In sozialen Netzwerken heißt es, die Regierung habe gesagt, dass die Steuern für Rentner im nächsten Jahr verdoppelt werden.</p>'],
    ['ru', 'Путин сказал, что в Москве не будет мобилизации', '<p>В соцсетях пишут, что Путин сказал, что в Москве не будет мобилизации.</p>'],
  ])('still mark, in %s, a sentence that tells the claim', (lang, claim, body) => {
    expect(marks([review(1, claim, 'Falso', lang)], body)).toEqual([claim]);
  });
});

describe('text written without spaces between words (Chinese, Japanese)', () => {
  it('is read word by word, its function words as function words', () => {
    const tokens = tokenize('新冠疫苗会导致女性不孕');
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.map((t) => '新冠疫苗会导致女性不孕'.slice(t.start, t.end)).join('')).toBe('新冠疫苗会导致女性不孕');
    expect(tokenize('我们的政府说了').filter((t) => t.stop).map((t) => t.norm)).toEqual(expect.arrayContaining(['的']));
  });

  it('reads a number with thousands commas inside a run as one number, and a percent sign after a run\'s last number', () => {
    const norms = (text: string) => tokenize(text).map((token) => token.norm);
    expect(norms('有1,000人死亡')).toEqual(['有', '1000', '人', '死亡']);
    expect(norms('去年有12,500人')).toEqual(['去年', '有', '12500', '人']);
    expect(norms('占40%')).toEqual(['占', '40', 'percent']);
    expect(norms('占40％')).toEqual(['占', '40', 'percent']);
    // Where the tokens lie in the text is where the words are.
    const [, thousand] = tokenize('有1,000人死亡');
    expect('有1,000人死亡'.slice(thousand!.start, thousand!.end)).toBe('1,000');
  });

  it('has a claim marked where a page repeats it, and not where a page shares only its function words', () => {
    const claim = '新冠疫苗会导致女性不孕';
    expect(marks([review(1, claim, '错误', 'zh')], '<p>网上有人说，新冠疫苗会导致女性不孕。专家表示这是错误的。</p>')).toEqual([claim]);
    expect(marks([review(1, claim, '错误', 'zh')], '<p>今天的天气很好，我们会去公园散步。</p>')).toEqual([]);
  });
});

