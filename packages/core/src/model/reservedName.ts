/**
 * JavaScript gives `__proto__` a meaning of its own: as a key of an object it sets the object's
 * prototype, and the schema's records skip it, so an agent, a review task or any key of that
 * name would vanish without a word; as an id or agent name it would become such a key of the
 * run's state and of agent catalogues. It is refused instead, where it is written.
 */
export const RESERVED_NAME = '__proto__';

export const reservedNameMessage = (what: string) =>
  `'${RESERVED_NAME}' cannot be ${what}: JavaScript reserves it (it would be silently dropped); rename it`;
