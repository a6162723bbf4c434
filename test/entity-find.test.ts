// entityIndex().find looks names up by length per first character; it must find exactly what testing every
// name longest-first (the plain definition, below) finds, Latin word edges and case included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entityIndex, type Entity, type EntityMention } from '../src/corpus/entities.js';

function plainFind(entities: Entity[], text: string): EntityMention[] {
  const names = entities.flatMap((entity) => entity.names.map((name) => ({ key: name.toLowerCase(), entity })));
  names.sort((a, b) => b.key.length - a.key.length);
  const isLatin = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);
  const lower = text.toLowerCase();
  const out: EntityMention[] = [];
  for (let at = 0; at < lower.length; ) {
    const hit = names.find(
      (c) => lower.startsWith(c.key, at) && !(isLatin(c.key[0]) && isLatin(lower[at - 1])) && !(isLatin(c.key[c.key.length - 1]) && isLatin(lower[at + c.key.length])),
    );
    if (hit) {
      out.push({ canonical: hit.entity.canonical, kind: hit.entity.kind, name: text.slice(at, at + hit.key.length), at });
      at += hit.key.length;
    } else at += 1;
  }
  return out;
}

describe('entityIndex().find', () => {
  it('finds what testing every name longest-first finds', () => {
    const char = fc.constantFrom('韩', '明', '远', '银', '行', 'A', 'b', 'B', ' ', '1');
    const name = fc.array(char, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
    const entity = fc.record({ canonical: name, kind: fc.constantFrom('person' as const, 'org' as const), names: fc.array(name, { minLength: 1, maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(entity, { maxLength: 8 }), fc.array(char, { maxLength: 30 }), (entities, text) => {
        const t = text.join('');
        expect(entityIndex(entities).find(t)).toEqual(plainFind(entities, t));
      }),
      { numRuns: 500 },
    );
  });
});
