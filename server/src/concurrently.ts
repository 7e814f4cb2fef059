// Runs `work` over `items` with at most `limit` at a time (long runs over many residents: enough in
// flight to keep PostgreSQL and the event loop busy, few enough not to queue on the pool).

export async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
