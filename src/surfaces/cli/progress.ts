// Model download progress on stderr: a bar on a terminal, a line every 10% otherwise.
import type { ModelEvent } from '../../retrieval/model-store.js';

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (e: ModelEvent) => void {
  const lastDecile = new Map<string, number>();
  const downloading = new Set<string>();
  return (e) => {
    if (e.status === 'download') downloading.add(e.file);
    if (e.status === 'progress' && downloading.has(e.file)) {
      const pct = Math.max(0, Math.min(100, e.progress));
      const mb = (n: number) => (n / 1e6).toFixed(1);
      if (stream.isTTY) {
        const filled = Math.round(pct / 5);
        stream.write(`\rmodel ${e.file} [${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${pct.toFixed(0)}% ${mb(e.loaded)}/${mb(e.total)} MB`);
      } else {
        const decile = Math.floor(pct / 10);
        if (decile !== lastDecile.get(e.file)) {
          lastDecile.set(e.file, decile);
          stream.write(`model ${e.file}: ${pct.toFixed(0)}% of ${mb(e.total)} MB\n`);
        }
      }
    } else if (e.status === 'done' && stream.isTTY && downloading.has(e.file)) stream.write('\n');
    else if (e.status === 'ready') stream.write(`model ${e.model} ready in ${e.ms} ms\n`);
  };
}
