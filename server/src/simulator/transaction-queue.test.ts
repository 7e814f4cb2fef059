// The order and ids of transaction messages a device sends after an outage.
import { createRPCError } from 'ocpp-rpc';
import { describe, expect, it } from 'vitest';
import { TransactionQueue } from './transaction-queue.ts';

function transport(answer: (action: string, params: Record<string, unknown>) => unknown) {
  const sent: { action: string; params: Record<string, unknown> }[] = [];
  let online = false;
  const queue = new TransactionQueue({
    online: () => online,
    async call(action, params) {
      sent.push({ action, params });
      return answer(action, params);
    },
    log: () => {},
  });
  return { queue, sent, setOnline: (value: boolean) => { online = value; } };
}

describe('transaction queue', () => {
  it('keeps messages while offline and sends them in order with the transactionId the start was given', async () => {
    const t = transport((action) => (action === 'StartTransaction' ? { transactionId: 1234, idTagInfo: { status: 'Accepted' } } : {}));
    const started = t.queue.send('StartTransaction', { connectorId: 1, idTag: 'A', meterStart: 0, timestamp: 't0' }, { localTransactionId: -1 });
    void t.queue.send('MeterValues', { connectorId: 1, transactionId: -1, meterValue: [] });
    void t.queue.send('StopTransaction', { transactionId: -1, meterStop: 500, timestamp: 't1' }, { idTag: 'A' });
    await t.queue.drain();
    expect(t.sent).toEqual([]);
    expect(t.queue.length).toBe(3);

    t.setOnline(true);
    await t.queue.drain();
    expect(t.sent.map((m) => [m.action, m.params.transactionId])).toEqual([['StartTransaction', undefined], ['MeterValues', 1234], ['StopTransaction', 1234]]);
    expect(t.sent[2]!.params.timestamp).toBe('t1');
    expect(await started).toMatchObject({ transactionId: 1234 });
    expect(t.queue.transactionIdFor(-1)).toBe(1234);
  });

  it('stops at a lost connection and goes on from the same message', async () => {
    let fail = true;
    const t = transport((action) => {
      if (action === 'MeterValues' && fail) throw new Error('Client disconnected');
      return action === 'StartTransaction' ? { transactionId: 7, idTagInfo: { status: 'Accepted' } } : {};
    });
    t.setOnline(true);
    void t.queue.send('StartTransaction', { connectorId: 1, idTag: 'A', meterStart: 0, timestamp: 't0' }, { localTransactionId: -1 });
    void t.queue.send('MeterValues', { connectorId: 1, transactionId: -1, meterValue: [] });
    await t.queue.drain();
    expect(t.queue.length).toBe(1);
    fail = false;
    await t.queue.drain();
    expect(t.sent.map((m) => m.action)).toEqual(['StartTransaction', 'MeterValues', 'MeterValues']);
    expect(t.queue.length).toBe(0);
  });

  it('sends the stop with transactionId -1 and the tag when the start never got an id', async () => {
    const t = transport((action) => {
      if (action === 'StartTransaction') throw createRPCError('InternalError', 'boom');
      return {};
    });
    t.setOnline(true);
    const started = t.queue.send('StartTransaction', { connectorId: 1, idTag: 'A', meterStart: 0, timestamp: 't0' }, { localTransactionId: -3 });
    const reading = t.queue.send('MeterValues', { connectorId: 1, transactionId: -3, meterValue: [] });
    void t.queue.send('StopTransaction', { transactionId: -3, meterStop: 100, timestamp: 't1' }, { idTag: 'A' });
    await t.queue.drain();
    await expect(started).rejects.toMatchObject({ rpcErrorCode: 'InternalError' });
    await expect(reading).rejects.toThrow('transaction without id');
    expect(t.sent.map((m) => [m.action, m.params.transactionId, m.params.idTag])).toEqual([['StartTransaction', undefined, 'A'], ['StopTransaction', -1, 'A']]);
  });
});
