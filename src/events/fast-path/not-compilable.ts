/** Thrown while compiling a fast path when a schema uses something it does not match: that type parses the usual way. */
export class NotCompilable extends Error {}
