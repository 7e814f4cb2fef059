// A line drawing per kind of appliance, so a washer and a dryer are told apart at a glance.
// Decorative: the card names the appliance and its kind in words.
import type { ApplianceKind } from './sessions.api.ts';

const DRAWINGS: Record<ApplianceKind, string[]> = {
  washer: ['M5 3h14a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z', 'M4 7h16', 'M7 5h.01', 'M10 5h.01',
    'M12 10a4 4 0 1 0 0 8a4 4 0 1 0 0-8z', 'M9.5 14.5c1 .8 2.2 .8 3.2 0s2.2-.8 3.2 0'],
  dryer: ['M5 3h14a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z', 'M4 7h16', 'M7 5h.01',
    'M12 10a4 4 0 1 0 0 8a4 4 0 1 0 0-8z', 'M11 12.5c.8 .7 .8 1.8 0 2.5', 'M13 12.5c.8 .7 .8 1.8 0 2.5'],
  ironer: ['M3 17h15a3 3 0 0 0 3-3v-1a6 6 0 0 0-6-6H8', 'M3 17a7 7 0 0 1 7-7h11', 'M8 7V5h5v2', 'M6 20h12'],
  ev_connector: ['M5 21V6a2 2 0 0 1 2-2h6a2 2 0 0 1 2 2v15', 'M3 21h14', 'M15 10h2a2 2 0 0 1 2 2v4a1.5 1.5 0 0 0 3 0V9l-3-3',
    'M10.5 7.5L8.5 11h3l-2 3.5'],
};

export function ApplianceIcon({ kind, size = 32 }: { kind: ApplianceKind; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.6}
      strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" data-kind={kind}>
      {DRAWINGS[kind].map((d) => <path key={d} d={d} />)}
    </svg>
  );
}
