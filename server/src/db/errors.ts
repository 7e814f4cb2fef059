// What the database says about a failed statement, for use cases that turn it into their own error.

/** A unique index refused the row (SQLSTATE 23505): someone else's row got there first. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string } | null)?.code === '23505';
