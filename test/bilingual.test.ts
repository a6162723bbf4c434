// Bridges from how people type to the article's words, all derived from the text and CC-CEDICT:
// English -> Chinese terms, everyday verbs -> the article's verbs, homophone typos, romanised names.
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGlossary, GLOSSARY_VERSION, glossaryFromJSON, type Glossary } from '../src/text/bilingual.js';
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
    // CC-CEDICT glosses 总裁 "chairman; director-general", not "president": the bridge is 副总裁 "vice president".
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

  it('related() links everyday verbs the article does not use to the verbs it does', () => {
    expect(words).not.toContain('当上');
    expect(g.related('当上')).toContain('担任');
    expect(g.related('辞职')).toContain('离职');
    expect(g.related('跳槽')).toContain('离职');
    expect(g.related('进')).toContain('进入');
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

  it('does not offer the big article’s words', () => {
    expect(g.related('跳槽')).not.toContain('担任');
    expect(g.translate('Alibaba')).toEqual([]);
  });
});
