// The languages a site's notices are printed in (the instructions of its laundry rooms and
// garages): the portal's five, at least one. A site created without them gets its property
// manager's default language, so inserts that predate the column keep working.
import type { Migration } from '../migrate.ts';
import { executeScript } from '../script.ts';

export const siteLanguages: Migration = {
  version: 33,
  name: 'site_languages',
  async up(db) {
    await executeScript(db, `
      ALTER TABLE sites ADD COLUMN languages text[];
      UPDATE sites SET languages = ARRAY[tenants.default_language] FROM tenants WHERE tenants.id = sites.tenant_id;
      ALTER TABLE sites ALTER COLUMN languages SET NOT NULL;
      ALTER TABLE sites ADD CONSTRAINT sites_languages_check
        CHECK (cardinality(languages) >= 1 AND languages <@ ARRAY['de','fr','nl','pl','en']::text[]);

      -- A column default cannot look up the tenant: a trigger fills it in before the NOT NULL check.
      CREATE FUNCTION sites_default_languages() RETURNS trigger
      LANGUAGE plpgsql SECURITY INVOKER SET search_path = public AS $fn$
      BEGIN
        IF NEW.languages IS NULL THEN
          SELECT ARRAY[t.default_language] INTO NEW.languages FROM tenants t WHERE t.id = NEW.tenant_id;
        END IF;
        RETURN NEW;
      END
      $fn$;
      CREATE TRIGGER sites_default_languages BEFORE INSERT ON sites
        FOR EACH ROW EXECUTE FUNCTION sites_default_languages();
    `);
  },
};
