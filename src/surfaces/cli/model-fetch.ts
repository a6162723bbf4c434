// `npm run model:fetch`: download EMBEDDING_MODEL into MODELS_DIR ahead of time (progress on stderr).
import { parseEngineConfig } from '../../config.js';
import { createLogger } from '../../log.js';
import { logLevelFor } from '../../settings.js';
import { loadEmbedder } from '../../start.js';
import { cliArgs, loadSettings } from './args.js';
import { progressPrinter } from './progress.js';
import { runCli } from './run.js';

runCli(async () => {
  cliArgs({}, 'usage: npm run model:fetch   (downloads EMBEDDING_MODEL into MODELS_DIR)');
  const sayEnv = loadSettings();
  const config = parseEngineConfig();
  const log = createLogger(logLevelFor('tool', config.LOG_LEVEL));
  sayEnv(log);
  // 'fetch': always try the hub (an earlier failure is not remembered against an explicit request).
  const embedder = await loadEmbedder(config, log, progressPrinter(), 'fetch');
  process.stdout.write(`model ${embedder.spec.id} is in ${config.modelsDir} (${embedder.dims} dims)\n`);
});
