// One error type for the whole server. Modules declare their errors with a stable code
// (`sites.not_found`) and an HTTP status; the edge translates them once (http/errors.ts).

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

export const notFound = (entity: string) => new AppError(`${entity}.not_found`, 404, `${entity} not found`);
export const forbidden = () => new AppError('auth.forbidden', 403, 'You may not do this');
export const unauthenticated = () => new AppError('auth.unauthenticated', 401, 'Log in first');
export const invalid = (code: string, field: string, message: string) =>
  new AppError(code, 400, message, [{ field, message }]);
export const conflict = (code: string, message: string, field?: string) =>
  new AppError(code, 409, message, field ? [{ field, message }] : []);
