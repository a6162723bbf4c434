// Interactions: every command and button is deferred at once (after the rate limit), answered or told
// why not, and every reply passes through fitReply so none can break Discord's limits.
import { randomBytes } from 'node:crypto';
import { MessageFlags, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import { describeError } from '../../errors.js';
import { kindOf } from './components/index.js';
import { replyStale } from './components/stale.js';
import type { BotContext, ButtonComponent, Command } from './context.js';
import { LABELS, localeLanguage } from './labels.js';
import { fitChoices, fitReply } from './render.js';
import { NO_MENTIONS } from './safety.js';

/** A button's custom id is logged at most this long (Discord's own limit for it is 100). */
const LOGGED_CUSTOM_ID_CHARS = 100;
/** Shown when the limiter cannot say when a token comes back (no refill configured). */
const FALLBACK_RETRY_SECONDS = 60;

export const errorId = () => randomBytes(3).toString('hex');

export interface Handlers {
  ctx: BotContext;
  commands: Map<string, Command>;
  components: Map<string, ButtonComponent>;
}

type Answerable = ChatInputCommandInteraction | ButtonInteraction;
const ephemeral = (content: string) => ({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }) as const;

/** True (and the user told so, ephemerally) when the user is over the rate limit. */
async function rateLimited(i: Answerable, ctx: BotContext): Promise<boolean> {
  if (ctx.limiter.take(i.user.id)) return false;
  const wait = ctx.limiter.retryAfter(i.user.id);
  await i.reply(ephemeral(LABELS[localeLanguage(i.locale)].tooFast(Number.isFinite(wait) ? wait : FALLBACK_RETRY_SECONDS)));
  return true;
}

const zodIssues = (err: unknown): string[] | null =>
  err instanceof Error && err.name === 'ZodError' ? (err as unknown as { issues: { message: string }[] }).issues.map((x) => x.message) : null;

/** A failure as the user sees it: a refused input says what to fix; anything else gets a short error id
 * that matches the log line with the details. */
async function failed(i: Answerable, err: unknown, ctx: BotContext): Promise<void> {
  const id = errorId();
  const issues = zodIssues(err);
  const command = i.isChatInputCommand() ? i.commandName : i.customId.slice(0, LOGGED_CUSTOM_ID_CHARS);
  // A refused input is a user's typo, not a fault: one line, no stack.
  if (issues) ctx.log.info('input refused', { errorId: id, command, issues });
  else ctx.log.error('interaction failed', { errorId: id, command, error: describeError(err), stack: err instanceof Error ? err.stack?.split('\n').slice(0, 4).join(' | ') : undefined });
  const labels = LABELS[localeLanguage(i.locale)];
  const content = issues ? labels.inputRefused(issues) : labels.failed(id);
  try {
    // A public "thinking…" left behind would look like an answer that never came.
    if (i.deferred && !i.ephemeral) await i.deleteReply().catch(() => {});
    if (i.deferred || i.replied) await i.followUp(ephemeral(content));
    else await i.reply(ephemeral(content));
  } catch (e) {
    ctx.log.error('could not deliver the error message', { errorId: id, error: describeError(e) });
  }
}

async function onCommand(i: ChatInputCommandInteraction, { ctx, commands }: Handlers): Promise<void> {
  const command = commands.get(i.commandName);
  if (!command) {
    await i.reply(ephemeral(LABELS[localeLanguage(i.locale)].unknownCommand(i.commandName)));
    return;
  }
  if (await rateLimited(i, ctx)) return;
  await i.deferReply(command.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  try {
    await command.execute(i, ctx);
  } catch (err) {
    await failed(i, err, ctx);
  }
}

/** Routes a button by the kind in its custom id; an id no component reads gets the one "no longer valid" reply. */
async function onButton(i: ButtonInteraction, { ctx, components }: Handlers): Promise<void> {
  if (await rateLimited(i, ctx)) return;
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  try {
    const component = components.get(kindOf(i.customId));
    const args = component?.parse(i.customId) ?? null;
    if (!component || args === null) {
      ctx.log.debug('button not understood', { customId: i.customId.slice(0, LOGGED_CUSTOM_ID_CHARS) });
      return await replyStale(i);
    }
    await component.execute(i, args, ctx);
  } catch (err) {
    await failed(i, err, ctx);
  }
}

async function onAutocomplete(i: AutocompleteInteraction, { ctx, commands }: Handlers): Promise<void> {
  const command = commands.get(i.commandName);
  await (command?.autocomplete?.(i, ctx) ?? i.respond([])).catch(async (err) => {
    ctx.log.warn('autocomplete failed', { command: i.commandName, error: describeError(err) });
    if (!i.responded) await i.respond([]).catch(() => {});
  });
}

/** Every reply of this interaction goes through fitReply (or fitChoices), so none can break Discord's limits. */
function guardReplies(i: Interaction): void {
  if (i.isAutocomplete()) {
    const respond = i.respond.bind(i);
    i.respond = (choices) => respond(fitChoices(choices));
    return;
  }
  if (!i.isRepliable()) return;
  const target = i as unknown as Record<'reply' | 'editReply' | 'followUp', (p: unknown) => Promise<unknown>>;
  for (const m of ['reply', 'editReply', 'followUp'] as const) {
    const original = target[m]!.bind(i);
    target[m] = (p: unknown) => original(fitReply(p));
  }
}

export async function onInteraction(i: Interaction, handlers: Handlers): Promise<void> {
  guardReplies(i);
  try {
    if (i.isAutocomplete()) await onAutocomplete(i, handlers);
    else if (i.isChatInputCommand()) await onCommand(i, handlers);
    else if (i.isButton()) await onButton(i, handlers);
  } catch (err) {
    handlers.ctx.log.error('interaction could not be handled', { id: i.id, error: describeError(err) });
  }
}
