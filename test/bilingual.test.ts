// Bridges from how people type to the article's words, all derived from the text and CC-CEDICT:
// English -> Chinese terms, everyday verbs -> the article's verbs, homophone typos, romanised names.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGlossary, GLOSSARY_VERSION, glossaryFromJSON, type Glossary } from '../src/text/bilingual.js';
import { readCedict } from '../src/text/cedict-data.js';
import { buildPhoneticIndex, pinyinKey, type PhoneticIndex } from '../src/text/pinyin.js';

const jieba = Jieba.withDict(dict);
const vocabulary = (text: string) => jieba.cutForSearch(text, true);

/** Chinese terms a translation offers for one English unit (or [] when the unit is absent). */
function zhFor(g: Glossary, question: string, en: string): string[] {
  return g.translate(question).find((t) => t.en === en)?.zh ?? [];
}

describe('pinyinKey', () => {
  it('is toneless with ü as v, so IME homophones collide', () => {
    expect(pinyinKey('不良率')).toBe('bu liang lv');
    expect(pinyinKey('不良律')).toBe(pinyinKey('不良率'));
    expect(pinyinKey('任命')).toBe(pinyinKey('人命'));
    expect(pinyinKey('女性')).toBe('nv xing');
  });
});

describe('on the article', () => {
  const text = readFileSync('corpus/article.txt', 'utf8');
  const words = vocabulary(text);
  let g: Glossary;
  let phonetic: PhoneticIndex;

  beforeAll(() => {
    g = buildGlossary(text, words);
    phonetic = buildPhoneticIndex(words.filter((w) => w.length >= 2));
  }, 30_000);

  it('English words and phrases reach the article terms', () => {
    expect(zhFor(g, 'What was the revenue in 2023?', 'revenue').some((z) => ['营收', '营业收入'].includes(z))).toBe(true);
    expect(zhFor(g, 'How much net profit did it make?', 'net profit')).toContain('净利润');
    expect(zhFor(g, 'when did he join Alibaba', 'join')).toContain('加入');
    expect(zhFor(g, 'how many users does Alipay have', 'users')).toContain('用户');
    expect(zhFor(g, 'What was the loan balance?', 'loan')).toContain('贷款');
    // CC-CEDICT glosses 总裁 "chairman; director-general", not "president": 副总裁 "vice president" less 副
    // "vice" gives it (see the compound tests below); 副总裁 itself still follows.
    expect(zhFor(g, 'who was the president', 'president')).toContain('副总裁');
    // Irregular past tenses in questions: "left" is "leave".
    expect(zhFor(g, 'when did he leave', 'leave')).toContain('离开');
    expect(zhFor(g, 'when had he left', 'left')).toContain('离开');
  });

  it('prefers the longest whole-gloss phrase and keeps numbers and names out', () => {
    const units = g.translate("What was MYbank's net profit in 2023?");
    expect(units.map((u) => u.en)).toEqual(['net profit']);
    for (const u of g.translate('who is Han Xinyi')) expect(u.en).not.toMatch(/han|xinyi/);
    expect(g.translate('2023 2024 12.5%')).toEqual([]);
  });

  it('an unrelated English word maps to nothing from the article', () => {
    expect(zhFor(g, 'is there a giraffe', 'giraffe')).toEqual([]);
    expect(zhFor(g, 'any volcano', 'volcano')).toEqual([]);
    expect(g.translate('the of and to was')).toEqual([]);
  });

  it('Latin acronyms the article writes reach it from their spelled-out CC-CEDICT glosses', () => {
    // 首席执行官 "chief executive officer (CEO)": the article writes "CEO", not 首席执行官.
    expect(words).not.toContain('首席执行官');
    expect(zhFor(g, 'who is the chief executive officer', 'chief executive officer')[0]).toBe('CEO');
    expect(zhFor(g, 'who is the chief executive', 'chief executive')[0]).toBe('CEO');
    expect(zhFor(g, 'who became CEO', 'ceo')[0]).toBe('CEO');
    expect(zhFor(g, 'the chief financial officer', 'chief financial officer')[0]).toBe('CFO');
    expect(zhFor(g, 'the CFO', 'cfo')[0]).toBe('CFO');
    expect(zhFor(g, 'when was the initial public offering', 'initial public offering')[0]).toBe('IPO');
    expect(zhFor(g, 'artificial intelligence', 'artificial intelligence')).toContain('AI');
    // An acronym the article does not write is no term.
    expect(g.terms).not.toContain('GDP');
  });

  it('article words CC-CEDICT lacks are reached through their parts', () => {
    // 不良率 has no entry: 不良 "bad" + 率 "(bound form) ratio; rate".
    expect(g.terms).toContain('不良率');
    const units = g.translate('What was the bad loan ratio?');
    expect(units.map((u) => u.en)).toEqual(['bad loan ratio']);
    expect(units[0]!.zh[0]).toBe('不良率');
    expect(units[0]!.zh).toContain('贷款'); // the words between still count, after it
    expect(zhFor(g, 'bad ratio', 'bad ratio')).toEqual(['不良率']);
    expect(zhFor(g, 'the rate of bad', 'rate')).not.toContain('不良率'); // order and both parts needed
    expect(zhFor(g, 'ratio', 'ratio')).not.toContain('不良率');
    // CC-CEDICT has no "non-performing": the hyphenated word is not read as a bare "performing".
    expect(g.translate('non-performing loan ratio').map((u) => u.en)).not.toContain('performing');
  });

  it('a compound’s gloss less its part’s gloss names its article-word part', () => {
    // 副总裁 "vice president" - 副 "vice-" -> 总裁; 上市公司 "listed company" - 公司 "company" -> 上市.
    expect(zhFor(g, 'who was the president', 'president')[0]).toBe('总裁');
    expect(zhFor(g, 'when was it listed', 'listed')[0]).toBe('上市');
    expect(zhFor(g, 'vice president', 'vice president')[0]).toBe('副总裁');
  });

  it('English synonyms from CC-CEDICT fill free places, after a word’s own links', () => {
    // "acquire" ~ "purchase" (购得, 买下), and 收购 "to purchase" shares 购 with them.
    const acquire = zhFor(g, 'did it acquire the company', 'acquire');
    expect(acquire).toContain('收购');
    expect(acquire.indexOf('收购')).toBeGreaterThan(acquire.indexOf('取得'));
    // "found" ~ "establish" (创立, 创建...), and 成立 "to establish" shares 立 with 创立.
    expect(zhFor(g, 'when was it founded', 'founded')).toContain('成立');
    expect(zhFor(g, 'what did it buy', 'buy')).toContain('收购');
  });

  it('reads hyphenated, derived and compound English words', () => {
    expect(zhFor(g, 'the vice-chairman', 'vice-chairman')).toContain('副总裁');
    expect(zhFor(g, 'the director-general', 'director-general')).toContain('总裁');
    expect(zhFor(g, 'how many shipments', 'shipments')).toContain('出货');
    // A hyphenated word no gloss has is read as its parts when all of them are known, shown as typed.
    expect(zhFor(g, 'the net-profit figure', 'net-profit')[0]).toBe('净利润');
  });

  it('a word nothing in the article means maps to nothing', () => {
    expect(g.translate('where are the headquarters')).toEqual([]); // CC-CEDICT 总部; the article has none
    expect(g.translate('weather')).toEqual([]);
    expect(g.translate('python')).toEqual([]);
  });

  it('related() links everyday verbs the article does not use to the verbs it does', () => {
    expect(words).not.toContain('当上');
    expect(g.related('当上')).toContain('担任');
    expect(g.related('辞职')).toContain('离职');
    expect(g.related('跳槽')).toContain('离职');
    expect(g.related('进')).toContain('进入');
    expect(g.related('买')).toContain('收购');
    expect(g.related('赚')).toContain('盈利');
  });

  it('related() skips "(bound form)" senses and also serves the article’s own words', () => {
    // 干 "(bound form) to have to do with; to concern oneself with" is no word on its own.
    expect(g.related('干')).not.toContain('有关');
    expect(g.related('干')).not.toContain('涉及');
    // A question may use another article word than the sentence that answers it.
    expect(words).toContain('离开');
    expect(g.related('离开')).toContain('离职');
    expect(g.related('离开')).not.toContain('离开');
  });

  it('related() gives nothing for unrelated or unknown words', () => {
    expect(g.related('长颈鹿')).toEqual([]); // giraffe
    expect(g.related('火山')).toEqual([]); // volcano
    expect(g.related('不存在的词')).toEqual([]);
  });

  it('homophone typos reach the article word', () => {
    expect(phonetic.homophones('不良律')).toContain('不良率');
    expect(phonetic.homophones('韩心毅')).toContain('韩歆毅');
    expect(phonetic.homophones('井先东')).toContain('井贤栋');
    expect(phonetic.homophones('不良率')).not.toContain('不良率');
    expect(phonetic.homophones('长颈鹿')).toEqual([]);
  });

  it('romanised names match in either order, any case, with or without spaces', () => {
    const names = (s: string) => phonetic.latinName(s).map((m) => m.word);
    expect(names('Han Xinyi')).toEqual(['韩歆毅']);
    expect(names('who is Xinyi Han?')).toEqual(['韩歆毅']);
    expect(names('HANXINYI and hanxinyi')).toEqual(['韩歆毅', '韩歆毅']);
    expect(names('Jing Xiandong')).toEqual(['井贤栋']);
    expect(phonetic.latinName('ask Xiandong Jing now')).toEqual([{ word: '井贤栋', at: 4, length: 13 }]);
  });

  it('romanised names need whole words and the full name', () => {
    const names = (s: string) => phonetic.latinName(s).map((m) => m.word);
    expect(names("What was MYbank's non-performing loan ratio?")).toEqual([]);
    expect(names('Han')).toEqual([]); // surname alone: partial
    expect(names('Xinyi')).toEqual([]);
    expect(names('Hanx inyi')).toEqual([]); // word break inside a syllable
    expect(names('Shanghanxinyi')).toEqual([]); // not a whole Latin word
    expect(names('Ge Haijiao')).toEqual([]); // not in this article
  });

  it('round-trips through JSON', () => {
    const json = JSON.parse(JSON.stringify(g.toJSON()));
    expect(json.version).toBe(GLOSSARY_VERSION);
    const again = glossaryFromJSON(json);
    expect(again.translate('when did he join')).toEqual(g.translate('when did he join'));
    expect(again.related('当上')).toEqual(g.related('当上'));
    // Every headword in the cached map is found again (the map is a sorted, binary-searched text block).
    const heads: string[] = json.related.split('\n').map((line: string) => line.split('\t')[0]);
    expect(heads.length).toBeGreaterThan(1000);
    expect(heads.filter((h) => again.related(h).length === 0)).toEqual([]);
    expect(() => glossaryFromJSON({ ...json, version: GLOSSARY_VERSION + 1 })).toThrow();
    expect(() => glossaryFromJSON(null)).toThrow();
  });
});

