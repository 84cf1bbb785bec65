/** Maps strings to small integers and back, so that millions of events store ids, not strings. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  value(id: number): string {
    const v = this.values[id];
    if (v === undefined) throw new RangeError(`no interned value ${id}`);
    return v;
  }

  get size(): number {
    return this.values.length;
  }
}
