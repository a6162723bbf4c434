// `npm run index`: embed every chunk and (re)write the HNSW index and its manifest under INDEX_DIR.
import { openArticle } from '../../corpus/article.js';
import { describeEnvFile, loadEnvFile, parseEngineConfig } from '../../config.js';
import { describeError } from '../../errors.js';
import { createLogger } from '../../log.js';
import { buildDenseIndex, indexPaths } from '../../retrieval/dense-index.js';
import { loadEmbedder } from '../../start.js';
import { progressPrinter } from './progress.js';

try {
  const envFile = loadEnvFile();
  const config = parseEngineConfig();
  const log = createLogger(config.LOG_LEVEL ?? 'info');
  log.info(describeEnvFile(envFile));
  const article = openArticle(config.CORPUS_DIR);
  const embedder = await loadEmbedder(config, log, progressPrinter());
  const t0 = performance.now();
  const index = await buildDenseIndex(article, embedder, config.indexDir);
  const paths = indexPaths(config.indexDir, embedder.spec.id);
  process.stdout.write(
    `index: ${index.manifest.ids.length} chunks, ${index.manifest.dims} dims, model ${index.manifest.modelId}, built in ${Math.round(performance.now() - t0)} ms\n  ${paths.index}\n  ${paths.manifest}\n`,
  );
} catch (err) {
  process.stderr.write(describeError(err) + '\n');
  process.exit(1);
}
