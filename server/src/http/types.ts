// The Fastify instance every module registers its routes on, typed by its TypeBox schemas.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import { Type, type TSchema } from 'typebox';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  }),
}, { $id: 'Error' });

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

/** A closed object: unknown fields are refused with `request.invalid_body`. */
export function Body<T extends Record<string, TSchema>>(properties: T) {
  return Type.Object(properties, { additionalProperties: false });
}

export const Ok = Type.Object({ ok: Type.Literal(true) });

/** A VAT identification number: country prefix, then 2 to 14 letters and digits, without spaces or dots (ATU12345678, CHE123456789MWST). */
export const VatId = Type.String({ pattern: '^[A-Z]{2}[0-9A-Z+*]{2,14}$', maxLength: 16 });
