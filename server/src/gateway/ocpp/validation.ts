// Strict mode's validator for ocpp1.6, with two changes: an action OCPP 1.6 does not define is
// answered NotImplemented (the specification's code for an unknown action) instead of the
// ProtocolError ocpp-rpc gives when it finds no schema to check the call against; and values the
// schemas let through but no handler can keep are refused as PropertyConstraintViolation.
import { createRequire } from 'node:module';
import { createRPCError, createValidator } from 'ocpp-rpc';

const schemas = createRequire(import.meta.url)('ocpp-rpc/lib/schemas/ocpp1_6.json') as { $id: string }[];
const known = new Set(schemas.map((schema) => schema.$id));
const standard = createValidator('ocpp1.6', schemas);

const INT32 = 2 ** 31;

/**
 * Why a value cannot be kept, or null. OCPP 1.6's integers are 32-bit (its "integer" data type);
 * PostgreSQL stores no NUL character and no year 0.
 */
export function unkeepable(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isInteger(value) && (value >= INT32 || value < -INT32) ? `${path} is beyond a 32-bit integer` : null;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return `${path} holds a NUL character`;
    if (/^0000-\d\d-\d\dT/.test(value)) return `${path} is in year 0`;
    // The schema's date-time lets a leap second (23:59:60) through; no clock here can hold it.
    return /^\d{4}-\d\d-\d\dT/.test(value) && Number.isNaN(Date.parse(value)) ? `${path} is not a time` : null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const problem = unkeepable(child, path ? `${path}.${key}` : key);
    if (problem) return problem;
  }
  return null;
}

export const ocpp16Validator = Object.assign(Object.create(standard) as typeof standard, {
  validate(schemaId: string, params: unknown) {
    if (!known.has(schemaId)) throw createRPCError('NotImplemented', `${schemaId.replace(/^urn:|\.(req|conf)$/g, '')} is not an OCPP 1.6 action`);
    const valid = standard.validate(schemaId, params);
    const problem = schemaId.endsWith('.req') ? unkeepable(params) : null;
    if (problem) throw createRPCError('PropertyConstraintViolation', problem);
    return valid;
  },
});
