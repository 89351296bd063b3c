/**
 * An append-only log with sequence numbers, bounded so a long demo run does not grow without limit. Readers
 * poll with `since`: the last seq they saw, so each record is read once however often they ask.
 */
export class SeqLog<T extends { seq: number }> {
  private readonly items: T[] = [];
  private last = 0;

  constructor(private readonly capacity = 20_000) {}

  append(make: (seq: number) => T): T {
    this.last += 1;
    const item = make(this.last);
    this.items.push(item);
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
    return item;
  }

  since(seq: number): T[] {
    return this.items.filter((item) => item.seq > seq);
  }

  get lastSeq(): number {
    return this.last;
  }
}
