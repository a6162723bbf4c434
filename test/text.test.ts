import { describe, expect, it } from 'vitest';
import { getArticle } from './helpers.js';
import { compact, normalizeQuestion, tightenSpacing } from '../src/text/normalize.js';
import { tokenize } from '../src/text/segment.js';

describe('segmentation', () => {
  it('keeps numbers whole, including decimals', () => {
    const t = tokenize('蚂蚁基金的营收达到 162.91 亿元,增长了 29.02%');
    expect(t).toContain('162.91');
    expect(t).toContain('29.02');
    expect(t).not.toContain('162');
  });
  it('keeps the terms of the genre whole and drops stop words and punctuation', () => {
    const t = tokenize('网商银行的不良率是多少？');
    expect(t).toContain('不良率');
    expect(t).not.toContain('的');
    expect(t).not.toContain('多少');
    expect(t).not.toContain('？');
  });
  it('joins spaced numbers to their units before cutting', () => {
    expect(tightenSpacing('2024 年 3 月 19 日')).toBe('2024年3月19日');
    expect(tightenSpacing('“AI First”')).toBe('“AI First”');
  });
});

describe('normalisation of questions', () => {
  it('turns full-width digits and traditional characters into the article forms', () => {
    expect(normalizeQuestion('２０２４年網商銀行的營收')).toBe('2024年网商银行的营收');
  });
  it('drops zero-width and control characters and lone surrogates', () => {
    expect(normalizeQuestion('韩\u200b歆\u0007毅\ud800')).toBe('韩歆毅');
  });
  it('compares text whitespace-insensitively', () => {
    expect(compact('162.91 亿元')).toBe(compact('162.91亿元'));
  });
});

describe('entities of an article', () => {
  const a = getArticle();
  it('finds the longest name first, and short forms the article uses mean the full name', () => {
    expect(a.entities.find('蚂蚁消金和蚂蚁集团').map((e) => e.canonical)).toEqual(['蚂蚁消金', '蚂蚁集团']);
    expect(a.entities.find('网商的不良率').map((e) => e.canonical)).toEqual(['网商银行']);
  });
  it('finds people by the shape of Chinese names, without a list', () => {
    for (const name of ['韩歆毅', '井贤栋', '徐鹏', '黄浩']) expect(a.entities.get(name)?.kind).toBe('person');
  });
  it('matches Latin aliases case-insensitively and only as whole words', () => {
    expect(a.entities.find('what about mybank?').map((e) => e.canonical)).toEqual(['网商银行']);
    expect(a.entities.find('an important question')).toEqual([]);
  });
});

describe('remembered normalisation and periods', () => {
  it('give the same results on repeat calls, and a caller changing a result does not change the next one', async () => {
    const { findPeriods } = await import('../src/genre/period.js');
    const { compact, tightenSpacing } = await import('../src/text/normalize.js');
    const first = findPeriods('2024年前三季度营收', 2025);
    first[0]!.key = 'changed';
    expect(findPeriods('2024年前三季度营收', 2025)[0]!.key).toBe('2024Q1-3');
    expect(compact('A B　c')).toBe(compact('A B　c'));
    expect(tightenSpacing('2024 年 3 月')).toBe('2024年3月');
    expect(tightenSpacing('2024 年 3 月')).toBe('2024年3月');
  });
});
