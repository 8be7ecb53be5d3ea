/**
 * A value as error messages show it: primitives as `String` renders them, objects and arrays as their JSON
 * (bigints written as `<digits>n`), so a bad argument reads as what was passed rather than `[object Object]`.
 */
export function describeValue(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  try {
    return (
      JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item)) ?? objectTag(value)
    );
  } catch {
    // Cyclic structures and throwing toJSON methods cannot be shown as JSON.
    return objectTag(value);
  }
}

function objectTag(value: object): string {
  return Object.prototype.toString.call(value);
}
