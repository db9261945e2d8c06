import type { KeyPatterns } from './key-patterns.js';

// hivexml writes a whole hive as one XML document; a real SOFTWARE hive makes hundreds of MiB of
// it, more than a JavaScript string holds. This filter reads hivexml's output as it streams and
// keeps only the keys the inspection asks for (key-patterns.ts), without byte runs and
// timestamps, so what fast-xml-parser gets is small. hivexml's writer (libxml2) escapes `<` and
// `>` in attributes and text, so every `<` starts a tag and the next `>` ends it.

/** What the pruner drops besides unwanted keys. */
const DROPPED_ELEMENTS = new Set(['byte_runs', 'byte_run', 'mtime']);
/** How much of an oversized tag is kept to recover its other attributes (type, key). */
const TAG_HEAD_CHARS = 4096;

/** Raised when the kept XML grows beyond its limit. */
export class KeptTooMuchError extends Error {}

/** A node (registry key) of the XML being read. */
interface OpenNode {
  names: string[];
  keepsValues: boolean;
}

/** A value element being read: kept (its parts wait for its end) or passed over. */
interface OpenValue {
  kept: boolean;
  /** The open tag's type/key attributes, for an oversize marker. */
  attributes: string;
  parts: string[];
  dataChars: number;
}

/**
 * Streams hivexml output through the key patterns. `push` each chunk, then `end` for the
 * pruned document. Values whose data is longer than `maxValueChars` lose it and carry
 * `oversize="N"` (N characters of hivexml data), so a huge value costs nothing to read past.
 */
export class HiveXmlPruner {
  private buffer = '';
  private readonly out: string[] = [];
  private outChars = 0;
  private readonly nodes: OpenNode[] = [];
  /** Depth inside a dropped key's subtree (0: not in one). */
  private skipDepth = 0;
  private value: OpenValue | undefined;
  /** Depth inside dropped elements (byte_runs, mtime). */
  private droppedDepth = 0;
  /** A tag too long to keep whole: its first characters, its length so far, its last character. */
  private giantTag: { head: string; chars: number; last: string } | undefined;

  constructor(private readonly patterns: KeyPatterns, private readonly limits: { maxValueChars: number; maxKeptChars: number }) {}

  /** Feeds the next chunk of hivexml's output. */
  push(chunk: string): void {
    this.buffer += chunk;
    this.drain();
  }

  /** The pruned XML document. */
  end(): string {
    this.drain();
    if (this.buffer.length > 0) this.handleText(this.buffer);
    this.buffer = '';
    return this.out.join('');
  }

  private drain(): void {
    for (;;) {
      if (this.giantTag) {
        const giant = this.giantTag;
        const close = this.buffer.indexOf('>');
        if (close < 0) {
          giant.chars += this.buffer.length;
          giant.last = this.buffer.at(-1) ?? giant.last;
          this.buffer = '';
          return;
        }
        giant.chars += close + 1;
        const selfClosing = (close > 0 ? this.buffer[close - 1] : giant.last) === '/';
        this.giantTag = undefined;
        this.buffer = this.buffer.slice(close + 1);
        this.handleTag(giant.head, giant.chars, selfClosing);
        continue;
      }
      const open = this.buffer.indexOf('<');
      if (open < 0) {
        if (this.buffer.length > 0) this.handleText(this.buffer);
        this.buffer = '';
        return;
      }
      if (open > 0) {
        this.handleText(this.buffer.slice(0, open));
        this.buffer = this.buffer.slice(open);
      }
      const close = this.buffer.indexOf('>');
      if (close < 0) {
        if (this.buffer.length > this.limits.maxValueChars + TAG_HEAD_CHARS) {
          this.giantTag = { head: this.buffer.slice(0, TAG_HEAD_CHARS), chars: this.buffer.length, last: this.buffer.at(-1) ?? '' };
          this.buffer = '';
        }
        return;
      }
      const tag = this.buffer.slice(0, close + 1);
      this.buffer = this.buffer.slice(close + 1);
      this.handleTag(tag, tag.length, tag.endsWith('/>'));
    }
  }

