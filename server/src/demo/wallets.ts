// Demo wallets: every resident gets a few weeks of history (card and bank top-ups, laundry
// usage, a badge fee) so balances and statements show something real on first start.
import type { Db } from '../db/client.ts';
import { asPlatform, inTenant } from '../db/scope.ts';
import { createTransfer, systemAccount, transferId, walletOf, type SystemAccountKind } from '../modules/ledger/ledger.usecases.ts';
import type { TransferCode } from '../modules/ledger/ledger.types.ts';

interface Movement { daysAgo: number; from: SystemAccountKind | 'wallet'; to: SystemAccountKind | 'wallet'; amount: number; code: TransferCode; note: string }

// The same pattern for everyone, scaled per person so balances differ.
const history: Movement[] = [
  { daysAgo: 42, from: 'card_clearing', to: 'wallet', amount: 2000, code: 'top_up', note: 'Card' },
  { daysAgo: 41, from: 'wallet', to: 'revenue', amount: 650, code: 'fee', note: 'Badge' },
  { daysAgo: 41, from: 'wallet', to: 'revenue', amount: 150, code: 'fee', note: 'Shipping' },
  { daysAgo: 35, from: 'wallet', to: 'revenue', amount: 110, code: 'usage', note: 'Washer 1: 2.2 kWh' },
  { daysAgo: 33, from: 'wallet', to: 'revenue', amount: 100, code: 'usage', note: 'Dryer: 60 min' },
  { daysAgo: 21, from: 'bank_clearing', to: 'wallet', amount: 3000, code: 'top_up', note: 'Bank transfer' },
  { daysAgo: 14, from: 'wallet', to: 'revenue', amount: 95, code: 'usage', note: 'Washer 2: 1.9 kWh' },
  { daysAgo: 6, from: 'wallet', to: 'revenue', amount: 100, code: 'usage', note: 'Dryer: 60 min' },
  { daysAgo: 2, from: 'wallet', to: 'revenue', amount: 120, code: 'usage', note: 'Washer 1: 2.4 kWh' },
];

export async function seedDemoWallets(db: Db, now = new Date()): Promise<void> {
  const tenants = await asPlatform(db, (tx) => tx.selectFrom('tenants').select('id').execute());
  for (const { id: tenantId } of tenants) {
    await inTenant(db, tenantId, async (tx) => {
      const people = await tx.selectFrom('people').select(['id', 'customer_number']).where('tenant_id', '=', tenantId).orderBy('customer_number').execute();
      for (const [index, person] of people.entries()) {
        const wallet = (await walletOf(tx, tenantId, person.id)).id;
        const scale = 1 + (index % 3) * 0.5;
        for (const [step, m] of history.entries()) {
          const account = async (side: Movement['from']) => (side === 'wallet' ? wallet : systemAccount(tx, tenantId, side));
          await createTransfer(tx, tenantId, {
            id: transferId('demo', `${person.id}:${step}`), debitAccountId: await account(m.from), creditAccountId: await account(m.to),
            amount: Math.round((m.amount * scale) / 5) * 5, code: m.code, reference: { type: 'demo', id: String(step) }, note: m.note,
          }, new Date(now.getTime() - m.daysAgo * 86_400_000));
        }
      }
    });
  }
}
