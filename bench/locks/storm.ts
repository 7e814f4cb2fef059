// A child process of bench/locks.ts holding its share of the reconnect storm's locks: on
// `connect` every lock opens its WebSocket at once, waits for the welcome, asks for the changes
// since the version it holds and reports, per lock, the time until its whitelist arrived.
import WebSocket from 'ws';

interface StormLock { serial: string; secret: string; since: number }
type Command = { cmd: 'connect'; url: string; locks: StormLock[] } | { cmd: 'close' };

let sockets: WebSocket[] = [];

function connectOne(url: string, lock: StormLock): Promise<{ ms: number } | { error: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url}/locks/${lock.serial}`, { headers: { authorization: `Basic ${Buffer.from(`${lock.serial}:${lock.secret}`).toString('base64')}` }, perMessageDeflate: false, handshakeTimeout: 120_000 });
    sockets.push(ws);
    let done = false;
    const finish = (result: { ms: number } | { error: string }) => { if (!done) { done = true; resolve(result); } };
    ws.on('unexpected-response', (_req, res) => { res.resume(); finish({ error: `HTTP ${res.statusCode}` }); });
    ws.on('error', (err) => finish({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
    ws.on('close', () => finish({ error: 'closed' }));
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'welcome') ws.send(JSON.stringify({ id: 's', type: 'sync', since: lock.since }));
      else if (frame.type === 'whitelist') finish({ ms: performance.now() - started });
    });
  });
}

process.on('message', async (command: Command) => {
  if (command.cmd === 'connect') {
    const started = performance.now();
    const results = await Promise.all(command.locks.map((lock) => connectOne(command.url, lock)));
    const elapsedMs = performance.now() - started;
    const latencies = results.flatMap((r) => ('ms' in r ? [r.ms] : []));
    const errors: Record<string, number> = {};
    for (const r of results) if ('error' in r) errors[r.error] = (errors[r.error] ?? 0) + 1;
    process.send!({ latencies, errors, elapsedMs });
  } else {
    await Promise.all(sockets.map((ws) => new Promise<void>((resolve) => {
      if (ws.readyState === WebSocket.CLOSED) return resolve();
      ws.once('close', () => resolve());
      ws.terminate();
    })));
    sockets = [];
    process.send!({ closed: true });
  }
});
