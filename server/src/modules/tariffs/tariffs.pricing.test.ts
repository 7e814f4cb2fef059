import { describe, expect, it } from 'vitest';
import { billedMinutes, costOf, storedQuantity, vatIncluded, type Price } from './tariffs.pricing.ts';

const price = (metering: Price['metering'], unitPriceMinor: number, sessionFeeMinor = 0): Price => ({ metering, unitPriceMinor, sessionFeeMinor, vatRateBp: 2000 });

describe('costOf', () => {
  it('charges energy per kWh on the whole quantity in Wh, rounding half up once', () => {
    expect(costOf(price('energy', 50), 1500)).toBe(75);
    expect(costOf(price('energy', 50), 9)).toBe(0); // 0.45 ct
    expect(costOf(price('energy', 50), 10)).toBe(1); // 0.5 ct: half goes up
    expect(costOf(price('energy', 39), 12_345)).toBe(481); // 481.455 ct
    expect(costOf(price('energy', 39), 12_346)).toBe(481); // 481.494 ct
    expect(costOf(price('energy', 45), 22_300)).toBe(1004); // 1003.5 ct
  });

  it('charges time per hour on started minutes', () => {
    expect(costOf(price('time', 100), 90)).toBe(150);
    expect(costOf(price('time', 100), 1)).toBe(2); // 1.67 ct
    expect(costOf(price('time', 10), 3)).toBe(1); // 0.5 ct
    expect(costOf(price('time', 150), 7)).toBe(18); // 17.5 ct
    expect(costOf(price('time', 150), 1)).toBe(3); // 2.5 ct
  });

  it('charges impulses by the piece', () => {
    expect(costOf(price('impulse', 200), 3)).toBe(600);
    expect(costOf(price('impulse', 100), 1)).toBe(100);
  });

  it('adds the session fee when something was consumed, and nothing for a session that never ran', () => {
    expect(costOf(price('energy', 39, 25), 1000)).toBe(64);
    expect(costOf(price('impulse', 200, 50), 1)).toBe(250);
    expect(costOf(price('energy', 39, 25), 0)).toBe(0);
    expect(costOf(price('time', 100, 25), 0)).toBe(0);
  });

  it('refuses a negative or fractional quantity', () => {
    expect(() => costOf(price('energy', 50), -1)).toThrow(RangeError);
    expect(() => costOf(price('time', 50), 1.5)).toThrow(RangeError);
    expect(() => costOf(price('impulse', 50), Number.NaN)).toThrow(RangeError);
  });
});

describe('vatIncluded', () => {
  it('finds the VAT inside a gross amount, rounded half up', () => {
    expect(vatIncluded(1200, 2000)).toBe(200);
    expect(vatIncluded(3, 2000)).toBe(1); // 0.5
    expect(vatIncluded(2, 2000)).toBe(0); // 0.33
    expect(vatIncluded(9, 2000)).toBe(2); // 1.5
    expect(vatIncluded(10_810, 810)).toBe(810);
    expect(vatIncluded(100, 810)).toBe(7); // 7.49
    expect(vatIncluded(12_100, 2100)).toBe(2100);
    expect(vatIncluded(500, 0)).toBe(0);
  });
});

describe('billedMinutes', () => {
  const t = (seconds: number) => new Date(Date.UTC(2025, 0, 1) + seconds * 1000);
  it('counts every started minute and never less than zero', () => {
    expect(billedMinutes(t(0), t(0))).toBe(0);
    expect(billedMinutes(t(0), t(1))).toBe(1);
    expect(billedMinutes(t(0), t(60))).toBe(1);
    expect(billedMinutes(t(0), t(61))).toBe(2);
    expect(billedMinutes(t(0), t(3600))).toBe(60);
    expect(billedMinutes(t(60), t(0))).toBe(0);
  });
});

describe('storedQuantity', () => {
  it('turns kWh with decimals into whole Wh without float drift, and rounds minutes up', () => {
    expect(storedQuantity('energy', 1.5)).toBe(1500);
    expect(storedQuantity('energy', 1.005)).toBe(1005); // 1004.9999… in floating point
    expect(storedQuantity('energy', 0.1 + 0.2)).toBe(300);
    expect(storedQuantity('time', 2.1)).toBe(3);
    expect(storedQuantity('time', 45)).toBe(45);
    expect(storedQuantity('impulse', 2)).toBe(2);
  });
});
