// The consumption of a window as bars (echarts), the compared window beside them in grey. What a
// bar rests on shows in its look: solid measured, hatched estimated, pale partly without data;
// a gap has no bar, only a dash where it would stand. Loaded on its own (React.lazy): echarts is large.
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format.ts';
import type { ChartPeriod } from './calendar.ts';
import { axisLabel, COLORS, formatConsumption, periodLabel, type DataStatus, type PeriodData } from './consumption.ts';
import { unitSymbol } from './metering.api.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

/** Diagonal white stripes over the bar's colour. */
const HATCH = { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: -Math.PI / 4, color: 'rgba(255, 255, 255, 0.75)' };

const look = (status: DataStatus, color: string) => ({
  color,
  opacity: status === 'partial' ? 0.45 : status === 'estimated' ? 0.7 : 1,
  ...(status === 'estimated' && { decal: HATCH }),
});

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

interface Props {
  period: ChartPeriod;
  unit: string;
  current: PeriodData[];
  comparison: PeriodData[] | null;
  names: { current: string; comparison: string };
  label: string;
}

export default function ConsumptionChart({ period, unit, current, comparison, names, label }: Props) {
  const { t, i18n } = useTranslation('metering');
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const instance = echarts.init(element.current!, null, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current!);
    return () => { resize.disconnect(); instance.dispose(); chart.current = null; };
  }, []);

  useEffect(() => {
    const line = (p: PeriodData | undefined, name: string, color: string) => {
      if (!p) return '';
      const value = p.consumption === null ? t('status.none') : `${formatConsumption(p.consumption, unit)} · ${t(`status.${p.status}`)}`;
      return `<div><span style="display:inline-block;width:10px;height:10px;margin-right:6px;background:${color}"></span>`
        + `${escape(name)}: ${escape(periodLabel(t, period, p.bucket))}<br/><b>${escape(value)}</b></div>`;
    };
    // A gap: a bar of nothing with a dash where it would stand, so it does not read as nothing consumed.
    const gap = { value: 0, label: { show: true, position: 'top', distance: 2, formatter: '–', color: COLORS.gap, fontSize: 18, fontWeight: 'bold' } };
    const bars = (data: PeriodData[], color: string) => data.map((p) => (p.consumption === null ? gap : { value: p.consumption, itemStyle: look(p.status, color) }));
    chart.current?.setOption({
      animationDuration: 300,
      grid: { left: 8, right: 16, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const index = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          return line(current[index], names.current, COLORS.current) + (comparison ? line(comparison[index], names.comparison, COLORS.comparison) : '');
        },
      },
      xAxis: { type: 'category', data: current.map((p) => axisLabel(period, p.bucket)), axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', min: 0, name: unitSymbol(unit), axisLabel: { formatter: (value: number) => formatNumber(value) } },
      series: [
        { type: 'bar', name: names.current, data: bars(current, COLORS.current), barGap: '10%', barMaxWidth: 36 },
        ...(comparison ? [{ type: 'bar', name: names.comparison, data: bars(comparison, COLORS.comparison), barMaxWidth: 36 }] : []),
      ],
    }, { notMerge: true });
  }, [t, i18n.language, period, unit, current, comparison, names.current, names.comparison]);

  return (
    <div ref={element} role="img" aria-label={label} data-testid="consumption-chart" data-series={comparison ? 2 : 1}
      data-periods={current.length} style={{ width: '100%', height: 320 }} />
  );
}
