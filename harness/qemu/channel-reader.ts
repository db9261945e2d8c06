import type { LogFollower } from './log-follower.js';

/** One serial channel of a VM read like a stream: each search goes on from where the last one stopped. */
export class ChannelReader {
  #cursor = 0;

  constructor(readonly follower: LogFollower) {}

  /**
   * Reads what is new and returns the first unread line that passes `test` (later searches start
   * after it), else undefined (every line read so far counts as seen). `final`: the writer is gone,
   * so a last line without a newline counts too.
   */
  async findNext(test: (line: string) => boolean, final: boolean): Promise<string | undefined> {
    await this.follower.poll();
    if (final) this.follower.flush();
    const hit = this.follower.linesFrom(this.#cursor).find((line) => test(line.text));
    this.#cursor = hit ? hit.index + 1 : this.follower.nextIndex;
    return hit?.text;
  }
}
