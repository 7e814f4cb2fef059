// Openings per day as bars (echarts, loaded on its own: it is large), as the consumption chart does.
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { formatCalendar } from '../../format.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export default function OpeningsChart({ days, label }: { days: { day: string; count: number }[]; label: string }) {
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
    chart.current?.setOption({
      animationDuration: 300,
      grid: { left: 8, right: 16, top: 16, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: days.map((d) => formatCalendar(new Date(`${d.day}T12:00:00`), { day: '2-digit', month: '2-digit' })) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: label, data: days.map((d) => d.count), barMaxWidth: 28, itemStyle: { color: '#2f9e44' } }],
    }, { notMerge: true });
  }, [days, label]);

  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height: 200 }} />;
}
