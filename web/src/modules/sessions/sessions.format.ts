// Quantities and prices of sessions in the user's language: "0,6 kWh", "45 min", "2 × Impuls",
// "0,50 € pro kWh + 0,20 € pro Vorgang".
import type { TFunction } from 'i18next';
import { formatMoney, formatNumber } from '../../format.ts';
import type { AppliancePrice, Unit } from './sessions.api.ts';

export function quantityText(t: TFunction, unit: Unit, quantity: number | null): string {
  if (quantity === null) return '–';
  return t(`units.${unit}`, { value: formatNumber(quantity) });
}

export function unitPriceText(t: TFunction, unit: Unit, unitPriceMinor: number, currency: string): string {
  return t(`per.${unit}`, { price: formatMoney(unitPriceMinor, currency) });
}

export function priceText(t: TFunction, price: AppliancePrice): string {
  const perUnit = unitPriceText(t, price.unit, price.unitPrice, price.currency);
  return price.sessionFee > 0 ? t('withFee', { price: perUnit, fee: formatMoney(price.sessionFee, price.currency) }) : perUnit;
}
