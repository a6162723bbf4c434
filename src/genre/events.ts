// Classes of dated events in business news, named by their verbs. One table serves extraction (how an
// article says it) and routing (how a question asks it), so the two cannot drift apart.

/** Roles whose taking up or leaving is an event ("出任CEO", "卸任总裁"). */
export const ROLES = 'CEO|CFO|CTO|COO|CIO|首席执行官|首席财务官|首席技术官|首席运营官|轮值总裁|副总裁|总裁|副董事长|董事长|总经理|副行长|行长|董事|合伙人|负责人';
/** Where a role stands as itself in a text: not inside a lesser post that holds its name ("副总裁",
 * "总裁助理", "执行董事" for 董事 …): a 总裁 asked is not answered by a 副总裁. Offsets in the text as given. */
export function roleOccurrences(text: string, role: string, asked = ''): number[] {
  const out: number[] = [];
  // (A post is found under its other name too: 首席执行官 for CEO, and CEO for 首席执行官.)
  const canonical = ROLE_ALIASES.find(([re]) => re.test(role))?.[1] ?? role;
  const forms = [canonical, ...ROLE_ALIASES.filter(([, c]) => c.toLowerCase() === canonical.toLowerCase()).map(([re]) => re.source)];
  for (const form of forms) out.push(...formOccurrences(text, form, asked));
  return out.sort((a, b) => a - b);
}
function formOccurrences(text: string, role: string, asked: string): number[] {
  const hay = text.toLowerCase();
  const r = role.toLowerCase();
  const out: number[] = [];
  for (let at = hay.indexOf(r); at >= 0; at = hay.indexOf(r, at + 1)) {
    const lesser = LESSER_BEFORE.exec(hay.slice(Math.max(0, at - 3), at))?.[0] ?? '';
    const after = LESSER_AFTER.exec(hay.slice(at + r.length, at + r.length + 2))?.[0] ?? '';
    // (Unless the question asks that very post: "谁是执行董事".)
    if ((lesser || after) && !asked.toLowerCase().includes(`${lesser}${r}${after}`)) continue;
    out.push(at);
  }
  return out;
}
const LESSER_BEFORE = /(?:副|执行|独立|非执行|轮值)$/;
const LESSER_AFTER = /^(?:助理|秘书)/;
export const ROLE_ALIASES: [RegExp, string][] = [
  [/首席执行官/, 'CEO'],
  [/首席财务官/, 'CFO'],
  [/首席技术官/, 'CTO'],
  [/首席运营官/, 'COO'],
];
/** "首席执行官" and "CEO" are one role. */
export const canonicalRole = (role: string): string => ROLE_ALIASES.find(([re]) => re.test(role))?.[1] ?? role;

export interface EventClass {
  /** The event's name in the fact book; a role-taking event is named by the role ("CEO"). */
  name: (m: RegExpExecArray) => string;
  /** How an article states it. */
  stated: RegExp;
  /** How a question asks about it (everyday verbs included). */
  asked: RegExp;
  /** The event concerns a place or organisation named right after the verb ("加入云海"). */
  hasObject?: boolean;
}

export const EVENT_CLASSES: EventClass[] = [
  { name: (m) => `卸任${canonicalRole(m[1]!)}`, stated: new RegExp(`(?:卸任|辞去|不再担任)[^，。,]{0,6}?(${ROLES})`), asked: new RegExp(`(?:卸任|辞去|不再担任|不当|不干|不做|退下|离职|辞职|辞任|离开|交出)[^，。,？?]{0,6}?(${ROLES})`) },
  {
    name: (m) => canonicalRole(m[1]!),
    // Between the verb and the title: the company's full name, and an aside in brackets counts as one
    // step ("出任某某物流股份有限公司（下称“某某物流”）首席执行官").
    stated: new RegExp(`(?:接任|出任|担任|获任|任命|委任|升任|晋升|就任|接棒|履新|成为|转任|调任|改任)(?:[（(][^）)]{0,16}[）)]|[^，。,（(]){0,14}?(${ROLES})`),
    asked: new RegExp(`(${ROLES})`, 'i'),
  },
  { name: () => '加入', stated: /(?:加入|加盟|入职)了?/, asked: /加入|加盟|入职|进入?|去了?|跳槽|来到/, hasObject: true },
  { name: () => '离职', stated: /离职|辞职|离开了?/, asked: /离职|辞职|离开|走了?|辞任|退出/ },
  { name: () => '成立', stated: /成立|创立|创办|创建/, asked: /成立|创立|创办|创建|建立/ },
  { name: () => '收购', stated: /收购|并购/, asked: /收购|并购|买下/ , hasObject: true },
  { name: () => '上市', stated: /上市|IPO/, asked: /上市|IPO/ },
  { name: () => '人事调整', stated: /人事调整/, asked: /人事调整|人事变动|调整|换帅|换将|交接/ },
  { name: () => '入驻', stated: /宣布.{0,6}入驻|入驻/, asked: /入驻/ },
  { name: () => '提出战略', stated: /提出了?.{0,30}战略/, asked: /战略/ },
  { name: () => '设立部门', stated: /设立了?.{0,10}部门/, asked: /设立|成立.{0,6}部门/ },
  { name: () => '落地', stated: /落地|推出|上线|发布/, asked: /落地|推出|上线|发布|启动|推广/ },
  { name: () => '处置', stated: /处置了?/, asked: /处置|出售|转让/ },
];

/** The event classes a question asks about, most specific first (the order of the table). */
export const eventsAsked = (question: string): EventClass[] => EVENT_CLASSES.filter((c) => c.asked.test(question));

/** Verbs that take up, leave or otherwise mark a post or a move, whatever the class ("出任", "接棒", "加盟"). */
export const EVENT_VERBS = /^(?:接任|出任|担任|获任|任命|委任|升任|晋升|就任|接棒|履新|成为|转任|调任|改任|当上|加入|加盟|入职|离职|辞职|离开|卸任|辞去|成立|创立|收购|并购|上市|宣布|开始|正式|被)+$/;
