import { AppError, conflict, invalid } from '../../errors.ts';

export const deviceNotFound = () => new AppError('devices.not_found', 404, 'Device not found');
export const applianceNotFound = () => new AppError('devices.appliance_not_found', 404, 'Appliance not found');
// Names no tenant: the identity may belong to another property manager's device.
export const identityTaken = () => conflict('devices.identity_taken', 'A device with this identity is already registered', 'identity');
export const unitNotOfSite = () => invalid('devices.unit_not_of_site', 'unitId', 'The room must be a unit of the device\'s site');
export const wrongUnitKind = (kinds: string[]) => invalid('devices.wrong_unit_kind', 'unitId', `Choose a unit of kind ${kinds.join(' or ')}`);
export const deviceHasSessions = () => conflict('devices.has_sessions', 'This device has recorded usage; it cannot be deleted');
export const applianceHasSessions = () => conflict('devices.appliance_has_sessions', 'This appliance has recorded usage; it cannot be deleted');
export const applianceInUse = () => conflict('devices.appliance_in_use', 'This appliance is running a session; change its wiring when it is free');

// The wiring rules of an appliance on its device.
export const chargerConnectorsOnly = () => invalid('devices.charger_connectors_only', 'kind', 'A charger has EV connectors only');
export const noConnectorOnTerminal = () => invalid('devices.terminal_no_ev_connector', 'kind', 'A laundry terminal switches washers, dryers and ironers, not EV connectors');
export const chargerMetering = () => invalid('devices.charger_metering', 'metering', 'An EV connector is metered by energy or time');
export const mixedWiring = () => conflict('devices.mixed_wiring', 'A terminal is wired either for metered circuits (energy or time) or for impulse outputs, not both', 'metering');
export const tooManyMetered = (max: number) => conflict('devices.too_many_metered', `A terminal has at most ${max} metered circuits`, 'metering');
export const tooManyImpulse = (max: number) => conflict('devices.too_many_impulse', `A terminal has at most ${max} impulse outputs`, 'metering');
export const connectorTaken = () => conflict('devices.connector_taken', 'This connector already has an appliance', 'connectorId');
export const unknownConnector = () => invalid('devices.unknown_connector', 'payload.connectorId', 'No appliance of this device uses this connector');
