// Mechanisms of question understanding, each shown on several questions against a fixture article of its
// own (test/fixtures/corpora/chat): chat wording must reach the article's, and what it lacks must still
// be refused.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngineFrom, type Engine } from '../src/answer/engine.js';
import { openArticle } from '../src/corpus/article.js';
import { loadFactBook } from '../src/facts/book.js';
import { analyzeQuestion, ordinalsIn as ordinalsOf, unglued } from '../src/question/query.js';
import { classifyQuestion } from '../src/question/answer-type.js';

const dir = join(resolve('test/fixtures/corpora'), 'chat');
const article = openArticle(dir);
const engine: Engine = createEngineFrom({ article, facts: loadFactBook(article) });

async function expectAnswerFrom(eng: Engine, q: string, expected: string) {
  const a = await eng.answer(q);
  expect(a.kind, `${q} -> ${a.answer}`).not.toBe('not_found');
  expect(a.answer, q).toContain(expected);
}
const expectAnswer = (q: string, expected: string) => expectAnswerFrom(engine, q, expected);

/** A fixture article of the test's own in a temporary corpus folder (meta.json + article.txt only). */
function fixture(name: string, text: string, published: string, title = name) {
  const d = mkdtempSync(join(tmpdir(), `${name}-`));
  writeFileSync(join(d, 'article.txt'), text);
  writeFileSync(join(d, 'meta.json'), JSON.stringify({ title, source: 'fixture', published, language: 'zh', file: 'article.txt' }));
  const a = openArticle(d);
  return { article: a, engine: createEngineFrom({ article: a, facts: loadFactBook(a) }) };
}

describe('predicate words are paraphrased in chat: they rank evidence but cannot sink it', () => {
  it('one-character verbs, adverbs and localisers are light; nouns and names are not', () => {
    const q = analyzeQuestion('贺明山不当CEO之后干啥', article);
    expect([...q.light]).toEqual(expect.arrayContaining(['干', '之后']));
    expect(q.light.has('贺明山')).toBe(false);
    expect(q.light.has('CEO')).toBe(false);
    expect(analyzeQuestion('沧澜银行坏账为啥越来越多', article).light.has('坏账')).toBe(false);
  });

  it.each([
    ['贺明山不当CEO之后干啥', '继续担任董事长'],
    ['贺明山当了几年CEO', '15年'],
    ['沧澜科技买云栈数据花了多少钱', '12亿元'],
    ['为什么沧澜银行不良率越来越高', '小微商户'],
  ])('%s', async (q, expected) => expectAnswer(q, expected));

  it('a question about something the article lacks is still refused', async () => {
    for (const q of ['沧澜科技的员工有多少人', '贺明山的年薪是多少', '沧澜科技2022年营收多少']) {
      expect((await engine.answer(q)).kind, q).toBe('not_found');
    }
  });
});

describe('person names the segmenter splits are whole names', () => {
  it('a one-character surname and its given name ("贺 明山"), and a cut-off third character ("许知 远")', () => {
    const people = article.entities.entities.filter((e) => e.kind === 'person').map((e) => e.canonical);
    expect(people).toEqual(expect.arrayContaining(['贺明山', '许知远']));
    expect(people).not.toContain('许知');
  });
});

describe('where someone works is an organisation', () => {
  it('在哪干 / 在哪上班 / 在哪工作 ask for an organisation', () => {
    for (const q of ['他之前在哪干', '之前在哪儿上班', '毕业后在哪里工作']) expect(classifyQuestion(q), q).toBe('org');
    expect(classifyQuestion('总部在哪')).toBe('place');
  });

  it('an organisation-shaped name the article uses once answers it', async () => {
    await expectAnswer('许知远进沧澜科技之前在哪干', '远航证券');
  });
});

describe('the noun after 哪/什么 names the kind of answer, not evidence', () => {
  it('slot nouns are found after which-words, not after counting words', async () => {
    const { slotNouns } = await import('../src/question/answer-type.js');
    expect(slotNouns('高英是哪位皇帝的皇后？')).toEqual(['皇帝']);
    expect(slotNouns('他是哪个国家的运动员？')).toEqual(['国家']);
    expect(slotNouns('赛里木是哪一种语言的音译？')).toEqual(['语言']);
    expect(slotNouns('一般给出什么形状的表格？')).toEqual(['形状']);
    expect(slotNouns('沧澜科技有多少员工')).toEqual([]);
  });

  it('a slot noun the article never uses is neither an unknown name nor an absent noun', () => {
    const q = analyzeQuestion('许知远之前在哪个国家的证券公司工作', article);
    expect(q.unknownNames).not.toContain('国家');
    expect(q.absentNouns).not.toContain('国家');
    expect(q.words).not.toContain('国家');
  });

  it('an answer is still found when the slot noun is absent from the article', async () => {
    await expectAnswer('许知远加入沧澜科技前在哪个机构任职', '远航证券');
  });
});

describe('an encyclopedia-style opening names what the whole article is about', () => {
  const fish = openArticle(join(resolve('test/fixtures/corpora'), 'encyclopedia'));
  const wiki = createEngineFrom({ article: fish, facts: loadFactBook(fish) });

  it('the topic named with 又称/学名 is an entity even when named once, and marked as the topic', () => {
    expect(fish.entities.get('青石斑鱼')?.topic).toBe(true);
  });

  it.each([
    ['青石斑鱼以什么为食？', '小鱼'],
    ['青石斑鱼体长是多少公分？', '60公分'],
    ['青石斑鱼分布在哪里？', '西太平洋'],
  ])('later paragraphs speak of it implicitly ("本鱼"): %s', async (q, expected) => {
    const a = await wiki.answer(q);
    expect(a.kind, a.answer).not.toBe('not_found');
    expect(a.answer).toContain(expected);
  });

  it('what the paragraph does not say is still refused', async () => {
    for (const q of ['青石斑鱼的寿命有多长？', '青石斑鱼是哪一年被发现的？']) expect((await wiki.answer(q)).kind, q).toBe('not_found');
  });
});

describe('chat and news say time and sequence in different words', () => {
  it('之前/此前, 之后/此后, 现在/目前 are read as one another', () => {
    const q = analyzeQuestion('许知远之前在哪上班', article);
    expect(q.alternatives.get('之前')).toContain('此前');
  });

  it.each([
    ['许知远之前在哪上班', '远航证券'],
    ['许知远进沧澜科技以前在哪工作', '远航证券'],
  ])('%s', async (q, expected) => expectAnswer(q, expected));
});

describe('哪几 asks which ones, 几 alone how many', () => {
  it('classifies', () => {
    expect(classifyQuestion('被拆成了哪几个部门')).toBe('list');
    expect(classifyQuestion('收购了哪几家公司')).toBe('list');
    expect(classifyQuestion('收购了几家公司')).toBe('number');
  });
});

describe('words added for related senses widen the search but are not names the asker typed', () => {
  it('an English question whose dictionary senses bring in a name does not demand that name', async () => {
    const ours = openArticle();
    const q = analyzeQuestion("How high was MYbank's online loan bad debt ratio", ours);
    expect(q.text).toContain('支付宝'); // a related sense of "online", searched for
    expect(q.entities).toEqual(['网商银行']);
  });
});

