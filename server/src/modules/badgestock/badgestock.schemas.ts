import { Type } from 'typebox';
import { Body } from '../../http/types.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const UploadQuery = Type.Object({
  fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
}, { additionalProperties: false });

/** The CSV file as sent (text/csv), decoded to text at the edge (UTF-8, else Windows-1252). */
export const BadgeCsv = Type.String({ minLength: 1 });

const ErrorFields = Type.Array(Type.Object({ field: Type.String(), message: Type.String() }));

export const ImportedOut = Type.Object({
  rowCount: Type.Integer({ description: 'badges imported' }),
  imports: Type.Array(Type.Object({
    id: Type.String(),
    manager: Type.Object({ shortCode: Type.String(), name: Type.String() }),
    badgeCount: Type.Integer(),
  }), { description: 'one import per property manager the file named' }),
});

export const ProblemOut = Type.Object({
  line: Type.Integer({ description: 'line of the file; the header is line 1' }),
  field: Type.Union([Type.Literal('uid'), Type.Literal('label'), Type.Literal('technology'), Type.Literal('manager'), Type.Literal('row')]),
  code: Type.String(),
  message: Type.String(),
  value: Type.String({ description: 'what the file said' }),
  firstLine: Type.Optional(Type.Integer({ description: 'for a repetition: where the value first appeared' })),
});

/** A refused import: the usual error, and the report of every bad row. Nothing was imported. */
export const RefusedOut = Type.Object({
  error: Type.Object({ code: Type.Literal('badgestock.import_refused'), message: Type.String(), fields: ErrorFields }),
  report: Type.Object({ rowCount: Type.Integer(), badRows: Type.Integer(), problems: Type.Array(ProblemOut) }),
});

export const StockQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
}, { additionalProperties: false });

export const StockBadgeOut = Type.Object({
  uid: Type.String(),
  label: Type.String(),
  technology: Type.String(),
  importId: Type.String(),
  fileName: Type.String(),
  importedAt: Type.String(),
});

export const StockPageOut = Type.Object({
  page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer({ description: 'badges matching the search' }),
  badges: Type.Array(StockBadgeOut),
});

export const ImportOut = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  badgeCount: Type.Integer(),
  inStock: Type.Integer({ description: 'of these, not issued yet' }),
  importedBy: Type.String(),
  byOperator: Type.Boolean(),
  importedAt: Type.String(),
  manager: Type.Optional(Type.Object({ shortCode: Type.String(), name: Type.String() })),
});

export const DuplicateOut = Type.Object({
  uid: Type.String(),
  holders: Type.Array(Type.Object({
    manager: Type.Object({ shortCode: Type.String(), name: Type.String() }),
    place: Type.Union([Type.Literal('stock'), Type.Literal('credential')]),
    label: Nullable(Type.String()),
  })),
});

export const BuildingBadgeInput = Body({
  uid: Type.String({ minLength: 1, maxLength: 40 }),
  technology: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  label: Type.Optional(Type.String({ maxLength: 100 })),
});

export const BuildingBadgeOut = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  type: Type.Literal('rfid'),
  uid: Type.String(),
  technology: Type.String(),
  label: Nullable(Type.String()),
  status: Type.String(),
  origin: Type.Literal('building'),
  createdAt: Type.String(),
});
