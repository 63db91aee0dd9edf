/** A problem with the command line the user typed (exit 2, usage shown). */
export class UsageError extends Error {}