  private handleText(text: string): void {
    if (this.skipDepth > 0 || this.droppedDepth > 0 || !this.value?.kept) return;
    this.value.dataChars += text.length;
    if (this.value.dataChars <= this.limits.maxValueChars) this.value.parts.push(text);
  }

  /** Handles one tag; `chars` is its full length (more than `tag.length` for a giant tag, of which only the head is given). */
  private handleTag(tag: string, chars: number, selfClosing: boolean): void {
    const closing = tag.startsWith('</');
    const name = /^<\/?([A-Za-z_][\w.-]*)/.exec(tag)?.[1] ?? '';
    if (tag.startsWith('<?') || tag.startsWith('<!')) {
      if (this.out.length === 0) this.emit(tag);
      return;
    }
    if (name === 'node') return closing ? this.closeNode(tag) : this.openNode(tag);
    if (this.skipDepth > 0) return;
    if (DROPPED_ELEMENTS.has(name) || this.droppedDepth > 0) {
      if (!selfClosing) this.droppedDepth += closing ? -1 : 1;
      return;
    }
    if (name === 'value') return closing ? this.closeValue(tag) : this.openValue(tag, chars, selfClosing);
    if (this.value) {
      // A string of a string-list, inside its value.
      if (this.value.kept && this.value.dataChars <= this.limits.maxValueChars) this.value.parts.push(tag);
      return;
    }
    if (name === 'hive') this.emit(tag);
  }

  private openValue(tag: string, chars: number, selfClosing: boolean): void {
    const kept = this.nodes.at(-1)?.keepsValues ?? false;
    const attributes = [...tag.matchAll(/\s(type|key|default|encoding)="([^"]*)"/g)].map((match) => ` ${match[1]}="${match[2]}"`).join('');
    // Data in the value attribute (hivexml 1.3); a giant tag is all data.
    const dataChars = chars > tag.length ? chars : (/\svalue="([^"]*)"/.exec(tag)?.[1]?.length ?? 0);
    if (selfClosing) {
      if (kept) this.emit(dataChars > this.limits.maxValueChars ? `<value${attributes} oversize="${dataChars}"/>` : tag);
      return;
    }
    this.value = { kept, attributes, parts: dataChars > this.limits.maxValueChars ? [] : [tag], dataChars };
  }

  private closeValue(tag: string): void {
    const value = this.value;
    this.value = undefined;
    if (!value?.kept) return;
    if (value.dataChars > this.limits.maxValueChars) this.emit(`<value${value.attributes} oversize="${value.dataChars}"/>`);
    else this.emit(`${value.parts.join('')}${tag}`);
  }

  private openNode(tag: string): void {
    if (this.skipDepth > 0) {
      this.skipDepth += 1;
      return;
    }
    const parent = this.nodes.at(-1);
    const name = decodeEntities(/\sname="([^"]*)"/.exec(tag)?.[1] ?? '');
    const names = parent === undefined ? [] : [...parent.names, name];
    const keepsValues = this.patterns.keepsValues(names);
    if (parent !== undefined && !keepsValues && !this.patterns.leadsBelow(names)) {
      this.skipDepth = 1;
      return;
    }
    this.nodes.push({ names, keepsValues });
    this.emit(tag);
  }

  private closeNode(tag: string): void {
    if (this.skipDepth > 0) {
      this.skipDepth -= 1;
      return;
    }
    this.nodes.pop();
    this.emit(tag);
  }

  private emit(text: string): void {
    this.outChars += text.length;
    if (this.outChars > this.limits.maxKeptChars) throw new KeptTooMuchError(`the kept keys exceed ${this.limits.maxKeptChars} characters of XML`);
    this.out.push(text);
  }
}

/** Decodes the XML entities libxml2 writes in attributes. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_match, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[entity] ?? '';
  });
}
