// A fee's payment slip: the banking module's slip with the fee's reference, its fixed amount and
// its lines, worded for a fee (i18n/*.json, the same keys in each language).
import type { Language } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { inTenant } from '../../db/scope.ts';
import { feeReferences } from '../banking/references.ts';
import { renderPaymentSlip, type SlipPurpose } from '../banking/slip.pdf.ts';
import { instructionsFor } from '../banking/slips.usecases.ts';
import { feeNotFound, notOpen } from './fees.errors.ts';
import * as repo from './fees.repository.ts';
import de from './i18n/de.json' with { type: 'json' };
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import nl from './i18n/nl.json' with { type: 'json' };
import pl from './i18n/pl.json' with { type: 'json' };

// Typed against the English file: a language missing a text does not compile.
const texts: Record<Language, SlipPurpose['texts']> = { de, fr, nl, pl, en };

/** The slip of one of `personId`'s open fees; a paid or cancelled fee has none. */
export async function feeSlip(deps: Deps, tenantId: string, feeId: string, personId: string) {
  const { fee, instructions } = await inTenant(deps.db, tenantId, async (tx) => {
    const fee = await repo.findFee(tx, tenantId, feeId);
    if (!fee || fee.person_id !== personId) throw feeNotFound();
    if (fee.status !== 'open') throw notOpen();
    const refs = feeReferences((await repo.referenceContext(tx, tenantId)).shortCode, fee.number);
    // The reference the fee was given, while the account it needs exists; else the RF form,
    // which the import reads as the same fee.
    const instructions = await instructionsFor(tx, tenantId, personId, {
      references: { rf: refs.rf, qr: fee.reference === refs.qr ? refs.qr : null }, amountMinor: fee.amount_minor,
    });
    return { fee, instructions };
  });
  const pdf = await renderPaymentSlip(instructions, {
    texts: texts[instructions.language], items: fee.items, message: fee.items.map((i) => i.description).join(', '),
  });
  return { fee, instructions, pdf };
}