describe('on a tiny synthetic article', () => {
  // Nothing above is specific to corpus/article.txt: a different text gives its own bridges.
  const text = '李明远加入了一家银行，担任首席经济学家。银行的净利润和不良贷款都在增长。他后来离职了。';
  const words = vocabulary(text);
  let g: Glossary;

  beforeAll(() => {
    g = buildGlossary(text, words);
  }, 30_000);

  it('translates into this text’s terms only', () => {
    expect(zhFor(g, 'did the bank grow', 'bank')).toContain('银行');
    expect(zhFor(g, 'net profit', 'net profit')[0]).toBe('净利润');
    expect(zhFor(g, 'did he join', 'join')).toEqual(['加入']);
    expect(zhFor(g, 'users', 'users')).toEqual([]); // 用户 is not in this text
    expect(g.terms).not.toContain('营收');
  });

  it('relates everyday verbs and finds its own names', () => {
    expect(g.related('当上')).toContain('担任');
    expect(g.related('辞职')).toContain('离职');
    const phonetic = buildPhoneticIndex(words.filter((w) => w.length >= 2).concat('李明远'));
    expect(phonetic.latinName('Mingyuan Li left').map((m) => m.word)).toEqual(['李明远']);
    expect(phonetic.latinName('Han Xinyi')).toEqual([]);
    expect(phonetic.homophones('李明原')).toEqual(['李明远']);
  });

  it('handles compound surnames and surname readings in either order', () => {
    const phonetic = buildPhoneticIndex(['欧阳娜娜', '单雄信', '银行']);
    const names = (s: string) => phonetic.latinName(s).map((m) => m.word);
    expect(names('Ouyang Nana and Nana Ouyang')).toEqual(['欧阳娜娜', '欧阳娜娜']);
    expect(names('Shan Xiongxin, Xiongxin Shan')).toEqual(['单雄信', '单雄信']); // 单 as a surname is shan
    expect(names('Ouyang')).toEqual([]);
  });

  it('takes any dictionary entries, not only the shipped CC-CEDICT', () => {
    const own = buildGlossary('他离职了', ['离职'], [
      { simplified: '离职', pinyin: 'li2 zhi2', glosses: ["to leave one's job; to resign"] },
      { simplified: '辞职', pinyin: 'ci2 zhi2', glosses: ['to resign'] },
      { simplified: '长颈鹿', pinyin: 'chang2 jing3 lu4', glosses: ['giraffe'] },
    ]);
    expect(own.terms).toEqual(['离职']);
    expect(own.related('辞职')).toEqual(['离职']);
    expect(own.related('长颈鹿')).toEqual([]);
  });

  it('derives every mechanism from whatever dictionary and article it is given', () => {
    const article = '不良率上升了。CEO和副总裁都表示公司将收购它。此事与你有关。';
    const entry = (simplified: string, ...glosses: string[]) => ({ simplified, pinyin: '', glosses });
    const own = buildGlossary(article + '他持股。', ['不良率', 'CEO', '副总裁', '总裁', '公司', '收购', '有关', '持股'], [
      entry('不良', 'bad'),
      entry('率', '(bound form) ratio; rate'),
      entry('首席执行官', 'chief executive officer (CEO)'),
      entry('副', 'vice-'),
      entry('总裁', 'chairman'),
      entry('副总裁', 'vice president'),
      entry('公司', 'company'),
      entry('收购', 'to purchase'),
      entry('购得', 'to purchase; to acquire'),
      entry('买下', 'to purchase; to acquire'),
      entry('干', '(bound form) to concern oneself with'),
      entry('相干', 'to concern'),
      entry('有关', 'to concern'),
      entry('总部', 'headquarters'),
      entry('持股', 'to hold shares'),
    ]);
    const zh = (q: string, en: string) => own.translate(q).find((u) => u.en === en)?.zh ?? [];
    expect(zh('bad loan ratio', 'bad loan ratio')).toEqual(['不良率']);
    expect(zh('chief executive officer', 'chief executive officer')).toEqual(['CEO']);
    expect(zh('the CEO', 'ceo')).toEqual(['CEO']);
    expect(zh('president', 'president')).toEqual(['总裁', '副总裁']);
    expect(zh('acquire', 'acquire')).toEqual(['收购']);
    expect(own.related('相干')).toEqual(['有关']);
    expect(own.related('干')).toEqual([]);
    expect(own.translate('headquarters')).toEqual([]);
    expect(zh('his shareholding', 'shareholding')).toEqual(['持股']); // "share" + "holding" = "hold shares"
    // Without "CEO" in the text the acronym is no term, and its gloss reaches nothing.
    const noCeo = buildGlossary('公司', ['公司'], [entry('首席执行官', 'chief executive officer (CEO)'), entry('公司', 'company')]);
    expect(noCeo.translate('chief executive officer')).toEqual([]);
    expect(noCeo.terms).toEqual(['公司']);
  });

  it('composes, spells out acronyms and subtracts on another text with the shipped CC-CEDICT', () => {
    const other = '这家银行的CFO表示，不良率有所下降；副总裁已经离职。';
    const o = buildGlossary(other, vocabulary(other));
    expect(zhFor(o, 'who is the chief financial officer', 'chief financial officer')).toEqual(['CFO']);
    expect(zhFor(o, 'the chief executive officer', 'chief executive officer')).toEqual([]); // no CEO here
    expect(zhFor(o, 'what is the bad loan ratio', 'bad loan ratio')).toEqual(['不良率']);
    expect(zhFor(o, 'vice president', 'vice president')).toEqual(['副总裁']);
    expect(o.translate('headquarters weather python')).toEqual([]);
  }, 30_000);

  it('does not offer the big article’s words', () => {
    expect(g.related('跳槽')).not.toContain('担任');
    expect(g.translate('Alibaba')).toEqual([]);
  });
});

