// Reads README.md's fenced blocks and sorts every line of them into what the README test does with
// it. Pure: no processes here (test/e2e/readme/readme-examples.test.ts runs them), so the rules have unit tests.
//
// The rule, by the fence's language:
// - ```js / ```mjs / ```ts: a scenario file. Its first line is `// FILE — run with: npx clonelab run ./FILE`;
//   the test writes the block to FILE in a fresh folder and runs that command there, once. Or a file
//   such a command reads (a models file): `// FILE — a models file (…)`; the test writes it beside
//   every scenario file before running it.
// - ```sh: one example per logical line (an indented line continues the line above; ` # …` is a
//   comment). `npx clonelab …` lines are commands: a line with `[`, `|`, `…` or an upper-case
//   placeholder (NAME, FILE, BASE.json) is a synopsis, every other one a concrete example. Both are
//   checked against `--help`; which ones also run is the test's policy. Other lines must be listed
//   as skipped, with the reason (the quick start's `npm` lines).
// - ``` with no language: the layout tree, one `folder/  what it holds` per line.
// Anything else is unrecognised, and the test fails on it: a new kind of example needs a rule.

/** One fenced block of a Markdown file. */
export interface Fence {
  lang: string;
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** A word of a clonelab command line; `optional` when written inside `[…]`. */
export interface Word {
  text: string;
  optional: boolean;
  /** Index of the `[…]` group the word is in (words of one group belong together), -1 outside. */
  group: number;
}

/** What the README test does with one block or line. */
export type ReadmeExample =
  /** `words`: the command after `npx clonelab`. */
  | { kind: 'scenario'; line: number; file: string; words: Word[]; source: string }
  /** A file the scenario commands read (a models file), written beside each scenario file. */
  | { kind: 'file'; line: number; file: string; source: string }
  | { kind: 'command'; line: number; text: string; words: Word[]; synopsis: boolean }
  | { kind: 'skipped'; line: number; text: string; reason: string }
  | { kind: 'layout'; line: number; folders: string[] }
  | { kind: 'unrecognised'; line: number; text: string; why: string };

/** The fenced blocks of a Markdown text, in order; an unclosed fence throws. */
export function extractFences(markdown: string): Fence[] {
  const lines = markdown.split('\n');
  const fences: Fence[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^```(\S*)\s*$/.exec(lines[index]!);
    if (!open) continue;
    const end = lines.findIndex((text, at) => at > index && /^```\s*$/.test(text));
    if (end < 0) throw new Error(`README line ${index + 1}: fence \`\`\`${open[1]} is never closed`);
    fences.push({ lang: open[1]!, body: lines.slice(index + 1, end).join('\n'), line: index + 1 });
    index = end;
  }
  return fences;
}

/** Sorts every block (and every line of sh blocks) into an example; `skipped` maps exact lines to the reason they do not run. */
export function classifyFences(fences: readonly Fence[], skipped: Readonly<Record<string, string>>): ReadmeExample[] {
  return fences.flatMap((fence): ReadmeExample[] => {
    if (['js', 'mjs', 'ts'].includes(fence.lang)) return [classifyScenario(fence)];
    if (fence.lang === 'sh') return shellLines(fence).map(({ text, line }) => classifyShellLine(text, line, skipped));
    if (fence.lang === '') return [classifyLayout(fence)];
    return [{ kind: 'unrecognised', line: fence.line, text: fence.body, why: `a \`\`\`${fence.lang} block: the README test knows js/mjs/ts scenario files, sh commands and the plain layout tree` }];
  });
}

const SCENARIO_HEADER = /^\/\/\s*(\S+)\s+[—-]+\s+run with:\s+npx clonelab\s+(.+?)\s*$/;
const FILE_HEADER = /^\/\/\s*(\S+)\s+[—-]+\s+a models file\b/;

function classifyScenario(fence: Fence): ReadmeExample {
  const first = fence.body.split('\n')[0] ?? '';
  const read = FILE_HEADER.exec(first);
  if (read) return { kind: 'file', line: fence.line, file: read[1]!, source: `${fence.body}\n` };
  const header = SCENARIO_HEADER.exec(first);
  if (!header) {
    return { kind: 'unrecognised', line: fence.line, text: first, why: 'a scenario block must start with `// FILE — run with: npx clonelab run ./FILE` (a file it reads: `// FILE — a models file …`)' };
  }
  const [, file, command] = header as unknown as [string, string, string];
  const words = splitCommand(command);
  const named = words.some((word) => word.text === file || word.text === `./${file}`);
  if (words[0]?.text !== 'run' || !named) {
    return { kind: 'unrecognised', line: fence.line, text: first, why: `the command must be \`npx clonelab run ./${file} …\`, got \`${command}\`` };
  }
  return { kind: 'scenario', line: fence.line, file, words, source: `${fence.body}\n` };
}

