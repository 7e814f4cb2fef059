// A meter's consumption report as PDF, in the reader's language: the chart (echarts rendered to
// SVG on the server, no browser needed, drawn into the PDF as vectors), then a row per period with
// the consumption, what was estimated or missing, and the comparison period beside it.
import * as echarts from 'echarts';
import SVGtoPDF from 'svg-to-pdfkit';
import type { Language } from '../../db/schema.ts';
import { fitsStandardFonts, renderPdf } from '../../pdf/render.ts';
import { fill } from '../invoices/invoices.texts.ts';
import type { Period } from './metering.repository.ts';
import { meteringTexts, type MeteringTexts } from './metering.texts.ts';

/** One period of the report; consumption in thousandths of the unit, null where nothing was measured. */
export interface ReportRow { startsAt: Date; consumption: number | null; estimatedS: number }

export interface MeterReport {
  /** `serial` null: a unit's meter read pseudonymised (its name is the pseudonym then). */
  meter: { name: string; serial: string | null; unit: string; medium: string; site: string };
  period: Period;
  from: Date;
  to: Date;
  rows: ReportRow[];
  /** The comparison, period by period (the same count as rows), or null. */
  compare: { kind: 'previous' | 'last_year'; rows: ReportRow[] } | null;
  language: Language;
  timeZone: string;
  now: Date;
}

const UNIT_LABEL: Record<string, string> = { kWh: 'kWh', MWh: 'MWh', m3: 'm³', GJ: 'GJ' };

function formatters(report: MeterReport) {
  const { language, timeZone } = report;
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const label: Record<Period, Intl.DateTimeFormat> = {
    hour: new Intl.DateTimeFormat(language, { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
    day: new Intl.DateTimeFormat(language, { timeZone, day: 'numeric', month: 'short' }),
    week: new Intl.DateTimeFormat(language, { timeZone, day: 'numeric', month: 'short', year: 'numeric' }),
    month: new Intl.DateTimeFormat(language, { timeZone, month: 'short', year: 'numeric' }),
    year: new Intl.DateTimeFormat(language, { timeZone, year: 'numeric' }),
  };
  const day = new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'long' });
  // French groups digits with a narrow no-break space, which the built-in fonts lack.
  const plain = (text: string) => text.replace(/[\u202f\u2009]/g, '\u00a0');
  return {
    amount: (milli: number) => plain(number.format(milli / 1000)),
    period: (at: Date) => plain(label[report.period].format(at)),
    day: (at: Date) => plain(day.format(at)),
  };
}

/** The chart as SVG: bars per period (estimated ones paler), the comparison as a grey line. */
export function consumptionChartSvg(report: MeterReport, width = 495, height = 240): string {
  const t = meteringTexts(report.language);
  const format = formatters(report);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'sans-serif', fontSize: 9 },
      grid: { left: 48, right: 8, top: 28, bottom: 36 },
      legend: { top: 0, data: [t.this_period, ...(report.compare ? [t[report.compare.kind]] : [])] },
      xAxis: { type: 'category', data: report.rows.map((r) => format.period(r.startsAt)), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', name: UNIT_LABEL[report.meter.unit] ?? report.meter.unit, nameTextStyle: { align: 'right' } },
      series: [
        {
          name: t.this_period, type: 'bar', color: '#1c7ed6',
          data: report.rows.map((r) => ({ value: r.consumption === null ? null : r.consumption / 1000, itemStyle: r.estimatedS > 0 ? { opacity: 0.4 } : undefined })),
        },
        ...(report.compare ? [{
          name: t[report.compare.kind], type: 'line', color: '#868e96', symbolSize: 3,
          data: report.compare.rows.map((r) => (r.consumption === null ? null : r.consumption / 1000)),
        }] : []),
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function texts(report: MeterReport, t: MeteringTexts): string[] {
  return [...Object.values(t), report.meter.name, report.meter.serial ?? '', report.meter.site];
}

export function renderMeterReport(report: MeterReport): Promise<Buffer> {
  const t = meteringTexts(report.language);
  const format = formatters(report);
  const unit = UNIT_LABEL[report.meter.unit] ?? report.meter.unit;
  const medium = (t as Record<string, string>)[`medium_${report.meter.medium}`] ?? report.meter.medium;
  const total = (rows: ReportRow[]) => rows.reduce((sum, r) => sum + (r.consumption ?? 0), 0);
  const lastDay = new Date(report.to.getTime() - 1);
  return renderPdf((doc) => {
    const regular = (size: number) => doc.font('regular').fontSize(size);
    const bold = (size: number) => doc.font('bold').fontSize(size);
    bold(18).text(`${t.report}: ${report.meter.name}`, 50, 50, { width: 495 });
    regular(10).text([
      `${t.meter}: ${medium}, ${unit}${report.meter.serial === null ? '' : ` · ${t.serial} ${report.meter.serial}`}`,
      `${t.place}: ${report.meter.site}`,
      `${t[`period_${report.period}`]}, ${fill(t.range, { from: format.day(report.from), to: format.day(lastDay) })}`,
    ].join('\n'), { width: 495 });
    const top = doc.y + 12;
    SVGtoPDF(doc, consumptionChartSvg(report), 50, top, { width: 495, height: 240, assumePt: true, fontCallback: () => 'regular' });
    let y = top + 252;

    const columns = report.compare ? [50, 230, 350, 430] : [50, 250, 400];
    const header = () => {
      bold(9);
      doc.text(t.starts, columns[0]!, y, { width: 170 });
      doc.text(`${t.consumption} (${unit})`, columns[1]!, y, { width: 110, align: 'right' });
      if (report.compare) doc.text(t[report.compare.kind], columns[2]!, y, { width: 75, align: 'right' });
      doc.text(t.estimated, columns[columns.length - 1]!, y, { width: 115, align: 'right' });
      y += 16;
    };
    header();
    report.rows.forEach((row, i) => {
      if (y > doc.page.height - 70) {
        doc.addPage();
        y = 50;
        header();
      }
      regular(9);
      doc.text(format.period(row.startsAt), columns[0]!, y, { width: 170 });
      doc.text(row.consumption === null ? t.no_data : format.amount(row.consumption), columns[1]!, y, { width: 110, align: 'right' });
      const other = report.compare?.rows[i];
      if (report.compare) doc.text(other?.consumption == null ? t.no_data : format.amount(other.consumption), columns[2]!, y, { width: 75, align: 'right' });
      doc.text(row.estimatedS > 0 ? t.estimated : '', columns[columns.length - 1]!, y, { width: 115, align: 'right' });
      y += 13;
    });
    doc.moveTo(50, y).lineTo(545, y).lineWidth(0.5).stroke();
    y += 5;
    bold(9).text(t.total, columns[0]!, y, { width: 170 });
    doc.text(format.amount(total(report.rows)), columns[1]!, y, { width: 110, align: 'right' });
    if (report.compare) doc.text(format.amount(total(report.compare.rows)), columns[2]!, y, { width: 75, align: 'right' });
    regular(8).text(t.gaps_note, 50, y + 20, { width: 495 });
    regular(8).text(fill(t.generated, { date: format.day(report.now) }), { width: 495 });
  }, { title: `${t.report}: ${report.meter.name}`, language: report.language, standardFonts: fitsStandardFonts(texts(report, t)) });
}
