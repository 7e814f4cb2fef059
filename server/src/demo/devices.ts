// Demo devices. Heimbau's laundry room at Leopoldau has two metered terminals (two washers
// billed by energy, two dryers by time) and its garage a charger; Régie du Lac's laundry room
// has a terminal with three programme washers (impulse), and a second terminal with the dryer
// that has just announced itself and waits for staff to accept it (onboarding). Every device
// uses the password DEMO_DEVICE_PASSWORD; in demo mode the product runs simulators for them
// (server/src/simulator/demo.ts), so appliances show live and residents can start them.
import type { Db } from '../db/client.ts';
import { asPlatform, inTenant } from '../db/scope.ts';
import type { ApplianceKind, DeviceKind, DeviceRegistration, Metering } from '../db/schema.ts';
import { hashPassword } from '../modules/auth/auth.passwords.ts';

export const DEMO_DEVICE_PASSWORD = 'demo-device-password';

export interface DemoAppliance { connectorId: number; kind: ApplianceKind; metering: Metering; name: string }
export interface DemoDevice {
  tenant: string;
  site: string;
  unit: string;
  identity: string;
  kind: DeviceKind;
  name: string;
  registration: DeviceRegistration;
  serialNumber: string;
  appliances: DemoAppliance[];
}

export const DEMO_DEVICES: DemoDevice[] = [
  {
    tenant: 'heimbau', site: 'Wohnhausanlage Leopoldau', unit: 'Waschküche Stiege 1', identity: 'HEIMBAU-WK1', kind: 'laundry_terminal',
    name: 'Waschküche Stiege 1 – Terminal 1', registration: 'accepted', serialNumber: 'SIM-HB-0001',
    appliances: [
      { connectorId: 1, kind: 'washer', metering: 'energy', name: 'Waschmaschine 1' },
      { connectorId: 2, kind: 'washer', metering: 'energy', name: 'Waschmaschine 2' },
    ],
  },
  {
    tenant: 'heimbau', site: 'Wohnhausanlage Leopoldau', unit: 'Waschküche Stiege 1', identity: 'HEIMBAU-WK2', kind: 'laundry_terminal',
    name: 'Waschküche Stiege 1 – Terminal 2', registration: 'accepted', serialNumber: 'SIM-HB-0002',
    appliances: [
      { connectorId: 1, kind: 'dryer', metering: 'time', name: 'Trockner 1' },
      { connectorId: 2, kind: 'dryer', metering: 'time', name: 'Trockner 2' },
    ],
  },
  {
    tenant: 'heimbau', site: 'Wohnhausanlage Leopoldau', unit: 'Tiefgarage', identity: 'HEIMBAU-EV1', kind: 'charger',
    name: 'Tiefgarage – Ladestation', registration: 'accepted', serialNumber: 'SIM-HB-0101',
    appliances: [{ connectorId: 1, kind: 'ev_connector', metering: 'energy', name: 'Ladepunkt 1' }],
  },
  {
    // Washers only: a terminal is either metered or impulse, and the site prices drying by time.
    tenant: 'regielac', site: 'Résidence du Port', unit: 'Buanderie', identity: 'REGIE-WK1', kind: 'laundry_terminal',
    name: 'Buanderie – terminal 1', registration: 'accepted', serialNumber: 'SIM-RL-0001',
    appliances: [
      { connectorId: 1, kind: 'washer', metering: 'impulse', name: 'Lave-linge 1' },
      { connectorId: 2, kind: 'washer', metering: 'impulse', name: 'Lave-linge 2' },
      { connectorId: 3, kind: 'washer', metering: 'impulse', name: 'Lave-linge 3' },
    ],
  },
  {
    tenant: 'regielac', site: 'Résidence du Port', unit: 'Buanderie', identity: 'REGIE-WK2', kind: 'laundry_terminal',
    name: 'Buanderie – terminal 2', registration: 'pending', serialNumber: 'SIM-RL-0002',
    appliances: [{ connectorId: 1, kind: 'dryer', metering: 'time', name: 'Sèche-linge' }],
  },
];

export async function seedDemoDevices(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_DEVICE_PASSWORD);
  const rooms = await asPlatform(db, (tx) => tx.selectFrom('units')
    .innerJoin('sites', (join) => join.onRef('sites.tenant_id', '=', 'units.tenant_id').onRef('sites.id', '=', 'units.site_id'))
    .innerJoin('tenants', 'tenants.id', 'units.tenant_id')
    .select(['tenants.short_code as tenant', 'units.tenant_id as tenantId', 'sites.id as siteId', 'sites.name as site', 'units.id as unitId', 'units.label as unit'])
    .where('units.kind', 'in', ['laundry_room', 'garage']).execute());
  for (const device of DEMO_DEVICES) {
    const room = rooms.find((r) => r.tenant === device.tenant && r.site === device.site && r.unit === device.unit);
    if (!room) continue; // the demo's rooms changed: leave the device out rather than fail the seed
    await inTenant(db, room.tenantId, async (tx) => {
      const { id } = await tx.insertInto('devices').values({
        tenant_id: room.tenantId, identity: device.identity, kind: device.kind, site_id: room.siteId, unit_id: room.unitId, name: device.name,
        password_hash: passwordHash, registration: device.registration, serial_number: device.serialNumber,
        // The pending terminal has announced itself: staff see what it reported before they accept it.
        ...(device.registration === 'pending' ? { vendor: 'Concierge', model: 'Sim Laundry Terminal', firmware_version: 'sim-1.0', last_boot_at: new Date() } : {}),
      }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('appliances').values(device.appliances.map((a) => ({
        tenant_id: room.tenantId, device_id: id, connector_id: a.connectorId, kind: a.kind, metering: a.metering, name: a.name,
      }))).execute();
    });
  }
}