/** The logical lines of a sh block: indented lines continue the one above, ` # …` comments and blank lines go. */
function shellLines(fence: Fence): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  fence.body.split('\n').forEach((raw, at) => {
    const text = raw.replace(/\s+#\s.*$/, '').replace(/^#\s.*$/, '');
    if (text.trim() === '') return;
    const previous = lines.at(-1);
    if (/^\s/.test(text) && previous) previous.text = `${previous.text} ${text.trim()}`;
    else lines.push({ text: text.trim(), line: fence.line + 1 + at });
  });
  return lines;
}

function classifyShellLine(text: string, line: number, skipped: Readonly<Record<string, string>>): ReadmeExample {
  const reason = skipped[text];
  if (reason !== undefined) return { kind: 'skipped', line, text, reason };
  const command = /^npx clonelab(?:\s+(.*))?$/.exec(text);
  if (!command) return { kind: 'unrecognised', line, text, why: 'neither `npx clonelab …` nor a line the README test lists as skipped (with its reason)' };
  const rest = command[1] ?? '';
  const synopsis = /[[\]|…]/.test(rest) || /[A-Z]/.test(rest);
  return { kind: 'command', line, text, words: splitCommand(rest), synopsis };
}

function classifyLayout(fence: Fence): ReadmeExample {
  const folders: string[] = [];
  for (const text of fence.body.split('\n').filter((entry) => entry.trim() !== '')) {
    const folder = /^([a-z][\w.-]*)\/\s/.exec(text);
    if (!folder) return { kind: 'unrecognised', line: fence.line, text, why: 'a block without a language is the layout tree: `folder/  what it holds` per line' };
    folders.push(folder[1]!);
  }
  return { kind: 'layout', line: fence.line, folders };
}

/** Splits the words after `npx clonelab`; `[…]` groups mark their words optional. Unbalanced brackets throw. */
export function splitCommand(text: string): Word[] {
  const words: Word[] = [];
  let group = -1;
  let groups = 0;
  for (const piece of text.match(/\[|\]|[^\s[\]]+/g) ?? []) {
    if (piece === '[') {
      if (group >= 0) throw new Error(`nested [ in \`${text}\``);
      group = groups;
      groups += 1;
    } else if (piece === ']') {
      if (group < 0) throw new Error(`] without [ in \`${text}\``);
      group = -1;
    } else {
      words.push({ text: piece, optional: group >= 0, group });
    }
  }
  if (group >= 0) throw new Error(`[ without ] in \`${text}\``);
  return words;
}

/** What `--help` of one clonelab command says: subcommands, options, and how many arguments it takes. */
export interface CommandHelp {
  subcommands: string[];
  options: Map<string, { takesValue: boolean; description: string }>;
  requiredArgs: number;
  /** Infinity for a variadic argument. */
  maxArgs: number;
}

/** Parses commander's help text. */
export function parseHelp(text: string): CommandHelp {
  const usage = /^Usage: \S+(?: [a-z-]+)*((?: \S+)*)$/m.exec(text)?.[1] ?? '';
  const args = usage.trim().split(/\s+/).filter((word) => word !== '' && word !== '[options]' && word !== '[command]');
  const section = (title: string): string[] => {
    const start = text.split('\n').findIndex((line) => line === `${title}:`);
    if (start < 0) return [];
    const rest = text.split('\n').slice(start + 1);
    const end = rest.findIndex((line) => !line.startsWith(' '));
    return end < 0 ? rest : rest.slice(0, end);
  };
  const subcommands = section('Commands').flatMap((line) => /^ {2}([a-z][\w-]*)/.exec(line)?.[1] ?? []).filter((name) => name !== 'help');
  const options = new Map<string, { takesValue: boolean; description: string }>();
  let current: { takesValue: boolean; description: string } | undefined;
  for (const line of section('Options')) {
    const option = /^ {2}(?:-\w, )?(--[\w-]+)(?: ([<[][^>\]]+[>\]]))?\s*(.*)$/.exec(line);
    if (option) {
      current = { takesValue: option[2] !== undefined, description: option[3]! };
      options.set(option[1]!, current);
    } else if (current) {
      current.description += ` ${line.trim()}`;
    }
  }
  return {
    subcommands,
    options,
    requiredArgs: args.filter((word) => word.startsWith('<')).length,
    maxArgs: args.some((word) => word.includes('...')) ? Infinity : args.length,
  };
}

