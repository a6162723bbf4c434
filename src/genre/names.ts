// Knowledge of how names are shaped in Chinese business writing: which characters open a person's name,
// which words end an organisation's name, which words before such an ending are generic rather than a name.
// Language and genre knowledge only; no name of any article belongs here.

/** The most common Chinese surnames (the top of the Hundred Family Surnames by population), single and compound. */
export const SURNAMES = new Set(
  (
    '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 ' +
    '余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 ' +
    '龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 常 温 康 施 文 牛 樊 葛 邢 安 齐 易 乔 伍 庞 颜 倪 庄 聂 ' +
    '章 鲁 岳 翟 殷 詹 申 欧 耿 关 兰 焦 俞 左 柳 甘 祝 包 宁 尚 符 舒 阮 柯 纪 梅 童 凌 毕 单 季 裴 霍 涂 成 苗 谷 盛 曲 ' +
    '翁 冉 骆 蓝 路 游 辛 靳 管 柴 蒙 鲍 华 喻 祁 蒲 房 滕 屈 饶 解 牟 艾 尤 阳 时 穆 农 司 卓 古 吉 缪 简 车 项 连 芦 ' +
    '麦 褚 娄 窦 戚 岑 景 党 宫 费 卜 冷 晏 席 卫 米 柏 宗 瞿 桂 全 佟 应 臧 闵 苟 邬 边 卞 姬 师 和 仇 栾 隋 商 刁 沙 ' +
    '荣 巫 寇 桑 郎 甄 丛 仲 虞 敖 巩 明 佘 池 查 麻 苑 迟 邝 井 ' +
    '欧阳 司马 上官 诸葛 东方 皇甫 慕容 令狐 夏侯 尉迟 公孙 长孙 宇文 司徒 端木'
  ).split(/\s+/),
);

/** Words that end an organisation's name ("…银行", "…集团"); the longest that fits is used. */
export const ORG_ENDINGS = [
  '银行', '集团', '公司', '基金', '证券', '保险', '产险', '寿险', '消金', '金服', '金融', '科技', '资本', '控股', '信托', '租赁',
  '期货', '财富', '大学', '学院', '中学', '小学', '学校', '研究院', '研究所', '交易所', '委员会', '协会', '电子', '半导体', '汽车', '能源', '医药',
  '传媒', '地产', '实业', '国际', '数科', '经纪', '事务所', '会计师事务所', '律师事务所', '消费金融', '小贷',
  // A Chinese company name is trade name + industry + form ("朔风 航运 有限公司"); news writes the first two
  // alone, so the industry word ends the name as it is used.
  '物流', '航运', '快运', '快递', '速递', '冷链', '咨询', '制药', '药业', '电器', '电气', '机械', '重工', '化工', '钢铁',
  '建设', '建工', '通信', '航空', '食品', '乳业', '酒业', '物业', '置业', '环保', '新能源', '光伏', '锂业', '矿业', '软件',
  '教育', '影视', '零售', '百货', '商贸', '贸易', '生物', '医疗', '股份',
];

/** Endings that say what kind of body a name is (its legal or institutional form). Only after one of these
 * does an ordinary noun make a name ("农商银行", "财经大学"); an industry word after an ordinary noun is a
 * phrase of the trade ("绿色金融", "代理保险", "期限资本"), so there the name must be proper. */
export const FORM_ENDINGS = new Set([
  '银行', '集团', '公司', '基金', '证券', '大学', '学院', '研究院', '研究所', '交易所', '委员会', '协会', '事务所', '会计师事务所', '律师事务所', '控股', '信托',
]);

const ENDINGS_LONGEST_FIRST = [...ORG_ENDINGS].sort((a, b) => b.length - a.length);
/** The name before the longest organisation ending that leaves two characters or more ("曜森" of 曜森集团),
 * or undefined when the name has no such ending. */
export function tradeNameOf(name: string): string | undefined {
  const ending = ENDINGS_LONGEST_FIRST.find((e) => name.endsWith(e) && name.length - e.length >= 2);
  return ending ? name.slice(0, -ending.length) : undefined;
}

/** Words that stand before an organisation ending without naming one ("上市公司", "这家银行", "商业银行"). */
export const GENERIC_ORG_PREFIXES = new Set(
  (
    '上市 金融 科技 互联网 保险 证券 基金 投资 控股 母 子 该 这家 那家 一家 两家 多家 其他 其它 大型 中型 小型 国有 商业 民营 外资 ' +
    '传统 头部 龙头 同业 同类 相关 合作 旗下 关联 独立 新 老 原 前 本 各 每 全国 地方 城市 农村 村镇 股份制 政策性 数字 网络 ' +
    '消费 消费金融 财富 资产 管理 经纪 代销 第三方 平台 支付 科技型 初创 创业 跨国 全球 海外 国内 中外 合资 私募 公募 产业 ' +
    // Kinds of fund, not fund houses: "权益基金", "指数基金".
    '权益 非货 货币 指数 债券 混合 股票 偏股 偏债 ETF 养老 理财 ' +
    // Kinds of business before an industry word: "同城快递", "跨境电商物流", "冷链物流".
    '同城 跨境 电商 冷链 即时 智慧 现代 综合 公路 铁路 航空 海运 陆运 零担 整车 医疗 生物 新能源 商业化 行业 全网 ' +
    '快递 快运 物流 航运 一线 头部企业'
  ).split(/\s+/),
);

/** Latin acronyms that are business terms, not names (roles, generic abbreviations). */
export const GENERIC_ACRONYMS = new Set(
  'CEO CFO CTO COO CIO CMO CXO VP SVP EVP AI AGI APP IPO GDP ROE ROA EPS PE PB KPI B2B B2C C2C SaaS IT OK Q1 Q2 Q3 Q4 H1 H2 YOY NFC AR VR'.split(' '),
);

/** Kinds of named things an article talks about. */
export type EntityKind = 'person' | 'org' | 'place' | 'product' | 'other';

/** Characters that do not occur in given names but glue words together ("韩在", "范儿"): a segmenter's
 * guess that contains one is not a person's name. */
export const FUNCTION_CHARS = new Set([...'的了是在和与也都就被把从到对于为而其这那个些之以及所再又还将已曾儿给向让着过来去说时后前中上下里内外年月日有即']);

/** First characters of words that point or count rather than name ("这一", "每家", "该行"). */
export const DEICTIC_START = /^[一这那该其每各此某本]/;

/** Latin tokens that are periods, not names: fiscal years and quarters ("FY2025", "Q3", "FY2027E"). */
export const LATIN_PERIOD = /^(?:FY|CY|H[12]|Q[1-4])\d{0,4}[A-Z]?$/;
