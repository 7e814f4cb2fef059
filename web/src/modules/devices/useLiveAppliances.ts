// The appliances' live status from the server's event stream: one event per appliance at first,
// then one per change. The browser's EventSource reconnects by itself after a network loss, and
// the server sends everything again then.
import { useEffect, useState } from 'react';
import type { LiveStatus } from './devices.api.ts';

export interface LiveAppliance { deviceId: string; applianceId: string; status: LiveStatus; ocppStatus: string | null; errorCode: string | null; at: string | null }

export function useLiveAppliances(siteId?: string): Map<string, LiveAppliance> {
  const [live, setLive] = useState<Map<string, LiveAppliance>>(new Map());
  useEffect(() => {
    const source = new EventSource(`/api/live/appliances${siteId ? `?siteId=${siteId}` : ''}`);
    source.addEventListener('appliance', (event) => {
      const update = JSON.parse((event as MessageEvent<string>).data) as LiveAppliance;
      setLive((current) => new Map(current).set(update.applianceId, update));
    });
    return () => source.close();
  }, [siteId]);
  return live;
}
