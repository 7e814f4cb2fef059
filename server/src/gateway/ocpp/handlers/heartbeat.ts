// Heartbeat: keeps the connection alive and lets the device set its clock by ours.
import type { Deps } from '../../../deps.ts';

export async function heartbeat(deps: Deps): Promise<{ currentTime: string }> {
  return { currentTime: deps.clock.now().toISOString() };
}