/** A clonelab command line resolved against the CLI's help: the command paths it names, its flags and arguments. */
export interface ResolvedCommand {
  /** One path per alternative: `scenarios list|show` → [scenarios list], [scenarios show]. */
  paths: string[][];
  flags: { name: string; value?: string; optional: boolean }[];
  positionals: Word[];
  /** What the line names that the CLI does not have. */
  problems: string[];
}

const COMMAND_WORD = /^[a-z][a-z0-9-]*(?:\|[a-z][a-z0-9-]*)*$/;

/** Resolves the words of a line against `helpOf(path)`: every command, flag and `a|b` value must exist. */
export async function resolveCommand(words: readonly Word[], helpOf: (path: readonly string[]) => Promise<CommandHelp>): Promise<ResolvedCommand> {
  const problems: string[] = [];
  let paths: string[][] = [[]];
  let at = 0;
  for (; at < words.length; at += 1) {
    const word = words[at]!;
    const helps = await Promise.all(paths.map((path) => helpOf(path)));
    if (word.optional || !COMMAND_WORD.test(word.text) || helps.some((help) => help.subcommands.length === 0)) break;
    const next: string[][] = [];
    paths.forEach((path, index) => {
      for (const name of word.text.split('|')) {
        if (helps[index]!.subcommands.includes(name)) next.push([...path, name]);
        else problems.push(`${named(path)} has no command "${name}" (it has: ${helps[index]!.subcommands.join(', ')})`);
      }
    });
    paths = next;
  }
  const helps = await Promise.all(paths.map((path) => helpOf(path)));
  const flags: ResolvedCommand['flags'] = [];
  const positionals: Word[] = [];
  for (; at < words.length; at += 1) {
    const word = words[at]!;
    if (!/^--?[a-zA-Z]/.test(word.text)) {
      positionals.push(word);
      continue;
    }
    const options = helps.map((help) => help.options.get(word.text));
    paths.forEach((path, index) => {
      if (!options[index]) problems.push(`${named(path)} has no option ${word.text}`);
    });
    const following = words[at + 1];
    const valueFollows = following !== undefined && following.group === word.group && !following.text.startsWith('-');
    // An option no alternative has: its bracketed value goes with it, one problem is enough.
    const takesValue = options.every((option) => option === undefined) ? valueFollows && word.group >= 0 : options.some((option) => option?.takesValue);
    if (takesValue && !valueFollows) problems.push(`${word.text} takes a value in clonelab, the README gives none`);
    if (!takesValue && valueFollows && word.group >= 0) problems.push(`${word.text} takes no value in clonelab, the README gives "${following.text}"`);
    if (takesValue && valueFollows) {
      at += 1;
      flags.push({ name: word.text, value: following.text, optional: word.optional });
      const choices = following.text.split('|');
      if (choices.length > 1 && choices.every((choice) => /^[a-z][\w-]*$/.test(choice))) {
        for (const choice of choices) {
          options.forEach((option, index) => {
            if (option && !new RegExp(`(^|[^\\w-])${choice}([^\\w-]|$)`).test(option.description)) {
              problems.push(`${named(paths[index]!)} ${word.text}: the README offers "${choice}", its help does not (${option.description})`);
            }
          });
        }
      }
    } else {
      flags.push({ name: word.text, optional: word.optional });
    }
  }
  // `scenarios list|show NAME`: the arguments belong to the alternatives that take them.
  const most = Math.max(...helps.map((help) => help.maxArgs));
  if (paths.length > 0 && positionals.length > most) {
    problems.push(`${paths.map((path) => named(path)).join(' / ')} takes at most ${most} argument(s), the README gives ${positionals.length}: ${positionals.map((word) => word.text).join(' ')}`);
  }
  return { paths, flags, positionals, problems };
}

/** `clonelab machines show`, as a reader writes it. */
export function named(path: readonly string[]): string {
  return ['clonelab', ...path].join(' ');
}

/** Whether a word stands for a value the reader fills in (NAME, FILE…, BASE.json). */
export function isPlaceholder(text: string): boolean {
  return /[A-Z]/.test(text) || text.includes('…');
}
