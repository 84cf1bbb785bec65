/**
 * Lookups keyed by a user's string (a scenario, suite, candidate kind, bug mode, observer kind,
 * image...). `name in OBJ` and `OBJ[name]` also find Object.prototype's names (`toString`,
 * `constructor`, `__proto__`): these answer only for the object's own keys.
 */

/** Whether `key` is one of the record's own keys (never a name inherited from Object.prototype). */
export function isOwnKey<K extends PropertyKey>(record: Readonly<Record<K, unknown>>, key: PropertyKey): key is K {
  return Object.hasOwn(record, key);
}

/** The record's own value at `key`, or undefined (never a value inherited from Object.prototype). */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
