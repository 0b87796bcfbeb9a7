/**
 * Defence in depth against prototype pollution (docs/decisions/0006): after start-up the
 * built-in prototypes that request data could reach are frozen, so a path that every check
 * missed still cannot change the whole process. Error.prototype stays open: error classes
 * set `this.name` on their instances, which a frozen Error.prototype.name would forbid (the
 * "override mistake" of ECMAScript strict mode).
 */
export const FROZEN_PROTOTYPES = [
  Object.prototype,
  Array.prototype,
  Function.prototype,
  String.prototype,
  Number.prototype,
  Boolean.prototype,
  Symbol.prototype,
  BigInt.prototype,
  RegExp.prototype,
  Date.prototype,
  Map.prototype,
  Set.prototype,
  WeakMap.prototype,
  WeakSet.prototype,
  Promise.prototype,
] as const;

/** Freezes the built-in prototypes of this realm; idempotent. */
export function freezeBuiltinPrototypes(): void {
  for (const proto of FROZEN_PROTOTYPES) Object.freeze(proto);
}
