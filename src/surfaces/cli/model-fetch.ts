// `npm run model:fetch`: download EMBEDDING_MODEL into MODELS_DIR ahead of time (progress on stderr).
import { parseEngineConfig } from '../../config.js';
import { describeError } from '../../errors.js';
import { createLogger } from '../../log.js';
import { loadEmbedder } from '../../start.js';
import { progressPrinter } from './progress.js';

try {
  const config = parseEngineConfig();
  const embedder = await loadEmbedder(config, createLogger(config.LOG_LEVEL ?? 'info'), progressPrinter());
  process.stdout.write(`model ${embedder.spec.id} is in ${config.modelsDir} (${embedder.dims} dims)\n`);
} catch (err) {
  process.stderr.write(describeError(err) + '\n');
  process.exit(1);
}
