// `npm run index`: derive (or check) the article's cached data — entities, words, facts, BM25 postings, the
// glossary — then embed every chunk and (re)write the HNSW index and its manifest under INDEX_DIR.
import { parseEngineConfig } from '../../config.js';
import { createLogger } from '../../log.js';
import { buildDenseIndex, indexPaths } from '../../retrieval/dense-index.js';
import { logLevelFor } from '../../settings.js';
import { loadEmbedder, openArticleParts } from '../../start.js';
import { cliArgs, loadSettings } from './args.js';
import { progressPrinter } from './progress.js';
import { runCli } from './run.js';

runCli(async () => {
  cliArgs({}, 'usage: npm run index   (embeds every chunk into the HNSW index under INDEX_DIR)');
  const sayEnv = loadSettings();
  const config = parseEngineConfig();
  const log = createLogger(logLevelFor('tool', config.LOG_LEVEL));
  sayEnv(log);
  const { article } = openArticleParts(config, log);
  // The bilingual glossary is derived data too: build it here so no question pays for it.
  article.lexicon.glossary();
  const embedder = await loadEmbedder(config, log, progressPrinter());
  const t0 = performance.now();
  const index = await buildDenseIndex(article, embedder, config.indexDir);
  const paths = indexPaths(config.indexDir, embedder.spec.id);
  process.stdout.write(
    `index: ${index.manifest.ids.length} chunks, ${index.manifest.dims} dims, model ${index.manifest.modelId}, built in ${Math.round(performance.now() - t0)} ms\n  ${paths.index}\n  ${paths.manifest}\n`,
  );
});
