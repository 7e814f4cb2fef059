// The part of the `qrcode` package this project uses (it ships no types of its own).
declare module 'qrcode' {
  interface QrOptions { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; margin?: number; width?: number }
  /** The code's modules: `get(row, column)` is true for a dark one. */
  interface BitMatrix { size: number; get(row: number, column: number): boolean }
  const QRCode: {
    toDataURL(text: string, options?: QrOptions): Promise<string>;
    create(text: string, options?: Pick<QrOptions, 'errorCorrectionLevel'>): { modules: BitMatrix };
  };
  export type { BitMatrix };
  export default QRCode;
}
