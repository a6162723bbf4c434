// Starting the engine for a surface: load corpus and facts, then dense retrieval when it can be had.
import type { EngineConfig } from '../config.js';
import { createEngine, type Engine } from '../answer/engine.js';
import type { Logger } from '../log.js';

export async function startEngine(config: EngineConfig, log: Logger, _opts: { quiet?: boolean } = {}): Promise<Engine> {
  const engine = createEngine(config, log, { retriever: null, status: 'dense search off: not configured in this build' });
  log.info('engine ready', { ms: Math.round(engine.readyMs), chunks: engine.article.chunks.length, facts: engine.facts.facts.length, dense: engine.denseStatus });
  return engine;
}
