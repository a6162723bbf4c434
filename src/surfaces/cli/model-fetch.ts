// `npm run model:fetch`: download EMBEDDING_MODEL into MODELS_DIR ahead of time (progress on stderr).
import { describeEnvFile, loadEnvFile, parseEngineConfig } from '../../config.js';
import { describeError } from '../../errors.js';
import { createLogger } from '../../log.js';
import { loadEmbedder } from '../../start.js';
import { progressPrinter } from './progress.js';

try {
  const envFile = loadEnvFile();
  const config = parseEngineConfig();
  const log = createLogger(config.LOG_LEVEL ?? 'info');
  log.info(describeEnvFile(envFile));
  // 'fetch': always try the hub (an earlier failure is not remembered against an explicit request).
  const embedder = await loadEmbedder(config, log, progressPrinter(), 'fetch');
  process.stdout.write(`model ${embedder.spec.id} is in ${config.modelsDir} (${embedder.dims} dims)\n`);
} catch (err) {
  process.stderr.write(describeError(err) + '\n');
  process.exit(1);
}