describe('a dated lead-in sentence dates the event told right after it', () => {
  it('extraction dates the event from the sentence before, keeps the hour, and quotes both sentences', () => {
    const event = loadFactBook(article).facts.find((f) => f.type === 'event' && f.entity === '周亦舟');
    expect(event).toMatchObject({ event: '宣布卸任总经理', date: { iso: '2023-11-03', time: '晚8点' } });
    expect(article.raw).toContain(event!.source.quote);
    expect(event!.source.quote).toMatch(/^2023年11月3日晚8点.*宣布卸任总经理一职。$/);
  });

  it.each([
    ['周亦舟哪天宣布不干总经理的', '2023 年 11 月 3 日'],
    ['周亦舟什么时候卸任总经理', '宣布卸任总经理'],
    ['周亦舟的内部信几点发的', '晚8点'],
    ['when did Zhou Yizhou announce he would step down', '2023年11月3日'],
  ])('%s', async (q, expected) => expectAnswer(q, expected));

  it('an English answer made of dates says dates, not figures', async () => {
    const a = await engine.answer('周亦舟什么时候卸任总经理', { language: 'en' });
    expect(a.answer).toMatch(/^From the article's dates: /);
  });
});

describe("a title between Latin names divides them, and a role written after a company is that company's", () => {
  const { article: latin, engine: eng } = fixture(
    'latin-roles',
    'Orbis收购案回顾\n\n2022年3月，Orbis CEO Lena Park宣布以$2.1B收购Kestrel Systems。\n\n2015年，Tom Reyes出任CEO，带领Kestrel走向海外。\n\nKestrel的营收在2023年达到$800M（+25%）。Kestrel投资$90M扩建工厂。成立以来，Kestrel累计融资额达到$1.5B，Market Cap约$3B。\n',
    '2024-01-01',
    'Orbis收购案回顾',
  );

  it('"Orbis CEO Lena Park" is the company Orbis and the person Lena Park', () => {
    expect(latin.entities.get('Orbis')?.kind).toBe('org');
    expect(latin.entities.get('Lena Park')?.kind).toBe('person');
    expect(latin.entities.get('Orbis CEO Lena Park')).toBeUndefined();
  });

  it('"$" amounts are figures when their clause names the measure; a bracketed sign is the change; a running total is its own measure', () => {
    const figures = loadFactBook(latin).facts.filter((f) => f.type === 'figure');
    const revenue = figures.find((f) => f.entity.startsWith('Kestrel') && f.measure === '营收');
    expect(revenue).toMatchObject({ text: '$800M', unit: 'M', value: 800, change: { direction: 'up', value: 25 } });
    expect(revenue!.change!.text).toContain('+25%');
    // "投资$90M扩建工厂" names no measure of its own: not a figure.
    expect(figures.some((f) => f.text === '$90M')).toBe(false);
    expect(figures.find((f) => f.text === '$1.5B')?.measure).toBe('累计融资额');
    // A measure's name is never an entity that owns figures.
    expect(latin.entities.get('Market Cap')).toBeUndefined();
  });

  it.each([
    ["Who is Kestrel's CEO?", 'Tom Reyes'],
    ['Kestrel的CEO是谁', 'Tom Reyes'],
    ['Orbis的CEO是谁', 'Lena Park'],
    ['Orbis出价多少收购Kestrel', '$2.1B'],
  ])('%s', (q, expected) => expectAnswerFrom(eng, q, expected));
});

describe('genre verbs and implicit parties', () => {
  it.each([
    // 转任/调任 take up a post as much as 出任 does.
    ['许知远什么时候当上沧澜财富董事长', '2020 年 7 月'],
    // The buyer is often left implicit in the sentence with the price: the target owns it.
    ['沧澜科技买海川物流花了多少钱', '7.5亿元'],
  ])('%s', async (q, expected) => expectAnswer(q, expected));
});

describe('the slot names the answer; it is not what the answer must be about', () => {
  it.each(['沧澜科技总部在哪个城市', '贺明山出生在哪个国家'])('%s is refused: only the slot noun would match', async (q) => {
    expect((await engine.answer(q)).kind, q).toBe('not_found');
  });

  it('a name ending in the slot noun fills the slot ("远航证券" for 哪家证券公司)', async () => {
    await expectAnswer('许知远去沧澜科技之前在哪家证券公司', '远航证券');
  });

  it('a share price is a measure: a passage about shares does not give it', async () => {
    expect((await engine.answer('沧澜科技股价现在多少')).kind).toBe('not_found');
  });
});

describe('who holds a post now', () => {
  it('a past tenure or a departure does not say who holds it now; a succession does', async () => {
    // 许知远 was CFO from 2016 and has moved on: the article does not say who the CFO is now.
    expect((await engine.answer('沧澜科技现在的CFO是谁')).kind).toBe('not_found');
    await expectAnswer('沧澜科技现在的CEO是谁', '许知远');
  });
});

describe('a why is answered where the article announces its reason', () => {
  it.each([
    ['为什么沧澜财富比沧澜银行增长更稳', '本质是代销'],
    ['沧澜财富为啥受经济周期影响小', '本质是代销'],
    // In the same paragraph: the explanation follows 究其原因.
    ['沧澜银行不良率为什么涨这么快', '小微商户'],
  ])('%s', async (q, expected) => expectAnswer(q, expected));

  it('the announcement alone is not quoted as the answer: what follows it is', async () => {
    const a = await engine.answer('为什么沧澜财富比沧澜银行增长更稳');
    expect(a.citations.length).toBeGreaterThan(1);
  });
});

describe('a why is answered by a sentence that states a cause', () => {
  it('"因…而" states a cause; a sentence that only restates the claim does not', async () => {
    const a = await engine.answer('沧澜科技收购蓝湾支付为什么失败了');
    expect(a.kind, a.answer).toBe('passage');
    expect(a.answer).toContain('未获得监管批准');
  });
});

describe('English demonyms and abbreviated genre measures', () => {
  it('"Indian" is read as India when the dictionary glosses the place', async () => {
    await expectAnswer('Which Indian e-wallet did 沧澜科技 invest in?', 'Payvia');
  });

  it('a measure typed abbreviated ("月活") is evidenced by its family ("活跃用户"), and its homophone typo is repaired', async () => {
    await expectAnswer('沧澜支付月活多少', '2亿');
    const typo = await engine.answer('沧澜支付越活多少');
    expect(typo.answer).toContain('2亿');
    expect(typo.answer).toContain('按“月活”理解');
  });
});

describe('counting focus and words that point back', () => {
  it('几种/多少个 are the slot, not words to find', () => {
    const q = analyzeQuestion('沧澜科技有几种业务', article);
    expect(q.answerType).toBe('number');
    expect(q.words).not.toContain('几种');
    expect(analyzeQuestion('沧澜科技有多少个业务部门', article).words).not.toContain('有个');
  });

  it('此鱼/该行 point back at the topic and are not unknown names', async () => {
    const fish = openArticle(join(resolve('test/fixtures/corpora'), 'encyclopedia'));
    const q = analyzeQuestion('此鱼分布在哪里？', fish);
    expect(q.unknownNames).toEqual([]);
    expect(q.absentNouns).toEqual([]);
  });

  it('a place phrase (剧中, 书里) is not taken for the unknown name a question is about', () => {
    expect(analyzeQuestion('在剧中，许知远在哪里工作', article).unknownNames).not.toContain('剧中');
  });
});

describe('figures, rounds and names in a funding story', () => {
  const { article: story, engine: eng } = fixture(
    'funding',
    [
      '曜川科技完成D轮融资，邵予安接任CEO',
      '11月1日，邵予安正式出任曜川科技CEO。创始人简鹤鸣卸任CEO后继续担任董事长。',
      '曜川科技宣布完成12亿元的D轮融资。本轮由北辰资本领投，老股东继续跟投。',
      '简鹤鸣今年64岁，他在致全体员工的内部信中写道：公司的下一个十年属于年轻人。',
      '此前，曜川科技在2022年完成了C轮融资，估值约80亿元。邵予安表示，新一轮资金将投向海外市场。',
    ].join('\n\n'),
    '2025-11-10',
    '曜川科技完成D轮融资',
  );

  it('names the segmenter cuts apart are whole: 邵予/安, 简/鹤鸣, 曜/川科技', () => {
    const names = story.entities.entities.map((e) => e.canonical);
    expect(names).toEqual(expect.arrayContaining(['邵予安', '简鹤鸣']));
    expect(names.some((n) => n.startsWith('曜川'))).toBe(true);
  });

  it('"本轮" is the round the article is about: D轮 is answered, A轮 and C轮 from that paragraph are not', async () => {
    const d = await eng.answer('曜川科技D轮是谁领投的');
    expect(d.answer).toContain('北辰资本');
    expect((await eng.answer('曜川科技A轮是谁领投的')).kind).toBe('not_found');
    expect(ordinalsOf('B 轮融资')).toEqual(['B轮']);
  });

  it('a figure counts for a measure only when the measure stands by it: an age is not a headcount', async () => {
    expect((await eng.answer('曜川科技一共有多少员工')).kind).toBe('not_found');
  });

  it('an English measure name is a measure as typed: a market cap is not some other figure', async () => {
    const q = analyzeQuestion("What's the company's market cap?", story);
    expect(q.measures.map((m) => m.canonical)).toContain('市值');
  });
});

describe('people typed the way chat types them', () => {
  it('a surname alone in English is the one person of the article with it', async () => {
    const q = analyzeQuestion('Where did Xu work before he joined 沧澜科技?', article);
    expect(q.entities).toContain('许知远');
    await expectAnswer('Where did Xu work before he joined 沧澜科技?', '远航证券');
  });

  it('an English function word that spells a surname ("He") is not a person', () => {
    expect(analyzeQuestion('He said what about 沧澜银行?', article).entities).not.toContain('贺明山');
  });

  it('an IME real-word typo of a genre term is repaired ("理智" for 离职) and said', async () => {
    const a = await engine.answer('钱若水几月份理智的');
    expect(a.answer).toMatch(/4\s*月/);
    expect(a.answer).toContain('按“离职”理解');
  });
});

describe('age, typed periods and glued question words', () => {
  it('"how old" / 几岁 ask an age in years of life', async () => {
    await expectAnswer('How old is He Mingshan?', '62岁');
    await expectAnswer('贺明山几岁了', '62岁');
  });

  it('periods are the ones typed, not those of words added for related senses', () => {
    const q = analyzeQuestion('沧澜财富去年净利润多少', article);
    expect(q.periods.map((p) => p.key)).toEqual(['2023']);
  });

  it('a word glued to a question word ("归谁") is not content to find', () => {
    expect(analyzeQuestion('许知远走了以后沧澜财富归谁管', article).words).not.toContain('归谁');
  });
});

describe('a figure asked with no name, in an article about one company', () => {
  it('is the main subject\'s, and the answer says so', async () => {
    const a = await engine.answer('2023年营收多少');
    expect(a.answer).toContain('320亿元');
    expect(a.answer).toContain('按文章主体“沧澜科技”理解');
  });

  it('a quarter asked with no year is the latest before the posting date', () => {
    expect(analyzeQuestion('三季度营收多少', article).periods.map((p) => p.key)).toEqual(['2023Q3']);
    expect(analyzeQuestion('How much did net profit grow in Q3?', article).unknownNames).toEqual([]);
  });

  it('another word that may name whose figure it is keeps the question open', async () => {
    const a = await engine.answer('水滴2023年营收多少');
    expect(a.kind).toBe('not_found');
  });
});

describe('what a thing is, asked with chat fillers', () => {
  it('fillers (说白了, 到底, 简单来说) are dropped', async () => {
    const { stripFillers } = await import('../src/question/query.js');
    expect(stripFillers('沧澜云 说白了是啥')).toBe('沧澜云 是啥');
    expect(stripFillers('沧澜云到底是什么')).toBe('沧澜云 是什么');
  });

  it('a definition is the sentence that says the term is something (X则是/指/即)', async () => {
    await expectAnswer('沧澜云说白了是啥', '面向企业的云服务');
    await expectAnswer('What is 沧澜云?', '面向企业的云服务');
  });
});

describe('a company short name plus one character is a product line of its own', () => {
  it('"沧澜云" is its own name when what follows it varies; the group keeps "沧澜"', () => {
    expect(article.entities.get('沧澜云')?.kind).toBe('product');
    expect(article.entities.get('沧澜科技')?.names).toContain('沧澜');
    expect(analyzeQuestion('沧澜云是啥', article).entities).toEqual(['沧澜云']);
  });
});

describe('a surprising claim is explained where the article concludes about it', () => {
  it('claim, "这有点出乎意料。", background, then "因此…": the conclusion answers the why', async () => {
    await expectAnswer('沧澜财富为啥利润不如远景财富', '主动收缩的结果');
  });
});

describe('what someone does after giving up a post', () => {
  it('the answer names another post of that person, not the one given up nor a successor\'s', async () => {
    const a = await engine.answer('顾远帆不当总经理以后干啥');
    expect(a.answer).toContain('继续担任沧澜支付董事');
  });
});

describe('dated events of the person asked', () => {
  it("another person's 卸任 does not hide the asked person's announced one", async () => {
    const a = await engine.answer('周亦舟什么时候卸任总经理');
    expect(a.answer).toContain('周亦舟');
    expect(a.answer).not.toContain('顾远帆');
  });
});

describe('posts a question sets aside', () => {
  it('"除了CFO和总裁…还干过什么" wants another post', async () => {
    const a = await engine.answer('除了CFO和集团总裁 许知远在沧澜科技还干过什么职位');
    expect(a.answer).toContain('CEO');
    expect(a.answer).not.toMatch(/^2016年他出任沧澜科技CFO/);
    const b = await engine.answer('除了CFO 许知远在沧澜科技还干过什么职位');
    expect(b.answer).toContain('总裁');
  });

  it('a one-character verb with its aspect particle is light', () => {
    expect(analyzeQuestion('许知远干过什么', article).light.has('干过')).toBe(true);
  });
});

describe('what the article does not say precisely, or says it does not know', () => {
  it('a month asked of an event dated by the year alone is not found, and the year is offered', async () => {
    const a = await engine.answer('沧澜支付几月份入驻海南自贸港的');
    expect(a.kind).toBe('not_found');
    expect(a.answer).toContain('2022');
    expect((await engine.answer('沧澜支付哪年入驻海南自贸港的')).answer).toContain('2022');
  });

  it('"去向未对外披露" does not answer where someone went', async () => {
    expect((await engine.answer('林默离职后去了哪家公司')).kind).toBe('not_found');
  });

  it('who runs something now needs a sentence about now', async () => {
    expect((await engine.answer('沧澜财富现在归谁管')).kind).toBe('not_found');
  });
});

describe('English change words and month names', () => {
  it('"how did … revenue change" asks for the change, read from the English as typed', async () => {
    const a = await engine.answer('How did 沧澜科技 revenue change in 2023?');
    expect(a.kind).toBe('fact');
    expect(a.answer).toContain('8%');
  });

  it('month names are dates: "in May 2024" is 2024年5月, "May I" is not a month', async () => {
    const { translateFrames } = await import('../src/text/english.js');
    expect(translateFrames('May I ask what happened in May 2024 and December?')).toBe('May I ask what happened in 2024年5月 and 12月 ?');
  });

  it('a bare 收入 ("revenue") asks for revenue as a whole, not one income line', async () => {
    // Our article gives 招行's fee income (220.05 亿元) and only the change of its revenue (-0.48%).
    const ours = createEngineFrom({ article: openArticle(), facts: loadFactBook(openArticle()) });
    for (const q of ['招行2024年收入多少', "What was China Merchants Bank's revenue in 2024?"]) {
      const a = await ours.answer(q);
      expect(a.answer, q).toContain('-0.48%');
      expect(a.answer, q).not.toContain('220.05');
    }
  });
});

describe('a sentence that points back at its cause', () => {
  it('"因为这个原因，…" is answered with the sentence before it', async () => {
    const a = await engine.answer('沧澜消金为啥要收缩放贷规模');
    expect(a.answer).toContain('坏账明显增加');
  });
});

describe('words that frame a chat question are forgiven where the article lacks them', () => {
  it('colloquial framing words and the general language\'s commonest words are light; measures and names are not', () => {
    const q = analyzeQuestion('贺明山那会儿主要说了什么', article);
    expect([...q.light]).toEqual(expect.arrayContaining(['那会儿', '主要', '说']));
    const m = analyzeQuestion('沧澜科技最近营收咋样', article);
    expect(m.light.has('最近')).toBe(true);
    expect(m.light.has('营收')).toBe(false);
    expect(m.light.has('沧澜科技')).toBe(false);
  });

  it.each([
    ['沧澜科技那会儿花了多少钱买云栈数据', '12亿元'],
    ['许知远进沧澜科技之前主要在哪干', '远航证券'],
    ['贺明山在内部信里说了啥', '交接'],
    ['沧澜银行主要是服务谁的', '小微商户'],
  ])('%s', async (q, expected) => expectAnswer(q, expected));

  it('what the article lacks is still refused with framing words around it', async () => {
    for (const q of ['沧澜科技那会儿的员工主要有多少人', '贺明山最近的年薪大概是多少']) {
      expect((await engine.answer(q)).kind, q).toBe('not_found');
    }
  });
});

describe('company names as news writes them: trade name and industry, declared short names, quoted catchphrases', () => {
  const { article: trade, engine: eng } = fixture(
    'trade-names',
    '程远舟出任岚桥物流总裁\n\n2025-03-02 08:00  来源：某财经\n\n3月1日，程远舟正式出任岚桥物流股份有限公司（下称“岚桥物流”）总裁。此前他在朔风航运工作了5年，后来又在青栎快运担任副总裁。\n\n' +
      '2024年岚桥物流营业收入为120亿元，同比增长9%。岚桥在华东拥有12个分拨中心。\n\n董事会认为公司需要一位擅长“精打细算”的管理者，而“增收不增利”的问题必须解决。鹤岭证券分析师表示，岚桥的成本控制明显改善。\n\n与程远舟一同履新的还有新任首席财务官林若溪。岚桥物流将于10月28日发布第三季度报告。\n\n2024年，岚桥快运业务收入为30亿元，同比增长18%。岚桥物流还为两大事业群建立了轮值总裁制。岚桥在华东的快运运价下调8%。\n\n' +
      '程远舟今年47岁，是典型的“技术出身”。2014年3月，他加入岚桥物流。消息公布后，岚桥物流收盘上涨5.3%，报27.86元/股。\n\n' +
      '3月1日晚间，岚桥物流发布年度业绩，同时宣布副总裁周亦航将于4月1日起出任首席运营官。岚桥物流还设有冷链事业部。以同业公司青栎快运为例，2024年其科技服务收入为3亿元。2024年9月，岚桥物流以5亿元收购朔风航运60%的股权。\n',
    '2025-03-02',
  );

  it('an industry word ends a name; the declared short name and the bare trade name mean the same company', () => {
    const company = trade.entities.get('岚桥物流');
    expect(company?.kind).toBe('org');
    expect(company?.names).toContain('岚桥');
    for (const name of ['朔风航运', '青栎快运', '鹤岭证券']) expect(trade.entities.get(name)?.kind, name).toBe('org');
  });

  it('a company the article names but gives no figure for is refused, not given another\'s figure', async () => {
    for (const q of ['青栎快运2024年营收多少', '朔风航运2024年收入增长了多少']) expect((await eng.answer(q)).kind, q).toBe('not_found');
  });

  it('each event verb goes with the date nearest before it; a date looked forward to is in the posting year', () => {
    const events = loadFactBook(trade).facts.filter((f) => f.type === 'event' && f.entity === '周亦航');
    expect(events.map((e) => e.type === 'event' && e.date.iso)).toContain('2025-04-01');
  });

  it('who runs a unit is a person; revenue as a whole is not one named income line', async () => {
    expect((await eng.answer('冷链事业部是谁在管')).kind).toBe('not_found');
    expect((await eng.answer('青栎快运2024年总营收多少')).kind).toBe('not_found');
    const a = await eng.answer('周亦航哪天出任首席运营官');
    expect(a.answer).toMatch(/4\s*月\s*1\s*日/);
  });

  it('a bare percentage does not carry on an amount\'s measure', () => {
    const figures = loadFactBook(trade).facts.filter((f) => f.type === 'figure');
    expect(figures.find((f) => f.text === '8%')?.measure ?? 'none').not.toBe('收入');
  });

  it('a title the question names is no answer to who holds it', async () => {
    expect((await eng.answer('岚桥事业群的轮值总裁都有谁')).kind).toBe('not_found');
  });

  it('quoted idioms and catchphrases are not names', () => {
    expect(trade.entities.get('精打细算')).toBeUndefined();
    expect(trade.entities.get('增收不增利')).toBeUndefined();
  });

  it.each([
    ['岚桥2024年营收多少', '120亿元'],
    ['程远舟来岚桥之前在哪些公司干过', '朔风航运'],
    // The company's full name and a bracketed aside stand between 出任 and the title.
    ['程远舟哪天当上岚桥的总裁', '3 月 1 日'],
    // A title's acronym where the article writes it out; a quarter typed with no year.
    ['新CFO是谁', '林若溪'],
    ['when is the q3 report coming out', '10月28日'],
    // A who-question that names a tenure word in passing asks for a person, not a figure.
    ['新的首席财务官是谁 之前在哪工作', '林若溪'],
    // A business line owns no figure in the fact book; the sentence that states it answers. "2024年收入" is
    // the year and 收入, not 年收入.
    ['快运业务2024年收入增长了多少', '18%'],
    // 他 points back at the person, not at the quoted phrase after the name.
    ['程远舟哪年加入岚桥', '2014'],
    // A price per share is the share price.
    ['岚桥股价报多少', '27.86'],
    // The stake the question states is given; the price is asked.
    ['岚桥收购朔风航运60%股权的对价是多少', '5亿元'],
  ])('%s', (q, expected) => expectAnswerFrom(eng, q, expected));
});

describe('encyclopedia paragraphs: biographies, titles of any post, names met once, dimensions asked with 多', () => {
  const open = (name: string, text: string) => fixture(name, text, '2018-01-01').engine;
  const bio = open(
    'bio',
    '罗思远，临江人，生于罗马。男，汉族。1971年8月参加工作。1992年4月，任中共临江市东港区委副书记、代区长。1998年6月，调任临江市商务局局长。2003年1月，任临江市副市长。2002年，他主持的商务局改革方案获得省里认可。罗思远随即被列为副市长人选。1983年，罗思远参与临江港口建设。1989年，东港区防洪工程由他主持。',
  );
  const street = open(
    'street',
    '青石巷是临江市的一条老街，全长860米，宽约4米，两侧多为清代民居。青石巷的石板路由清代盐商出资铺设。1908年，法国传教士亨利·马蒂厄在巷口建起一座小教堂。青石巷12号是一座清代院落。' +
      '青石巷的特点主要有以下三点：第一，石板路保存完整。第二，两侧民居多为清代建筑。第三，巷口有一座小教堂。' +
      '青石巷两侧的民居保存完好，石板路也未经翻修。所以，青石巷被列为历史文化街区。青石巷又称石板巷。巷口有一棵古槐，其叶四季常青。每逢夏至当日正午，古槐的影子最短。后来的临江盐商会馆则是盐商们的议事场所。在此期间，巷口还开了一家茶馆。临江盐商是清代在临江经营盐业的商人群体。',
  );

  it.each([
    ['1992年4月，罗思远担任什么职务？', '副书记'],
    ['1998年6月罗思远担任什么职务', '局长'],
    ['2003年1月，罗思远任什么职位', '副市长'],
    // A place named once is still a place (the segmenter tags it).
    ['罗思远出生于哪里', '罗马'],
    // The sentence that states the year asked is the one meant, whatever its verb.
    ['1989年，罗思远参与了什么工程', '防洪'],
  ])('a biography opening with its subject\'s name is about that person throughout: %s', (q, expected) => expectAnswerFrom(bio, q, expected));

  it.each([
    ['青石巷有多长？', '860米'],
    ['青石巷有多宽', '4米'],
    ['谁在巷口建起了小教堂？', '亨利·马蒂厄'],
    // A list opened with a colon goes on through the sentences that carry it (第二, 第三).
    ['青石巷有哪些特点', '两侧民居'],
    // A sentence opening on its consequence (所以) has its cause before it.
    ['为什么青石巷被列为历史文化街区', '保存完好'],
    // 叫 is answered by 又称; a two-character noun by its head character alone (其叶 for 树叶).
    ['青石巷也叫什么', '石板巷'],
    ['巷口古槐的树叶有什么特点', '四季常青'],
    // 什么时候 may be answered by an occasion, not only a calendar date.
    ['古槐的影子什么时候最短', '夏至'],
    // A definition opens on its term; a mention in passing ("…会馆则是…") does not define it.
    ['什么是临江盐商', '经营盐业'],
  ])('%s', (q, expected) => expectAnswerFrom(street, q, expected));

  it('a claim told in a narrative is explained by what led to it, the sentence before', async () => {
    const a = await bio.answer('罗思远为什么被列为副市长人选');
    expect(a.kind, a.answer).toBe('passage');
    expect(a.answer).toContain('改革方案');
    expect(a.answer).toContain('副市长人选');
  });

  it('what the paragraph does not say is still refused', async () => {
    expect((await street.answer('青石巷有多少户人家')).kind).toBe('not_found');
    expect((await bio.answer('罗思远2010年担任什么职务')).kind).toBe('not_found');
    expect((await bio.answer('罗思远的妻子是谁')).kind).toBe('not_found');
    // 哪年 asks for the calendar: an occasion does not answer it; "在此期间" places nothing in time.
    expect((await street.answer('古槐的影子哪年最短')).kind).toBe('not_found');
    expect((await street.answer('巷口的茶馆是什么时候开的')).kind).toBe('not_found');
  });
});

describe('periods as a results story writes them: relative to the posting date, and glossed', () => {
  const { article: fiscal, engine: eng } = fixture(
    'fiscal',
    '临溪电器发布季度业绩\n\n2025-11-10 09:00  来源：某财经\n\n2025财年（2024年7月1日至2025年6月30日），临溪电器实现营业收入150亿元，同比增长6%。\n\n' +
      '今年三季度，也就是临溪电器2026财年的第一财季，公司实现营收40亿元，同比增长9%。去年上半年，临溪电器营收为70亿元。\n',
    '2025-11-10',
  );

  it('a figure belongs to the period stated first, not to the one glossing it in brackets or after 也就是', () => {
    const figures = loadFactBook(fiscal).facts.filter((f) => f.type === 'figure');
    expect(figures.find((f) => f.text.includes('150'))?.period?.key).toBe('2025');
    expect(figures.find((f) => f.text.includes('40'))?.period?.key).toBe('2025Q3');
    expect(figures.find((f) => f.text.includes('70'))?.period?.key).toBe('2024H1');
  });

  it.each([
    ['三季度营收多少', '40亿元'],
    ['临溪2025财年营收', '150亿元'],
    ['临溪电器去年上半年营收多少', '70亿元'],
  ])('%s', (q, expected) => expectAnswerFrom(eng, q, expected));

  it('a quarter the article does not give is refused', async () => {
    expect((await eng.answer('临溪电器今年二季度营收多少')).kind).toBe('not_found');
  });
});

describe('chat shapes of comparison, definition and time', () => {
  it('谁/哪家 … 得多 compares; 未来几年 is a time, not a count; 时间段 asks when', () => {
    expect(classifyQuestion('沧澜科技和沧澜财富去年谁赚得多')).toBe('comparison');
    expect(classifyQuestion('哪家的营收高')).toBe('comparison');
    expect(classifyQuestion('沧澜未来几年的重点是啥')).not.toBe('number');
    expect(classifyQuestion('沧澜这几年发展得怎么样')).not.toBe('number');
    expect(classifyQuestion('沧澜有几个子公司')).toBe('number');
    expect(classifyQuestion('不良率上升是哪个时间段')).toBe('date');
    expect(classifyQuestion('两家营收各多少 差几倍')).toBe('comparison');
    expect(classifyQuestion('2023年沧澜银行和沧澜财富 谁的净利润高')).toBe('comparison');
  });

  it('two characters glued into no word of the language or the article are a predicate\'s pieces', () => {
    const q = analyzeQuestion('许知远刚进沧澜科技那会儿是什么职位', article);
    expect(q.words).toContain('刚进');
    expect(q.light.has('刚进')).toBe(true);
    expect(q.light.has('许知远')).toBe(false);
  });

  it('a year\'s 年 is not glued to the verb after it', () => {
    const q = analyzeQuestion('2019年定了什么战略', article);
    expect(q.words).not.toContain('年定');
    expect(q.unknownNames).toEqual([]);
  });

  it.each([
    ['沧澜科技和沧澜财富2023年谁赚得多', '41亿元'],
    ['沧澜银行是干啥的', '互联网银行'],
    // "哪块业务" is filled by a word ending in 业务 or a kind of business the sentence names.
    ['沧澜银行主要服务哪类客户', '小微商户'],
  ])('%s', async (q, expected) => expectAnswer(q, expected));

  it('a noun the dictionary tags oddly (本科/r) is still a noun the passage must hold', async () => {
    expect((await engine.answer('贺明山本科在哪读的')).kind).toBe('not_found');
    expect(analyzeQuestion('贺明山本科在哪读的', article).light.has('本科')).toBe(false);
  });
});

describe('names the segmenter glues to a function character, or holds only in part', () => {
  it('an article word with a function character glued on is that word', () => {
    const inArticle = (w: string) => '小艾瑞克·高登，美国篮球运动员，效力于火箭队。兆康苑总站位于屯门。'.includes(w);
    expect(unglued('高登现', inArticle)).toBe('高登');
    expect(unglued('在兆康苑', inArticle)).toBe('兆康苑');
    // A word the article writes whole, or no article word inside, stays as typed.
    expect(unglued('火箭队', inArticle)).toBe('火箭队');
    expect(unglued('湖人队', inArticle)).toBe('湖人队');
  });
});

describe('a bank report: declared short names, measure nouns the genre does not list, misread people', () => {
  const text = [
    '岚溪银行换帅：副行长程远舟接任行长',
    '4月28日晚间，岚溪农村商业银行股份有限公司（下称“岚溪农商行”）披露年报。董事会同意聘任副行长程远舟为行长；原行长罗思远辞去行长职务，将被提名为监事长候选人。',
    '2024年，岚溪农商行实现营业收入108.64亿元，同比增长3.21%。截至2024年末，该行资产总额4386.52亿元，首次突破4000亿元。',
    '资产质量方面，截至2024年末，岚溪农商行不良贷款率1.12%；拨备覆盖率312.46%；拨贷比3.50%。',
    '程远舟1998年毕业后进入青石银行工作，2008年起任青石银行江宁分行副行长，2011年加入岚溪农商行。',
    '利润分配方面，该行拟向全体股东每10股派发现金红利2.10元。绿色金融和代理保险业务增长较快。岚溪市金融控股集团有限公司计划增持股份，岚溪市内网点共146家。',
  ].join('\n\n');
  const { article: bank, engine: eng } = fixture('bank', text, '2025-04-28');

  it('a short name declared with 下称 is another name of the full name before it', () => {
    const org = bank.entities.find('岚溪农商行')[0];
    expect(org?.kind).toBe('org');
    expect(bank.entities.get(org!.canonical)?.names).toEqual(expect.arrayContaining(['岚溪农商行']));
    // Both names lead to one entity: the events of the short name answer the full name.
    expect(org!.canonical).toBe('岚溪农村商业银行');
  });

  it('an industry word after an ordinary noun is a phrase of the trade, not a company; a city is no short name', () => {
    const names = bank.entities.entities.flatMap((e) => e.names);
    expect(names).not.toContain('绿色金融');
    expect(names).not.toContain('代理保险');
    expect(names).not.toContain('岚溪市');
  });

  it('a surname-shaped piece before an org ending, or cut out of a word, is no person', () => {
    const people = bank.entities.entities.filter((e) => e.kind === 'person').map((e) => e.canonical);
    expect(people).toEqual(expect.arrayContaining(['程远舟', '罗思远']));
    expect(people).not.toContain('任青石');
    expect(people).not.toContain('金红利');
  });

  it('a figure after a measure noun the genre does not list borrows no earlier measure', async () => {
    const facts = loadFactBook(bank).facts.filter((f) => f.type === 'figure');
    // 资产总额 and 拨备覆盖率 are not listed measures: neither 4386.52 nor 312.46 becomes a revenue or NPL figure.
    expect(facts.some((f) => f.type === 'figure' && f.value === 4386.52)).toBe(false);
    expect(facts.some((f) => f.type === 'figure' && (f.value === 312.46 || f.value === 3.5))).toBe(false);
    expect(facts.find((f) => f.type === 'figure' && f.value === 1.12)?.measure).toBe('不良率');
    await expectAnswerFrom(eng, '不良贷款率是多少', '1.12%');
    await expectAnswerFrom(eng, '拨备覆盖率多少', '312.46%');
  });
});

describe('how people type periods, amounts and names', () => {
  it('a two-digit year before a period or a measure is a year; a span of years is not', async () => {
    const q = analyzeQuestion('沧澜科技22年营收多少', article);
    expect(q.periods.map((p) => p.key)).toContain('2022');
    expect(analyzeQuestion('23年上半年营收', article).periods.map((p) => p.key)).toContain('2023H1');
    expect(analyzeQuestion('贺明山干了15年CEO', article).periods).toEqual([]);
    // A year the article lacks is refused, not answered with another year's figure.
    expect((await engine.answer('沧澜科技22年营收多少')).kind).toBe('not_found');
  });

  it('头三个季度 and 前3季度 are the first three quarters', () => {
    for (const q of ['2024年头三个季度营收', '2024年前3季度营收', '2024年前三个季度营收']) {
      expect(analyzeQuestion(q, article).periods.map((p) => p.key)).toContain('2024Q1-3');
    }
  });

  it('ordinals come from what was typed, not from words added for related senses', () => {
    const q = analyzeQuestion('原来的CEO贺明山卸任后去干什么', article);
    expect(q.ordinals).toEqual([]);
  });

  it('a directional complement and a deictic time word are light', () => {
    const q = analyzeQuestion('沧澜科技当年花多少钱把云栈数据买下来的', article);
    expect(q.light.has('当年')).toBe(true);
    expect(q.words.filter((w) => w.endsWith('下来')).every((w) => q.light.has(w))).toBe(true);
  });

  it('English "what did X pay for Y" asks an amount; "who runs X" asks the person in charge', () => {
    expect(classifyQuestion(analyzeQuestion('what did 沧澜科技 pay for 云栈数据', article).text)).toBe('number');
    expect(analyzeQuestion('who runs 沧澜银行 now', article).text).toContain('负责');
  });

  it('是干嘛的 / 是做什么的 ask what a thing is', () => {
    for (const q of ['沧澜银行是干嘛的', '沧澜银行是做什么的']) expect(analyzeQuestion(q, article).answerType).toBe('definition');
  });

  it('几月几号 prefers the sentence that gives the day', async () => {
    const { engine: eng } = fixture('day', ['许知远履新', '2024年3月，许知远被任命为岚桥集团总裁。', '这是岚桥集团近年来最重要的人事变动。', '据公告，2024年3月19日，许知远获任岚桥集团总裁，全面负责集团业务。'].join('\n\n'), '2025-04-01');
    await expectAnswerFrom(eng, '许知远被任命为总裁是几月几号', '19 日');
  });
});

describe('a real word typed for one of the article\'s coined names is read as the name', () => {
  const { article: pay, engine: eng } = fixture('pay', ['青禾支付发布年报', '青禾支付旗下的信用支付产品“乐呗”已与4000万商家合作。', '乐呗的用户规模继续增长，青禾支付表示将加大投入。'].join('\n\n'), '2025-04-01');
  it('a homophone of a name, even a dictionary word or one with a particle character, is repaired', () => {
    for (const typed of ['乐被', '乐贝']) {
      const q = analyzeQuestion(`${typed}合作的商户有多少家`, pay);
      expect(q.readings.some((r) => r.read === '乐呗')).toBe(true);
    }
  });
  it('the repaired name answers', async () => expectAnswerFrom(eng, '乐被合作的商户有多少家', '4000万'));
});

describe('a sentence about someone else does not answer a question about a person', () => {
  const { engine: eng } = fixture('leave', ['岚桥集团人事变动', '今年2月，岚桥集团副总裁、原大模型负责人程远舟离职了。', '此前，岚桥集团CTO罗思远也已离开公司，去向未披露。', '罗思远曾在青石科技工作。'].join('\n\n'), '2025-04-01');
  it('where the asked person went is refused when only another person\'s move is told', async () => {
    expect((await eng.answer('罗思远离开后去了哪家公司')).kind).toBe('not_found');
  });
  it('a sentence whose subject is dropped (no name, no pronoun) still answers', async () => {
    const { engine: bio } = fixture('bio', ['罗思远', '罗思远，男，汉族，1965年生。', '2013年3月，接替程远舟，当选为岚桥集团董事长。'].join('\n\n'), '2020-01-01');
    await expectAnswerFrom(bio, '2013年3月，罗思远担任什么职务', '董事长');
  });
});

describe('articles mix scripts, and numerals count with classifiers', () => {
  it('a traditional or variant character in the article matches the simplified question', async () => {
    const { engine: eng } = fixture('tea', ['凉茶舖', '凉茶舖是售卖凉茶的店舖，又叫凉茶店。', '后来有些凉茶舖兼卖甜品。'].join('\n\n'), '2018-01-01');
    await expectAnswerFrom(eng, '凉茶铺又叫什么', '凉茶店');
    await expectAnswerFrom(eng, '凉茶舖后来兼卖什么', '甜品');
  });
  it('两种, 五个赛季, 23人 hold a number; 三星 does not', async () => {
    const { holdsType } = await import('../src/question/answer-type.js');
    for (const t of ['内台航路有两种。', '他在队中度过了五个赛季。', '全队共23人。']) expect(holdsType('number', t, article.entities)).toBe(true);
    expect(holdsType('number', '他曾在三星工作。', article.entities)).toBe(false);
  });
});

describe('the kind asked and the thing counted are constraints', () => {
  const { engine: eng } = fixture('school', ['岚溪银行换帅', '前任行长罗思远出生于1963年，自2017年起担任岚溪银行行长。', '程远舟1998年从青石大学毕业后进入岚溪银行工作，现年48岁。', '截至年末，该行共有营业网点218家。'].join('\n\n'), '2025-04-28');
  it('哪所大学 is answered by a school, never by a company in the sentence', async () => {
    expect((await eng.answer('罗思远是哪所大学毕业的')).kind).toBe('not_found');
    await expectAnswerFrom(eng, '程远舟是哪所大学毕业的', '青石大学');
  });
  it('the noun right before 多少 is what is counted: the sentence must count it', async () => {
    expect((await eng.answer('程远舟当行长年薪多少')).kind).toBe('not_found');
    await expectAnswerFrom(eng, '营业网点一共有多少', '218家');
  });
});

describe('each figure has the period stated before it, and its own measure noun', () => {
  const { engine: eng } = fixture('quarters', [
    '沧源电池发布三季报',
    '今年第三季度，沧源电池实现营业收入128.6亿元；归属于上市公司股东的净利润9.72亿元，同比增长41.8%。',
    '其中，上半年公司营收为212.9亿元，归母净利润为14.64亿元，第三季度单季利润贡献接近前三季度总额的四成。',
    '盈利能力方面，第三季度公司综合毛利率为21.6%，较去年同期提升2.7个百分点。',
  ].join('\n\n'), '2025-10-30');
  it('a bare 第三季度 or 上半年 is the latest one ended before posting, in questions and in the article', async () => {
    const { analyzeQuestion: aq } = await import('../src/question/query.js');
    const { article: a } = fixture('q', '沧源电池\n\n沧源电池发布三季报。', '2025-10-30');
    expect(aq('第三季度公司赚了多少钱', a).periods.map((p) => p.key)).toContain('2025Q3');
    expect(aq('上半年净利润多少', a).periods.map((p) => p.key)).toContain('2025H1');
  });
  it('a sentence naming two periods gives each figure the period before it', async () => {
    await expectAnswerFrom(eng, '第三季度公司赚了多少钱', '9.72亿元');
    await expectAnswerFrom(eng, '上半年净利润有多少', '14.64亿元');
  });
  it('a figure whose own measure noun is another measure (毛利率) is not the profit asked', async () => {
    const a = await eng.answer('第三季度利润多少');
    expect(a.answer).not.toContain('21.6%');
  });
});

describe('ranks and sequences are said many ways', () => {
  it('a list\'s ranks ("分别位居 2 - 4 位") and chat\'s 老二 are ranks', () => {
    expect(ordinalsOf('甲、乙、丙分别位居 2 - 4 位')).toEqual(expect.arrayContaining(['2位', '3位', '4位']));
    expect(ordinalsOf('保险中介里排老二的是哪家')).toEqual(['2位']);
    expect(analyzeQuestion('沧澜科技排老二的业务是哪块', article).unknownNames).not.toContain('老二');
  });
  it('第一次 is the article\'s 首批 when batches are counted; the head of a counted noun may stand in a compound', async () => {
    const { engine: eng } = fixture('npl', ['沧源消金处置不良资产', '今年2月5日，沧源消金处置了首批个人不良贷款资产包。该资产包的未偿本息总额为5.81亿元。'].join('\n\n'), '2025-04-01');
    const a = await eng.answer('沧源消金第一次处置的不良资产包未偿本息总额多少');
    expect(a.answer).toContain('5.81');
    await expectAnswerFrom(eng, '沧源消金首批资产包本金加利息一共多少', '5.81亿元');
  });
});

describe('where someone was before is told by the career sentences about them', () => {
  const { engine: eng } = fixture('career', [
    '岚桥物流换帅',
    '10月13日，许知远正式出任岚桥物流首席执行官。许知远在内部会议上表示，未来三年公司将坚持稳健经营，公司也将继续加大投入。',
    '许知远今年47岁，2000年毕业于海事大学。毕业后他进入恒畅航运，在那里工作了7年。2007年，他跳槽至华辰快运。',
    '2014年，许知远加入岚桥物流。',
    '另一位高管罗思远于2017年加入岚桥物流，此前曾担任青石银行副行长。',
  ].join('\n\n'), '2025-10-20');
  it.each([
    ['许知远来岚桥物流之前在哪些公司干过', '恒畅航运'],
    ['where did 罗思远 work before he joined 岚桥物流', '青石银行'],
  ])('%s', async (q, expected) => expectAnswerFrom(eng, q, expected));
  it('a question about someone the article never names gets no one else\'s career', async () => {
    const a = await eng.answer('程远舟来岚桥物流之前在哪家银行干过');
    expect(a.answer).not.toContain('青石银行');
  });
});

describe('an answer goes on where the article goes on', () => {
  const { engine: eng } = fixture('plant', [
    '岚花',
    '岚花是一种常绿灌木，原生于青石山区。',
    '岚花有什么特征已有记载。其叶对生，长约5厘米。花为顶生，鲜黄色，花冠呈漏斗形。2012年，岚花被引入沧澜植物园。',
    '现任园长程远舟有过任职经历。',
    '他曾担任青石植物园的副园长。',
  ].join('\n\n'), '2020-01-01');
  it('a description goes on over the sentences after the one that starts it, up to a dated event', async () => {
    const a = await eng.answer('岚花的叶和花有什么特征');
    expect(a.answer).toContain('其叶对生');
    expect(a.answer).toContain('鲜黄色');
    expect(a.answer).not.toContain('2012年');
  });
  it('a sentence that announces an experience is followed by the one that tells it', async () => {
    await expectAnswerFrom(eng, '程远舟以前当过什么职位', '副园长');
  });
});

describe('attributes a reference text states without naming them', () => {
  const { engine: eng } = fixture('singer', ['罗思远', '罗思远（英文名：Ross Luo），新加坡人，新加坡及台湾歌手。罗思远过去曾是空乘，读书时期擅长模仿。', '罗思远于2008年参加歌唱比赛，获得女子组第一名。'].join('\n\n'), '2018-01-01');
  it.each([
    ['罗思远的职业是什么', '歌手'],
    ['罗思远的国籍是什么', '新加坡人'],
  ])('%s', async (q, expected) => expectAnswerFrom(eng, q, expected));
  it('an attribute word is light only where the article never uses it; what the article lacks is still refused', async () => {
    expect(analyzeQuestion('罗思远的职业是什么', eng.article).light.has('职业')).toBe(true);
    expect((await eng.answer('罗思远的年薪是多少')).kind).toBe('not_found');
  });
  it('a date asked about in the sentence before dates the sentence that tells the event', async () => {
    const { engine: e2 } = fixture('mail', ['沧澜集团换帅', '沧澜集团宣布，许知远将出任CEO。', '2024年12月8日早9点，是9个月之后的时间。沧澜集团董事长罗思远发布了全员邮件，宣布卸任CEO一职。', '在那封公开信里，罗思远指出：许知远2014年加入了沧澜。'].join('\n\n'), '2025-04-01');
    await expectAnswerFrom(e2, '罗思远那封说自己卸任的全员邮件是哪天发的', '12 月 8 日'.replace(/ /g, ''));
  });
});

describe('counts in Chinese numerals, colours and spans of time', () => {
  const { engine: eng } = fixture('route', [
    '岚海航路',
    '岚海航路，是连结青石港与沧澜港的海运航线，又分为官方指定的「命令航路」和民间经营的「自由航路」两种。1929年，罗思远也加入经营岚海航路。',
    '岚鱼体呈银灰色，体长可达80公分。岚鱼常见于近海。',
    '程远舟于2017年加入岚海航运，现任董事长。',
  ].join('\n\n'), '2018-01-01');
  it('几种 is answered by the sentence that counts in that classifier, in Chinese numerals too', async () => {
    await expectAnswerFrom(eng, '岚海航路有几种', '两种');
  });
  it('什么颜色 is answered by the sentence that names a colour', async () => {
    await expectAnswerFrom(eng, '岚鱼的身体是什么颜色的', '银灰色');
  });
  it('干了几年 needs a span of years, not a calendar year', async () => {
    expect((await eng.answer('程远舟在岚海航运干了几年')).kind).toBe('not_found');
  });
});

describe('idioms and dictionary words the tagger calls names are not unknown names', () => {
  it('an idiom before 的 owns nothing; a dictionary word tagged as a name without a surname is a word', () => {
    expect(analyzeQuestion('为啥说贺明山当CEO也不是板上钉钉的事', article).unknownNames).toEqual([]);
    expect(analyzeQuestion('沧澜科技合并后各部门的总经理有换人吗', article).unknownNames).not.toContain('换人');
    // A real name the article lacks is still one.
    expect(analyzeQuestion('百度的CEO是谁', article).unknownNames).toContain('百度');
  });
});

describe('chat\'s speech verbs and English periods', () => {
  const { engine: eng } = fixture('speech', ['沧澜支付', '2024年9月，许知远在上海外滩大会上作出表示。“乐碰”不但能够解决支付问题，而且还可以连接其他服务。', '前三季度沧澜支付总出货量达到97.6万台。'].join('\n\n'), '2024-10-30');
  it('提到 / talk about reach 表示', async () => {
    await expectAnswerFrom(eng, '许知远2024年9月在哪个城市提到乐碰', '上海');
  });
  it('the first nine months are the first three quarters', async () => {
    expect(analyzeQuestion('How much did they ship in the first nine months?', eng.article).text).toContain('前三季度');
  });
});

describe('two questions in one line', () => {
  const { engine: eng } = fixture('two', [
    '沧源医药收购岚生物',
    '2024年，仿制药业务收入201.5亿元，占总营收的52.1%，同比下降9.4%。',
    '8月22日，沧源医药公告，拟以26.4亿元现金收购青石岚生物62%的股权。',
  ].join('\n\n'), '2025-09-05');
  it('each part is answered; a part that names nothing leans on the first part\'s words', async () => {
    const a = await eng.answer('仿制药去年收入多少 占比多少');
    expect(a.kind).not.toBe('not_found');
    expect(a.answer).toContain('201.5');
    expect(a.answer).toContain('「占比多少」');
  });
  it('a price paid is the figure of what it bought', async () => {
    await expectAnswerFrom(eng, '收购岚生物花了多少钱', '26.4亿元');
  });
  it('a keyword query with a space is one question', async () => {
    const a = await eng.answer('仿制药 收入');
    expect(a.answer).not.toContain('「');
  });
});

describe('English "when" asks a time only where it opens the question', () => {
  it('a when-clause inside a how-much question leaves it a how-much question', () => {
    expect(analyzeQuestion('How much did 沧澜科技 pay when the deal was terminated?', article).answerType).toBe('number');
    for (const q of ['When did 贺明山 become CEO?', 'so when did 贺明山 join 沧澜科技', 'and when did 贺明山 leave']) {
      expect(analyzeQuestion(q, article).answerType).toBe('date');
    }
  });
});

describe('a purpose asked is a reason', () => {
  const { engine: eng } = fixture('purpose', [
    '沧澜换帅',
    '2023年3月，沧澜开展了7年以来规模最大的一次人事调整。此次调整涉及多个部门。这次调整，意在进一步强化沧澜钱包在数字互联业务方面的重要性。',
    '而数字互联则是基于支付入口进行拓展，这样做是为了实现用户留存和深度转化。',
  ].join('\n\n'), '2025-04-01');
  it.each([
    ['数字互联搞来是为了啥', '用户留存'],
    ['2023年3月那次大换血主要是想干嘛', '重要性'],
  ])('%s', async (q, expected) => expectAnswerFrom(eng, q, expected));
  it('a numeral and its classifier are never a typo ("一仗")', () => {
    expect(analyzeQuestion('这一仗为啥这么要紧', eng.article).readings.filter((r) => r.how === 'homophone')).toEqual([]);
  });
});

describe('chat\'s 管 is news\'s 负责 / 掌管 / 分管', () => {
  const { engine: eng } = fixture('charge', [
    '沧澜高管',
    '资深副总裁罗思远，之前是青石银行网络金融部的总经理。他曾经掌管沧澜银行和沧澜消金，现在是财富保险事业群的总裁。',
    '今年2月，沧澜集团副总裁、原金融大模型负责人程远舟离职了。',
  ].join('\n\n'), '2025-04-01');
  it.each([
    ['罗思远之前管过哪些子公司', '沧澜银行'],
    ['程远舟之前在沧澜管的是什么', '金融大模型'],
  ])('%s', async (q, expected) => expectAnswerFrom(eng, q, expected));
});

describe('the genre\'s words for a leadership change and a share price', () => {
  const { engine: eng } = fixture('price', ['沧源物流换帅', '9月26日晚间，沧源物流公告换帅，许知远出任CEO。', '公告发布后的第一个交易日，沧源物流A股上涨4.7%，收于每股52.3元。'].join('\n\n'), '2025-10-01');
  it('换帅 is what happened, never an unknown name', () => {
    expect(analyzeQuestion('换帅消息出来以后股价涨了多少', eng.article).unknownNames).toEqual([]);
  });
  it('收于每股…元 states a share price', async () => {
    await expectAnswerFrom(eng, '公告出来以后沧源物流股价涨了多少', '4.7%');
  });
});

describe('talk about the article itself, and English contractions', () => {
  it('"the article brings it up", "文章里说的", "according to the article" are not what is asked', () => {
    for (const q of ["what's 云栈数据? the article brings it up", '文章里说的云栈数据是什么', 'According to the article, what is 云栈数据']) {
      const a = analyzeQuestion(q, article);
      expect(a.answerType, q).toBe('definition');
      expect(a.words.some((w) => /文章|article|带来/.test(w)), q).toBe(false);
    }
  });
});

describe('what came after a departure must be told', () => {
  const { engine: eng } = fixture('after', [
    '沧澜人事',
    '4月时，沧澜集团的副总裁、前基础大模型负责人程远舟离职了。',
    '原行长罗思远因工作调整，辞去行长职务，并将被提名为该行监事长候选人。',
  ].join('\n\n'), '2025-05-01');
  it('a departure alone does not say where the person went', async () => {
    for (const q of ['程远舟离职以后去了哪家公司', 'where did 程远舟 go after he left 沧澜集团']) expect((await eng.answer(q)).kind, q).toBe('not_found');
  });
  it('a next step told after the departure answers', async () => {
    await expectAnswerFrom(eng, '罗思远卸任后去干什么', '监事长');
  });
  it('who left is still answered by the departure', async () => {
    await expectAnswerFrom(eng, 'Which 沧澜集团 vice president quit in April?', '程远舟');
  });
});

describe('names and abbreviations the segmenter splits', () => {
  const { article: phone, engine: eng } = fixture('phone', [
    '星河科技换帅：执行总裁邵启明接任董事长',
    '星河科技董事会选举现任执行总裁邵启明为公司董事长。公开资料显示，邵启明今年46岁。',
    '星河科技今年7月宣布投资约1.8亿美元在印度尼西亚巴淡岛建设新工厂，预计2026年6月投产。',
    '上半年境内收入221.8亿元，同比增长9.4%；境外收入190.8亿元，同比增长30.6%。',
    '星河科技拟收购声衡微电子。声衡微电子2024年实现营收9.8亿元、净利润1.36亿元。',
  ].join('\n\n'), '2025-08-30');
  it('a surname tagged as a name before a word of another tag is a name when the article repeats them', () => {
    expect(phone.entities.find('邵启明')[0]?.kind).toBe('person');
  });
  it('多大 and a verb with 得 are no unknown names; an abbreviation of an article word is that word', () => {
    expect(analyzeQuestion('邵启明今年多大了', phone).unknownNames).toEqual([]);
    expect(analyzeQuestion('境内和境外收入哪个涨得更快', phone).unknownNames).toEqual([]);
    expect(analyzeQuestion('印尼新工厂啥时候投产', phone).unknownNames).toEqual([]);
  });
  it('an English what-question naming a measure asks its figure', () => {
    expect(analyzeQuestion("What was 星河科技's 2024 net profit?", phone).answerType).toBe('number');
    expect(analyzeQuestion('What was the biggest risk?', phone).answerType).not.toBe('number');
  });
  it('the new factory\'s start is found by the abbreviation', async () => {
    await expectAnswerFrom(eng, '印尼新工厂啥时候投产', '2026年6月');
  });
});

describe('a results article read as news writes it', () => {
  const { article: dairy, engine: eng } = fixture('dairy', [
    '岚桥乳业换帅：总裁许知远接任董事长',
    '8月26日晚间，岚桥乳业股份有限公司（以下简称“岚桥乳业”）发布公告，董事长罗思远因年龄原因辞任，董事会选举公司总裁许知远为董事长。',
    '根据公告，罗思远辞任后不再担任公司董事及其他管理职务，将转任岚桥乳业名誉董事长。',
    '新任董事长许知远，1969年出生，今年56岁。他1991年毕业于东北农业大学食品科学专业。2012年，许知远出任公司副总裁，分管奶源建设；2019年起担任公司总裁，并于同年进入董事会。',
    '半年报显示，2025年上半年，岚桥乳业实现营业收入152.7亿元，同比增长6.1%；实现归属于上市公司股东的净利润9.42亿元，同比增长18.6%；扣除非经常性损益后的净利润为8.87亿元，同比增长15.2%。',
    '单看第二季度，岚桥乳业实现营业收入74.9亿元，同比增长7.4%；归母净利润4.86亿元，同比增长23.1%，增速较一季度明显加快。',
    '2024年全年，岚桥乳业实现营业收入286.4亿元，同比增长4.2%，但归母净利润仅为15.3亿元，同比下降9.8%，全年毛利率由2023年的33.6%降至31.5%。',
    '分业务看，岚桥乳业液态奶上半年实现收入98.3亿元，同比增长3.5%；奶酪业务收入6.9亿元，同比大增32.8%；奶粉业务收入21.6亿元，同比下降5.7%。',
    '渠道方面，自营的“岚桥鲜到家”小程序注册会员突破1260万。截至报告期末，公司员工总数为2.31万人。',
    '2025年一季度，岚桥乳业归母净利润为-1.36亿元，而去年同期为盈利2.05亿元。',
  ].join('\n\n'), '2025-08-28');
  const figure = (text: string) => eng.facts.facts.find((f) => f.type === 'figure' && f.text === text) as import('../src/facts/schema.js').FigureFact | undefined;

  it('a change follows its own figure, not the one listed before it', () => {
    expect(figure('15.3亿元')?.change?.text).toContain('9.8%');
    expect(figure('286.4亿元')?.change?.text).toContain('4.2%');
    expect(figure('6.9亿元')?.change?.text).toContain('32.8%');
  });
  it('a quarter or half with no year is the one ended before posting; a period compared with dates nothing', () => {
    expect(figure('74.9亿元')?.period?.key).toBe('2025Q2');
    expect(figure('4.86亿元')?.period?.key).toBe('2025Q2');
  });
  it('the period after 由 dates the starting figure only; 去年同期 is a year before', () => {
    expect(figure('33.6%')?.period?.key).toBe('2023');
    expect(figure('31.5%')?.period?.key).toBe('2024');
    expect(figure('2.05亿元')?.period?.key).toBe('2024Q1');
  });
  it('the profit attributable to shareholders is the net profit; profit net of one-offs is another measure', () => {
    expect(figure('9.42亿元')?.measure).toBe('净利润');
    expect(figure('8.87亿元')?.measure).toBe('扣非净利润');
  });
  it("a business line's income is named by its line, so lines do not contradict one another", () => {
    expect(figure('6.9亿元')?.measureText).toBe('奶酪业务收入');
    expect(figure('21.6亿元')?.measureText).toBe('奶粉业务收入');
  });
  it('公司 is the company the article reports on; a count keeps its classifier', async () => {
    expect(figure('2.31万')?.entity).toBe('岚桥乳业');
    await expectAnswerFrom(eng, '公司现在多少员工', '2.31万人');
  });
  it('a clause that opens on a time continues the person before', async () => {
    await expectAnswerFrom(eng, '许知远啥时候开始当总裁的', '2019');
  });
  it('a question naming only a measure, how it changed and 公司 asks about the subject', async () => {
    await expectAnswerFrom(eng, '第二季度净利润涨了百分之几', '23.1%');
    await expectAnswerFrom(eng, '去年一整年净利润跌了多少', '9.8%');
    await expectAnswerFrom(eng, '上半年归母净利润多少', '9.42亿元');
  });
  it('a loss asked is a profit below zero', async () => {
    await expectAnswerFrom(eng, '今年一季度亏了多少钱', '1.36亿元');
  });
  it('two periods of one measure compare with no one named', async () => {
    await expectAnswerFrom(eng, '2024年毛利率跟2023年比掉了多少', '2.1');
  });
  it('schooling asked is answered by the sentence that states it, and refused where none does', async () => {
    await expectAnswerFrom(eng, '许知远 学历', '东北农业大学');
    expect((await eng.answer('罗思远什么学历')).kind).toBe('not_found');
  });
  it('stepping down said in everyday words asks for the next step, which the article tells of the person', async () => {
    await expectAnswerFrom(eng, '罗思远下来以后去做什么', '名誉董事长');
    await expectAnswerFrom(eng, '罗思远不当董事长以后干嘛去', '名誉董事长');
    expect((await eng.answer('许知远下来以后去做什么')).kind).toBe('not_found');
  });
  it('the 他 of 其他 and 他人 points back at no one', async () => {
    const { PERSON_PRONOUN } = await import('../src/text/function-words.js');
    for (const t of ['不再担任公司董事及其他管理职务', '帮助他人', '弹吉他']) expect(PERSON_PRONOUN.test(t), t).toBe(false);
    for (const t of ['他1991年毕业于', '她随后加入', '他们认为']) expect(PERSON_PRONOUN.test(t), t).toBe(true);
  });
  it('a pronoun opening a question with nothing before it means the person the article follows', async () => {
    const a = await eng.answer('他哪年当上总裁的');
    expect(a.answer).toContain('2019');
    expect(a.answer).toContain('许知远');
    expect(a.assumed).toBeUndefined();
  });
  it('where someone studied is a school', async () => {
    expect(classifyQuestion('新董事长大学在哪念的')).toBe('org');
    await expectAnswerFrom(eng, '新董事长许知远大学在哪念的', '东北农业大学');
  });
  it('a coined trade name is a name of the company even where the article never writes it alone', () => {
    expect(dairy.entities.find('岚桥今年怎么样')[0]?.canonical).toBe('岚桥乳业');
  });
});

describe('what a sentence must hold for the kind asked', () => {
  const { engine: eng } = fixture('kinds', [
    '青石光能人事',
    '许知远是青石光能的第二位董事长，此前曾任总裁。',
    '他把研发部分成了电池、组件、储能这三个独立的部门。',
    '许知远今年46岁，毕业于岚州大学会计学专业，2014年从某国际会计师事务所加入青石光能。',
    '公司在沙特的5GW工厂预计明年投产，出货目标为35GW。',
  ].join('\n\n'), '2025-11-18');
  it('an ordinal answers 第几', async () => {
    await expectAnswerFrom(eng, '许知远是青石光能第几位董事长', '第二位');
  });
  it('a list asked is answered by the sentence that lists', async () => {
    await expectAnswerFrom(eng, '研发部被拆成了哪几块', '电池、组件、储能');
  });
  it('an unnamed body answers no "which"; money asked needs an amount of money', async () => {
    for (const q of ['许知远之前在哪家会计师事务所', '沙特工厂投了多少钱']) expect((await eng.answer(q)).kind, q).toBe('not_found');
  });
  it('age asked is stated in years; size asked is not age', () => {
    expect(classifyQuestion('许知远几几年生的')).toBe('date');
  });
  it('an attribute asked is named by its kind, not by characters that happen to spell it', async () => {
    const { asksAttribute, statesAttributeAsked } = await import('../src/question/answer-type.js');
    for (const q of ['青石中学位于哪儿', '单位将由什么形式出售', '冷库有多大', '规模有多大']) expect(asksAttribute(q), q).toBe(false);
    for (const q of ['许知远什么学历', '表格是什么形状的', '邵启明今年多大了', 'How old is he 多少岁']) expect(asksAttribute(q), q).toBe(true);
    expect(statesAttributeAsked('表格是什么形状的', '一般给出矩形的表格')).toBe(true);
  });
});

describe('分别 asks its predicate of each name joined before it', () => {
  const { engine: eng } = fixture('funds', [
    '基金代销',
    '2024年，沧澜基金的营收达到162.91亿元，同比增长29.02%。',
    '2024年，青石基金实现营业收入28.53亿元，同比下降21.56%。',
  ].join('\n\n'), '2025-04-23');
  it.each([['沧澜基金跟青石基金2024年营收分别是多少'], ['沧澜基金和青石基金2024年的营收分别多少']])('%s', async (q) => {
    const a = await eng.answer(q);
    expect(a.answer).toContain('162.91');
    expect(a.answer).toContain('28.53');
  });
});

describe('names as a results story uses them, and the one appointed now', () => {
  const { article: tea, engine: eng } = fixture('tea', [
    '青禾茶饮换帅：首席运营官邵景川升任CEO',
    '青禾茶饮控股有限公司发布公告，创始人顾南屏因个人原因辞任CEO，董事会任命首席运营官邵景川为新任CEO。',
    '顾南在辞任后将继续担任董事会主席。景川在内部信中表示，青禾会把更多资源投向门店。顾南表示支持，景川表示感谢。',
    '2023年11月，顾南屏曾将首席财务官一职交给罗嘉怡。',
    '2024年，青禾实现营业收入86.4亿元。今年2月5日，青禾以3.2亿元收购麦岭烘焙。',
  ].join('\n\n'), '2025-08-28');
  it("a person's name cut short, and a word starting one company's name, are their short names", () => {
    expect(tea.entities.find('顾南')[0]?.canonical).toBe('顾南屏');
    expect(tea.entities.find('景川')[0]?.canonical).toBe('邵景川');
    expect(tea.entities.find('青禾')[0]?.canonical).toMatch(/^青禾茶饮/);
  });
  it('the new holder asked is the one appointed now, not the one who left nor an old appointment', async () => {
    await expectAnswerFrom(eng, '青禾新的CEO是谁', '邵景川');
    await expectAnswerFrom(eng, '青禾新上任的CEO是谁？', '邵景川');
  });
  it('a day in a month named relative to the posting date answers that month', async () => {
    await expectAnswerFrom(eng, '青禾今年2月收购麦岭烘焙花了多少钱', '3.2亿元');
  });
  it('a name typed as a real word beside a year is still read as the name', async () => {
    const { engine: bank } = fixture('netbank', ['网商银行年报', '2023年网商银行不良率达到2.28%。'].join('\n\n'), '2025-04-23');
    await expectAnswerFrom(bank, '网上银行2023年不良率多少', '2.28%');
  });
  it('age asked in English needs a sentence that states an age', async () => {
    expect((await eng.answer('How old is Shao Jingchuan?')).kind).toBe('not_found');
  });
});

describe('a line of business, a share, a plan and a post kept, as a results story writes them', () => {
  const { engine: eng } = fixture('chain', [
    '青禾茶饮换帅',
    '公司创始人顾南屏将不再兼任首席执行官一职，但继续担任董事会主席。',
    '2025年上半年，青禾茶饮实现营业收入38.65亿元。咖啡子品牌“岚咖”收入5.41亿元，同比大增47.2%，占总营收的比重从去年同期的约11.0%提升至14.0%。',
    '2025年上半年，青禾茶饮零售及瓶装饮料业务收入2.36亿元，同比下降4.8%；加盟管理服务及其他收入1.08亿元，同比增长6.3%。',
    '到2027年，岚咖门店数量计划达到500家。',
  ].join('\n\n'), '2025-08-28');
  const figure = (text: string) => eng.facts.facts.find((f) => f.type === 'figure' && f.text === text) as import('../src/facts/schema.js').FigureFact | undefined;
  it('giving up one post while keeping another tells what comes after', async () => {
    await expectAnswerFrom(eng, '顾南屏卸任以后干嘛去了', '董事会主席');
  });
  it('a share of a measure is not the measure, and the figure a change arrives at is of now', () => {
    expect(figure('14.0%')?.measure ?? '').not.toBe('营收');
    expect(figure('14.0%')?.period?.key ?? '2025H1').toBe('2025H1');
  });
  it('a noun phrase before a bare 收入 names its line', () => {
    expect(figure('1.08亿元')?.measureText).toBe('加盟管理服务及其他收入');
    expect(figure('5.41亿元')?.change?.text).toContain('47.2%');
  });
  it('a plan is no figure of now', async () => {
    expect((await eng.answer('岚咖现在有多少家门店')).kind).toBe('not_found');
  });
});

describe('a figure asked against the same period a year before, and counts with their noun', () => {
  const { engine: eng } = fixture('growth', [
    '沧澜集团业绩',
    '2024年前三季度，沧澜集团利润为329.8亿元，同比增长105.7%。',
    '乐呗拥有4亿用户，还有4000万合作商家。',
    '新任首席财务官林若溪此前在信衡会计师事务所从事审计工作。',
  ].join('\n\n'), '2025-04-23');
  it('明年 is the year after posting: a target is dated by it', async () => {
    const { periodsAskedIn } = await import('../src/genre/period.js');
    expect(periodsAskedIn('明年营收目标定了多少', 2025).map((p) => p.key)).toEqual(['2026']);
  });
  it('with no figure of the earlier period, the change stated for the later one answers', async () => {
    await expectAnswerFrom(eng, '沧澜2024年前三季度利润跟2023年同期比涨了多少', '105.7%');
  });
  it('a count keeps the noun it counts', async () => {
    await expectAnswerFrom(eng, '乐呗有多少用户', '4亿用户');
  });
  it('what was newly done (新设, 新建) names no one', () => {
    for (const q of ['沧澜新设的部门是谁带的啊', '沧澜新建的工厂在哪']) expect(analyzeQuestion(q, article).unknownNames, q).toEqual([]);
  });
  it('新来 says who is asked; it names no one', async () => {
    expect(analyzeQuestion('新来的财务老大以前在哪家事务所干审计', article).unknownNames).toEqual([]);
    await expectAnswerFrom(eng, '新来的财务老大以前在哪家事务所干审计', '信衡会计师事务所');
  });
});

describe('figures told as a results story tells them: units of goods and prices, where a change starts, per-share values', () => {
  const { engine: eng } = fixture('results', [
    '岚桥电池换帅 许知远接棒',
    '岚桥电池股份有限公司（以下简称“岚桥电池”）前晚发布年报，创始人罗思远因个人原因辞去首席执行官职务，董事会聘任现任总裁许知远为新任首席执行官。罗思远继续担任董事长。',
    '接任者许知远今年47岁。他本科毕业于青石理工大学材料专业，此后获得东川大学博士学位。',
    '年报显示，2024年岚桥电池实现营业收入412.37亿元，同比增长21.4%；全年综合毛利率为19.7%，较上年提升2.5个百分点。全年电池合计出货量86.4GWh，同比增长34.5%。',
    '受业绩影响，岚桥电池股价昨日高开，盘中最高触及70.15元，最终收报68.42元，涨幅7.3%。',
    '资产负债方面，归属于母公司股东的净资产为552.3亿元，每股净资产8.84元。上半年公司经营活动产生的现金流量净额为57.9亿元，同比增长13.5%。',
    '公司以3.8亿元受让青石数科41%的股权。青石数科的线上定损比例可以从目前的62%提高至85%。',
    '分析师将岚桥电池的目标价从72元上调至79元。',
    '2024年，乐呗科技的财富管理手续费及佣金收入为220.05亿元，同比下降22.70%；全年营收下滑了0.48%。',
    '据统计，岚桥电池的对外投资总计有171笔，对外投资总额达到了近300亿元。',
  ].join('\n\n'), '2025-03-28');
  const facts = () => eng.facts.facts.filter((f) => f.type === 'figure');
  const figure = (text: string) => facts().find((f) => f.type === 'figure' && f.text.replace(/\s/g, '') === text);

  it('a quantity of goods or a price in 元 is a figure of the measure its own clause names', () => {
    expect(figure('86.4GWh')?.measure).toBe('出货量');
    expect(figure('68.42元')?.measure).toBe('股价');
    // (A price with no measure in its clause, and a per-share value, are no figures of anything.)
    expect(figure('70.15元')).toBeUndefined();
    expect(figure('8.84元')).toBeUndefined();
  });
  it('a change in a sentence with its own measure or figure stays there', () => {
    expect(figure('19.7%')?.change).toBeUndefined();
    expect(figure('86.4GWh')?.change?.text).toContain('34.5%');
    expect(figure('552.3亿元')?.change).toBeUndefined();
  });
  it('涨幅 is a change: it is no share price', () => {
    expect(figure('68.42元')?.change?.text).toContain('7.3%');
    expect(facts().some((f) => f.measure === '股价' && f.unit === '%')).toBe(false);
  });
  it('the figure after 从 is where a change started; the one it arrives at is the figure', () => {
    expect(figure('72元')).toBeUndefined();
    expect(figure('79元')?.measure).toBe('目标价');
    expect(figure('62%')).toBeUndefined();
    // (85% is a ratio of its own noun, 定损比例, not the stake bought in the sentence before.)
    expect(figure('85%')?.measure ?? '').not.toBe('持股比例');
  });
  it('a ratio is a percentage: the price paid for a stake is no stake', () => {
    expect(figure('41%')?.measure).toBe('持股比例');
    expect(figure('3.8亿元')?.measure ?? '').not.toBe('持股比例');
  });
  it.each([
    ['岚桥电池昨天股价收在多少', '68.42元'],
    ['岚桥电池全年出货量多少GWh', '86.4GWh'],
    ['乐呗科技财富管理手续费收入下滑了多少', '22.70%'],
    ['岚桥电池对外投资总共砸了多少钱', '300亿元'],
    ['岚桥电池对外投资有多少笔', '171笔'],
  ])('%s', async (q, expected) => expectAnswerFrom(eng, q, expected));
  it('a line asked is not the whole revenue, nor another line', async () => {
    for (const q of ['乐呗科技电池回收业务收入多少', '岚桥电池电池回收业务收入是多少']) expect((await eng.answer(q)).kind, q).toBe('not_found');
  });
  it('a 他 that stands for another person answers nothing about the one asked', async () => {
    expect((await eng.answer('罗思远是哪个大学毕业的')).kind).toBe('not_found');
    await expectAnswerFrom(eng, '许知远是哪个大学毕业的', '青石理工大学');
  });
  it('a new holder asked (新CEO, 谁接了) is named by the appointment made now, under either name of the post', async () => {
    await expectAnswerFrom(eng, '岚桥新CEO是谁啊', '许知远');
    await expectAnswerFrom(eng, '谁接了罗思远的首席执行官', '许知远');
  });
  it('a why asked with a chat verb only is answered by the sentence that gives the cause', async () => {
    await expectAnswerFrom(eng, '罗思远为啥不干了', '个人原因');
  });
});

describe('posts: a lesser post holding the name of the one asked is not it', () => {
  it('副总裁 and 总裁助理 are not 总裁; CEO is found as 首席执行官', async () => {
    const { roleOccurrences } = await import('../src/genre/events.js');
    expect(roleOccurrences('副总裁兼董事会秘书邱书航', '总裁')).toEqual([]);
    expect(roleOccurrences('总裁助理周然', '总裁')).toEqual([]);
    expect(roleOccurrences('聘任副总裁许知远为公司总裁', '总裁')).toEqual([11]);
    expect(roleOccurrences('聘任许知远为新任首席执行官', 'CEO')).toHaveLength(1);
    // (Unless the lesser post is the one asked.)
    expect(roleOccurrences('执行董事罗思远', '董事', '谁是执行董事')).toHaveLength(1);
  });
});

describe('what an asked event means besides the event', () => {
  const { engine: eng } = fixture(
    'joined',
    ['岚桥集团换帅：许知远出任CEO', '岚桥集团今天宣布，许知远将出任岚桥集团CEO。', '2014年5月，许知远加入了岚桥集团。他主导了岚桥集团的多笔投资。', '许知远此前在青石证券工作。'].join('\n\n'),
    '2025-04-23',
  );
  it('最早, 正式 frame the event asked; they are not something else that happened', async () => {
    for (const q of ['许知远最早是哪年进的岚桥啊', '许知远是哪年正式加入岚桥集团的']) await expectAnswerFrom(eng, q, '2014');
  });
});

describe('a career and a listing told the way results stories tell them', () => {
  const { article: art, engine: eng } = fixture('career', [
    '青石财险换帅：许知远升任总裁',
    '8月27日晚间，青石财产保险股份有限公司（下称“青石财险”）发布公告，董事长罗思远因年龄原因辞去董事长职务，董事会选举现任总裁许知远为董事长。',
    '许知远今年58岁。他1989年进入青石财险车险部，2003年出任桐屿分公司总经理，2019年起担任总裁。',
    '2011年，邵景川加入青石财险，历任产品总监、事业部总经理，2021年起出任首席风险官。邵景川表示，风险管理是公司的根本。',
    '上半年，青石财险实现保险服务收入412.6亿元，同比增长7.8%。第二季度实现保险服务收入209.4亿元。',
    '8月28日，青石财险A股高开高走，收盘报14.82元，上涨4.37%；H股收报9.16港元，上涨5.65%。',
    '公司拟出资20亿元设立全资资管子公司。今年4月，青石财险成功发行了首只巨灾债券，规模为5000万美元。',
    '他在任期间，关停了一批长期亏损的营销服务部，把车险综合成本率从2019年的99.4%压降到去年的97.1%。',
    '水滴等公司这几年的增长情况较为一般。',
  ].join('\n\n'), '2025-08-29');
  it('an ending word heading a measure ("保险服务收入") and a kind of company ("资管子公司") name no organisation', () => {
    const orgs = art.entities.entities.filter((e) => e.kind === 'org').map((e) => e.canonical);
    expect(orgs.some((n) => n.endsWith('实现保险') || n === '实现保险')).toBe(false);
    expect(orgs.some((n) => n.endsWith('子公司'))).toBe(false);
  });
  it('each step of a career told in one sentence is dated by its own year', () => {
    const events = eng.facts.facts.filter((f) => f.type === 'event');
    const when = (who: string, what: string) => events.find((f) => f.type === 'event' && f.entity === who && f.event === what)?.date.iso;
    expect(when('许知远', '总裁')).toBe('2019');
    expect(when('邵景川', '加入')).toBe('2011');
  });
  it('an amount measure takes no percentage', () => {
    expect(eng.facts.facts.some((f) => f.type === 'figure' && f.measure === '亏损')).toBe(false);
  });
  it.each([
    ['青石财险A股收在多少', '14.82元'],
    ['青石财险H股收在多少', '9.16港元'],
    ['巨灾债券发了多大规模', '5000万美元'],
    ['谁接了罗思远的董事长', '许知远'],
    ['邵景川哪年加入青石财险的', '2011'],
  ])('%s', async (q, expected) => expectAnswerFrom(eng, q, expected));
  it('A股 and H股 are words of their own', () => {
    expect(analyzeQuestion('A股收在多少', art).words).toContain('a股');
  });
  it('a company the article names only in passing ("水滴等公司") has no figure of the one it reports on', async () => {
    expect(analyzeQuestion('水滴上半年保险服务收入多少', art).unlistedOwners).toEqual(['水滴']);
    expect((await eng.answer('水滴上半年保险服务收入多少')).kind).toBe('not_found');
  });
});

describe('people by their other names, groups by 他们, phases, and the company figure before a line', () => {
  const { article: art, engine: eng } = fixture('nick', [
    '岚桥电池创始人罗思远卸任CEO 许知远接棒',
    '岚桥电池股份有限公司（以下简称“岚桥电池”）发布年报和人事公告，聘任总裁许知远为首席执行官。',
    '接任者许知远今年47岁，英文名Owen，在公司内部被同事们称为“许工”。2016年，许知远加盟岚桥电池，出任研究院院长。',
    '罗思远一直担任董事长，被员工称为“罗老板”。现任岚桥消金总经理周慕白有过多段任职经历。他曾担任青石银行上海分行的副行长。',
    '2024年公司综合毛利率为27.3%，较上年提升2.1个百分点。岚桥电池解释，单只电池的物料成本下降了约11%。但储能业务的毛利率仅为16.4%，明显低于动力业务的33.8%。',
    '2024年，岚桥电池实现营业收入412.37亿元；归属于上市公司股东的净利润36.85亿元，同比增长28.9%。第四季度单季归母净利润11.42亿元。全年出货量86.4GWh。',
    '岚桥电池以26.4亿元收购凯铂新材60%的股权。',
    '岚桥电池拟投资135亿元建设新基地，项目分两期建设，一期20GWh预计于2026年第三季度投产。',
  ].join('\n\n'), '2025-03-28');
  it('a nickname, an English name or what colleagues call someone is that person', () => {
    const names = art.entities.get('许知远')?.names ?? [];
    expect(names).toEqual(expect.arrayContaining(['Owen', '许工']));
    expect(art.entities.get('罗思远')?.names ?? []).toContain('罗老板');
  });
  it('a name the segmenter glued to its verb after a title is a name', () => {
    expect(art.entities.get('周慕白')?.kind).toBe('person');
  });
  it('a unit in Latin letters is no name', () => {
    expect(art.entities.get('GWh')).toBeUndefined();
  });
  it('他们 is a group, not the protagonist', async () => {
    await expectAnswerFrom(eng, '他们拿了凯铂多少股权', '60%');
  });
  it('a project phase asked (二期) is not another phase', async () => {
    expect((await eng.answer('新基地二期啥时候投产')).kind).toBe('not_found');
    await expectAnswerFrom(eng, '新基地一期啥时候投产', '2026年第三季度');
  });
  it.each([
    ['许工是哪一年加入岚桥电池的', '2016'],
    ['2024年归母净利润赚了多少钱', '36.85亿元'],
    ['毛利率多少', '27.3%'],
    ['储能业务毛利率多少', '16.4%'],
  ])('%s', async (q, expected) => expectAnswerFrom(eng, q, expected));
  it('the company after its time ("2024年公司…") owns the figure; a change of a noun of its own goes to no earlier figure', () => {
    const f = eng.facts.facts.find((x) => x.type === 'figure' && x.text === '27.3%');
    expect(f?.type === 'figure' && f.entity).toBe('岚桥电池股份');
    expect(f?.type === 'figure' && f.change).toBeFalsy();
    expect(eng.facts.facts.some((x) => x.type === 'figure' && x.text.includes('11%'))).toBe(false);
  });
});

describe('what is said after a lead-in that names the occasion', () => {
  const { engine: eng } = fixture('leadin', [
    '许知远出任岚桥CEO',
    '岚桥集团宣布，许知远出任岚桥集团CEO。',
    '2024 年 9 月,许知远在青石金融大会上作出表示。“乐碰”不但能够解决支付方面的问题,而且还可以连接其他的服务。它将会成为商家进行数字化经营的一个新的入口。',
    '许知远此前在青石证券工作。',
  ].join('\n\n'), '2025-04-23');
  it('the slot asked (哪个大会) is filled by the lead-in a sentence or two before: the answer quotes from there', async () => {
    await expectAnswerFrom(eng, '许知远在哪个大会上讲乐碰能当商家数字化入口的', '青石金融大会');
  });
});

describe('what was newly done names no one', () => {
  it('新出的, 新发的 name no one', () => {
    for (const q of ['新出的旗舰手表叫啥', '新发的债券规模多大']) expect(analyzeQuestion(q, article).unknownNames, q).toEqual([]);
  });
});

describe('two lines or two measures of one company compared', () => {
  const { engine: eng } = fixture('lines', [
    '岚桥乳业半年报：营收增长4.2%',
    '岚桥乳业股份有限公司（以下简称“岚桥乳业”）发布半年报。2025年上半年，岚桥乳业实现营业收入286.4亿元，同比增长4.2%；归母净利润15.3亿元，同比增长9.8%；扣非净利润13.1亿元，同比增长6.5%。',
    '分业务看，上半年岚桥乳业奶酪业务收入6.9亿元，同比大增32.8%；低温酸奶及鲜奶业务收入19.8亿元，同比增长21.4%；奶粉业务收入12.4亿元，同比下降8.1%。',
  ].join('\n\n'), '2025-08-29');
  it.each([
    ['奶酪和低温鲜奶哪块长得更快', '奶酪业务收入增长更快'],
    ['奶粉和奶酪哪块收入更高', '奶粉业务收入更高'],
    ['归母净利润和扣非净利润增速差多少', '3.3 个百分点'],
    ['上半年利润增速跟收入增速比谁快', '增长更快'],
  ])('%s', async (q, expected) => expectAnswerFrom(eng, q, expected));
  it('a line the article does not give is not compared', async () => {
    expect((await eng.answer('奶酪和黄油哪块长得更快')).answer).not.toContain('增长更快');
  });
});

describe('为 after a verb, then 什么, asks what, not why', () => {
  it.each([
    ['杨帆在2011年被聘为什么职务？', 'role'],
    ['这座桥被誉为什么', 'other'],
  ])('%s is no why-question', (q, type) => {
    expect(classifyQuestion(q)).toBe(type);
  });
  it('为什么 on its own still asks why', () => {
    expect(classifyQuestion('罗思远为什么辞职')).toBe('reason');
  });
});
