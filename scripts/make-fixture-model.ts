// Generates the tiny BERT-compatible test model under test/fixtures/models/fixture/tiny-zh-bert:
// a WordPiece tokenizer whose vocabulary is the article's characters, and an ONNX graph that is a single
// Gather (token id -> fixed pseudo-random vector). Mean-pooled, it behaves like a bag-of-characters
// embedding: crude, but real enough to drive transformers.js, HNSW and fusion end to end, offline.
// Deterministic: the same article gives the same bytes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURE_MODEL_ID = 'fixture/tiny-zh-bert';
const out = join(root, 'test/fixtures/models', FIXTURE_MODEL_ID);
const DIM = 32;

const article = readFileSync(join(root, 'corpus/article.txt'), 'utf8').normalize('NFKC').toLowerCase();
const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const ascii = 'abcdefghijklmnopqrstuvwxyz0123456789';
const chars = [...new Set([...article].filter((c) => /\S/.test(c)))].sort();
const vocabList = [...specials, ...new Set([...chars, ...ascii]), ...[...ascii].map((c) => `##${c}`)];
const vocab = Object.fromEntries(vocabList.map((t, i) => [t, i]));

// mulberry32: a tiny seeded PRNG so the weights are reproducible.
let seed = 0x5eed1234;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const weights = new Float32Array(vocabList.length * DIM);
vocabList.forEach((token, i) => {
  if (specials.includes(token)) return; // special tokens embed to zero and do not sway the mean
  for (let d = 0; d < DIM; d++) weights[i * DIM + d] = rand() * 2 - 1;
});

const tensorType = (elemType: number, dims: (string | number)[]) => ({
  tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } },
});
const model = onnx.ModelProto.create({
  irVersion: 8,
  producerName: 'ant-article-bot fixture',
  opsetImport: [{ domain: '', version: 13 }],
  graph: {
    name: 'tiny-zh-bert',
    initializer: [
      { name: 'embeddings', dims: [vocabList.length, DIM], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(weights.buffer) },
    ],
    node: [{ opType: 'Gather', input: ['embeddings', 'input_ids'], output: ['last_hidden_state'], attribute: [{ name: 'axis', i: 0, type: onnx.AttributeProto.AttributeType.INT }] }],
    input: [
      { name: 'input_ids', type: tensorType(onnx.TensorProto.DataType.INT64, ['batch', 'sequence']) },
      { name: 'attention_mask', type: tensorType(onnx.TensorProto.DataType.INT64, ['batch', 'sequence']) },
    ],
    output: [{ name: 'last_hidden_state', type: tensorType(onnx.TensorProto.DataType.FLOAT, ['batch', 'sequence', DIM]) }],
  },
});

const special = (content: string) => ({ id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
const tokenizer = {
  version: '1.0',
  truncation: null,
  padding: null,
  added_tokens: specials.map(special),
  normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: {
    type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
    pair: [
      { SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } },
      { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } },
    ],
    special_tokens: {
      '[CLS]': { id: '[CLS]', ids: [vocab['[CLS]']], tokens: ['[CLS]'] },
      '[SEP]': { id: '[SEP]', ids: [vocab['[SEP]']], tokens: ['[SEP]'] },
    },
  },
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
};
const tokenizerConfig = {
  tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 512,
  cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]',
};
const config = { model_type: 'bert', architectures: ['BertModel'], hidden_size: DIM, vocab_size: vocabList.length, max_position_embeddings: 512 };

mkdirSync(join(out, 'onnx'), { recursive: true });
writeFileSync(join(out, 'config.json'), JSON.stringify(config, null, 2) + '\n');
writeFileSync(join(out, 'tokenizer.json'), JSON.stringify(tokenizer) + '\n');
writeFileSync(join(out, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig, null, 2) + '\n');
writeFileSync(join(out, 'onnx/model_quantized.onnx'), onnx.ModelProto.encode(model).finish());
process.stderr.write(`fixture model: ${vocabList.length} tokens x ${DIM} dims -> ${out}\n`);
