// `concierge codes generate --product P --quantity N [--keys K] [--label L] [--by EMAIL]`: a batch
// of prepaid codes as CSV on stdout, made by the same use case as the operator's portal. A batch
// is recorded under an operator login: the one --by names, else the first operator created.
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { asPlatform } from '../../db/scope.ts';
import type { PrepaidProduct } from '../../db/schema.ts';
import { systemClock } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/actor.ts';
import { generateBatch, type BatchInput } from './prepaidcodes.usecases.ts';

export const codesUsage = `  codes generate --product management_5y|organisation_option|organisation_management|key_pack
                 --quantity N [--keys K] [--label TEXT] [--by OPERATOR_EMAIL]
                             make a batch of prepaid codes and print them as CSV (shown this once;
                             only their digests are kept); --keys for key packs only`;

const PRODUCTS: PrepaidProduct[] = ['management_5y', 'organisation_option', 'organisation_management', 'key_pack'];

export interface GenerateOptions extends BatchInput { by?: string }

/** The command line read into a batch, or a one-line reason. */
export function parseGenerate(args: string[]): GenerateOptions | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: {
      product: { type: 'string' }, quantity: { type: 'string' }, keys: { type: 'string' }, label: { type: 'string' }, by: { type: 'string' },
    } });
  } catch (error) {
    return { error: (error as Error).message };
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'generate' || !values.product || !values.quantity) return { error: 'codes generate needs --product and --quantity.' };
  if (!PRODUCTS.includes(values.product as PrepaidProduct)) return { error: `Not a product: ${values.product} (one of ${PRODUCTS.join(', ')}).` };
  const quantity = Number(values.quantity);
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10_000) return { error: `--quantity is a whole number from 1 to 10000, not ${values.quantity}.` };
  const keys = values.keys === undefined ? undefined : Number(values.keys);
  if (keys !== undefined && (!Number.isInteger(keys) || keys < 1 || keys > 2500)) return { error: `--keys is a whole number from 1 to 2500, not ${values.keys}.` };
  return { product: values.product as PrepaidProduct, quantity, ...(keys !== undefined && { keysPerCode: keys }), ...(values.label && { label: values.label }), ...(values.by && { by: values.by }) };
}

const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Makes the batch and writes `code,product,keys_per_code,batch_id,label` lines; returns the batch's id. */
export async function generateCsv(db: Db, options: GenerateOptions, write: (text: string) => void): Promise<string> {
  const operator = await operatorLogin(db, options.by);
  const { batch, codes } = await generateBatch({ db, clock: systemClock }, operator, options);
  const tail = `,${batch.product},${batch.keys_per_code ?? ''},${batch.id},${csvField(batch.label ?? '')}\n`;
  write('code,product,keys_per_code,batch_id,label\n');
  for (let start = 0; start < codes.length; start += 1000) write(codes.slice(start, start + 1000).map((code) => code + tail).join(''));
  return batch.id;
}

async function operatorLogin(db: Db, email: string | undefined): Promise<Actor> {
  const user = await asPlatform(db, (tx) => {
    let query = tx.selectFrom('users').select(['id', 'email', 'display_name']).where('platform_role', '=', 'operator_admin').where('disabled_at', 'is', null);
    if (email) query = query.where('email', '=', email.trim());
    return query.orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  });
  if (!user) {
    throw new AppError('prepaid_codes.no_operator', 400, email
      ? `No operator login with the e-mail ${email}.` : 'A batch is recorded under an operator login: create one first (concierge create-operator).');
  }
  return {
    userId: user.id, email: user.email, displayName: `command line (${user.display_name})`, language: 'en', platformRole: 'operator_admin',
    tenantId: null, role: null, personId: null, via: 'session', sessionId: null, scopes: null,
  };
}

export async function codesCommand(args: string[], config: Config): Promise<number> {
  const options = parseGenerate(args);
  if ('error' in options) {
    console.error(`${options.error}\n\nUsage:\n${codesUsage}`);
    return 2;
  }
  const [{ openDatabase }, { migrate }] = await Promise.all([import('../../db/client.ts'), import('../../db/migrate.ts')]);
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(handle);
    const batchId = await generateCsv(handle.db, options, (text) => process.stdout.write(text));
    console.error(`Batch ${batchId}: ${options.quantity} code(s) of ${options.product}. Keep the file safe: the codes cannot be shown again.`);
    return 0;
  } finally {
    await handle.close();
  }
}
