import { ErrorCode, UserError } from '../errors.js';
import type { Args, CommandDefinition, Handler, OptionSpec } from './command.js';

export type RawArgs = Readonly<Record<string, unknown>>;

/** Checks structured arguments (Discord options, or the output of `parseTextArgs`) against the specs. */
export function validateArgs(options: readonly OptionSpec[], raw: RawArgs): Args {
  const known = new Set(options.map((o) => o.name));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) throw new UserError(ErrorCode.OptionInvalid, `Unknown option "${key}".`, { option: key });
  }
  const out: Record<string, string | number | boolean | undefined> = {};
  for (const spec of options) {
    const value = raw[spec.name];
    if (value === undefined || value === null || value === '') {
      if (spec.required) throw new UserError(ErrorCode.OptionMissing, `Please give ${spec.name}: ${spec.description}`, { option: spec.name });
      continue;
    }
    out[spec.name] = coerce(spec, value);
  }
  return out;
}

function coerce(spec: OptionSpec, value: unknown): string | number | boolean {
  const invalid = (why: string) => new UserError(ErrorCode.OptionInvalid, `${spec.name} ${why}.`, { option: spec.name });
  switch (spec.type) {
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const s = String(value).toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(s)) return true;
      if (['false', 'no', 'off', '0'].includes(s)) return false;
      throw invalid('must be true or false');
    }
    case 'integer': {
      const n = typeof value === 'number' ? value : Number(String(value));
      if (!Number.isInteger(n)) throw invalid('must be a whole number');
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        throw invalid(`must be between ${spec.min ?? '-∞'} and ${spec.max ?? '∞'}`);
      }
      return n;
    }
    case 'string': {
      if (typeof value !== 'string') throw invalid('must be text');
      const s = value.trim();
      if (spec.maxLength !== undefined && s.length > spec.maxLength) {
        throw new UserError(ErrorCode.OptionTooLong, `${spec.name} is too long (at most ${spec.maxLength} characters).`, { option: spec.name });
      }
      if (spec.choices) {
        const choice = spec.choices.find((c) => c.toLowerCase() === s.toLowerCase());
        if (!choice) throw invalid(`must be one of: ${spec.choices.join(', ')}`);
        return choice;
      }
      return s;
    }
  }
}

/**
 * The text grammar shared by Slack and the console: `name:value` or `--name value` set an option
 * (`--flag` alone sets a boolean), quotes group words, and every other word goes to the option
 * marked `rest`. Only known option names count, so "note: this" inside a question stays text.
 */
export function parseTextArgs(options: readonly OptionSpec[], text: string): RawArgs {
  const byName = new Map(options.map((o) => [o.name, o]));
  const words = text.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const unquote = (w: string) => w.replace(/^(["'])(.*)\1$/, '$2');
  const out: Record<string, unknown> = {};
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const colon = /^([a-z][a-z0-9_-]*):(.*)$/i.exec(word);
    if (colon && byName.has((colon[1] as string).toLowerCase())) {
      const name = (colon[1] as string).toLowerCase();
      let value = colon[2] as string;
      if (value === '' && i + 1 < words.length) value = words[++i] as string;
      out[name] = unquote(value);
      continue;
    }
    const flag = /^--([a-z][a-z0-9_-]*)$/i.exec(word);
    const spec = flag ? byName.get((flag[1] as string).toLowerCase()) : undefined;
    if (spec) {
      const next = words[i + 1];
      if (spec.type === 'boolean' && (next === undefined || !/^(true|false|yes|no|on|off)$/i.test(next))) out[spec.name] = true;
      else out[spec.name] = unquote(words[++i] ?? '');
      continue;
    }
    rest.push(unquote(word));
  }
  const restSpec = options.find((o) => o.rest);
  if (rest.length > 0) {
    if (!restSpec) throw new UserError(ErrorCode.OptionInvalid, 'This command takes no free text; see /help.');
    out[restSpec.name] = rest.join(' ');
  }
  return out;
}

/** Picks the handler for a text invocation: the command itself, or the subcommand named by the first word. */
export function resolveText(def: CommandDefinition, text: string): { handler: Handler; subcommand?: string; text: string } {
  if (!def.subcommands) return { handler: def, text };
  const [first = '', ...rest] = text.trim().split(/\s+/);
  const sub = def.subcommands.find((s) => s.name === first.toLowerCase());
  if (!sub) {
    throw new UserError(ErrorCode.OptionInvalid, `Use /${def.name} ${def.subcommands.map((s) => s.name).join(' | ')}.`, { subcommand: first });
  }
  return { handler: sub, subcommand: sub.name, text: rest.join(' ') };
}

export function resolveSubcommand(def: CommandDefinition, name: string | undefined): Handler {
  if (!def.subcommands) return def;
  const sub = def.subcommands.find((s) => s.name === name);
  if (!sub) throw new UserError(ErrorCode.OptionInvalid, `Use /${def.name} ${def.subcommands.map((s) => s.name).join(' | ')}.`, { subcommand: name });
  return sub;
}
