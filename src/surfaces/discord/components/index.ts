// The button loader, like the command loader: every module must export `kind`, `customId`, `parse` and
// `execute`; one that does not is skipped with a warning rather than taking the bot down, and its buttons
// then get the "no longer valid" reply.
import type { APIActionRowComponent, APIButtonComponent } from 'discord.js';
import { ButtonStyle, ComponentType } from 'discord.js';
import type { Logger } from '../../../log.js';
import type { ButtonComponent } from '../context.js';
import { LABELS, type Language } from '../labels.js';
import * as more from './more.js';
import * as paragraph from './paragraph.js';
import * as vote from './vote.js';

export const COMPONENT_MODULES: Record<string, unknown> = { vote, more, paragraph };

const isComponent = (m: unknown): m is ButtonComponent => {
  const c = m as Partial<ButtonComponent> | null;
  return !!c && typeof c === 'object' && typeof c.kind === 'string' && /^[a-z]+$/.test(c.kind) && [c.customId, c.parse, c.execute].every((f) => typeof f === 'function');
};

export function loadComponents(modules: Record<string, unknown>, log: Logger): Map<string, ButtonComponent> {
  const components = new Map<string, ButtonComponent>();
  for (const [file, mod] of Object.entries(modules)) {
    if (!isComponent(mod)) {
      log.warn('component module skipped: it must export `kind` (lower-case letters), `customId`, `parse` and `execute`', { file });
      continue;
    }
    if (components.has(mod.kind)) {
      log.warn('component module skipped: another module already handles this kind', { file, kind: mod.kind });
      continue;
    }
    components.set(mod.kind, mod);
  }
  return components;
}

/** The component a custom id names (the part before the first ':'). */
export const kindOf = (customId: string): string => customId.split(':', 1)[0]!;

const button = (custom_id: string, extra: Partial<APIButtonComponent>): APIButtonComponent =>
  ({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id, ...extra }) as APIButtonComponent;

/** The buttons under an answer, labelled in the answer's language. */
export function answerButtons(answerKey: string, firstCitation: string | undefined, language: Language): APIActionRowComponent<APIButtonComponent>[] {
  const labels = LABELS[language];
  const buttons = [
    button(vote.customId('up', answerKey), { emoji: { name: '👍' } }),
    button(vote.customId('down', answerKey), { emoji: { name: '👎' } }),
    button(more.customId(answerKey), { label: labels.moreSources }),
  ];
  if (firstCitation) buttons.push(button(paragraph.customId(firstCitation), { label: labels.fullParagraph }));
  return [{ type: ComponentType.ActionRow, components: buttons }];
}