describe('the pre-parsed CC-CEDICT index (src/text/cedict-index.ts)', () => {
  it('gives the same glossary as parsing the dictionary; a damaged index file is rebuilt', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'cedict-cache-'));
    const saved = process.env.CACHE_DIR;
    process.env.CACHE_DIR = cacheDir;
    try {
      // An acronym (CEO), a composed word (不良率) and a name: every path of the build is exercised.
      const text = '临港港务集团的CEO罗振川说，公司不良率下降，营收增长，他将离职并出任董事长。';
      const words = vocabulary(text);
      const parsed = buildGlossary(text, words, readCedict()).toJSON();
      const indexed = buildGlossary(text, words).toJSON();
      expect(JSON.stringify(indexed)).toBe(JSON.stringify(parsed));
      expect(parsed.terms.length).toBeGreaterThan(5);
      const files = readdirSync(cacheDir).filter((f) => f.startsWith('cedict-senses-'));
      expect(files).toHaveLength(1);
      // From the cached file, then from a damaged one (rebuilt, rewritten whole): still the same glossary.
      expect(JSON.stringify(buildGlossary(text, words).toJSON())).toBe(JSON.stringify(parsed));
      const file = join(cacheDir, files[0]!);
      const bytes = readFileSync(file);
      bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff;
      writeFileSync(file, bytes);
      expect(JSON.stringify(buildGlossary(text, words).toJSON())).toBe(JSON.stringify(parsed));
      expect(readFileSync(file).equals(bytes)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.CACHE_DIR;
      else process.env.CACHE_DIR = saved;
    }
  }, 60_000);
});
