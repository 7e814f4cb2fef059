import { Type } from 'typebox';
import { Uuid } from '../../http/types.ts';

export const RoomParams = Type.Object({ siteId: Uuid, unitId: Uuid }, { additionalProperties: false });

const LANGUAGE = '(de|fr|nl|pl|en)';

export const InstructionsQuery = Type.Object({
  /** Comma-separated, e.g. `de,en`: overrides the site's languages for this print. */
  languages: Type.Optional(Type.String({ pattern: `^${LANGUAGE}(,${LANGUAGE}){0,4}$` })),
}, { additionalProperties: false });
