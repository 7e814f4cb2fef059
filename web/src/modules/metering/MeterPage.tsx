// One meter's consumption, for the office (/meters/:id) and for residents (/my-consumption/:id): a
// bar chart of the last 31 days, 13 weeks or 12 months up to a chosen day (today unless chosen),
// optionally beside the window before or the same periods a year earlier, with what each period
// rests on (measured, estimated, partly or not at all); below, the same rows as a table and as CSV.
// An alarm on the meter is set on the Alarms page, which opens with the meter chosen.
import { Anchor, Box, Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { get } from '../../api.ts';
import { isManager, useSession } from '../../app/session.tsx';
import { formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { comparisonStart, dayIn, isoDay, parseIsoDay, windowFrom, windowStart, type ChartPeriod, type Comparison } from './calendar.ts';
import { ConsumptionTable } from './ConsumptionTable.tsx';
import { COLORS, formatConsumption, periodData, periodLabel, toCsv, total, windowLabel, type PeriodData } from './consumption.ts';
import { saveText } from '../../ui/save.ts';
import { consumptionPath, meterFileName, meterName, reportPath, unitSymbol, type Consumption, type Meter } from './metering.api.ts';
import { MeterFacts } from './MeterFacts.tsx';

const ConsumptionChart = lazy(() => import('./ConsumptionChart.tsx'));

const PERIODS: ChartPeriod[] = ['day', 'week', 'month'];
const COMPARISONS: Comparison[] = ['none', 'previous', 'lastYear'];

/** One answer per path: while another path loads, the last answer is not shown as if it were its. */
function useAnswer<T>(path: string | null) {
  const [answer, setAnswer] = useState<{ path: string; data?: T; error?: unknown } | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    get<T>(path).then((data) => { if (live) setAnswer({ path, data }); }, (error: unknown) => { if (live) setAnswer({ path, error }); });
    return () => { live = false; };
  }, [path]);
  return answer?.path === path ? answer : null;
}

/** Swatches as in the chart. */
function Swatch({ color, hatched = false, faded = false, gap = false }: { color: string; hatched?: boolean; faded?: boolean; gap?: boolean }) {
  const style = gap
    ? { width: 14, height: 3, background: color, marginTop: 6 }
    : {
      width: 14, height: 14, background: color, opacity: faded ? 0.45 : hatched ? 0.7 : 1,
      backgroundImage: hatched ? 'repeating-linear-gradient(-45deg, rgba(255,255,255,0.8) 0 2px, transparent 2px 5px)' : undefined,
    };
  return <Box aria-hidden style={{ flex: 'none', borderRadius: 2, ...style }} />;
}

function LegendLine({ swatch, children }: { swatch: ReactNode; children: ReactNode }) {
  return <Group gap={8} wrap="nowrap" align="flex-start">{swatch}<Text size="sm" lh={1.2}>{children}</Text></Group>;
}

export function MeterPage() {
  const { t } = useTranslation('metering');
  const { id } = useParams();
  const { me } = useSession();
  const staff = isManager(me);
  const resident = useLocation().pathname.startsWith('/my-consumption');
  const [params, setParams] = useSearchParams();
  const meters = useLoad<Meter[]>(staff && !resident ? '/api/meters' : '/api/me/meters');
  const meter = meters.data?.find((m) => m.id === id) ?? null;

  const timeZone = me?.tenant?.timeZone ?? 'UTC';
  const today = isoDay(dayIn(Date.now(), timeZone));
  const period = (PERIODS as string[]).includes(params.get('period') ?? '') ? params.get('period') as ChartPeriod : 'day';
  const comparison = (COMPARISONS as string[]).includes(params.get('compare') ?? '') ? params.get('compare') as Comparison : 'none';
  const chosen = params.get('to');
  const until = chosen && parseIsoDay(chosen) && chosen <= today ? chosen : today;
  const change = (key: string, value: string | null) => setParams((current) => {
    const next = new URLSearchParams(current);
    if (value === null) next.delete(key); else next.set(key, value);
    return next;
  }, { replace: true });

  const buckets = useMemo(() => windowFrom(period, windowStart(period, parseIsoDay(until)!), timeZone), [period, until, timeZone]);
  const compared = useMemo(() => comparison === 'none' ? null : windowFrom(period, comparisonStart(period, buckets[0]!.day, comparison), timeZone),
    [period, comparison, buckets, timeZone]);
  const pathOf = (b: typeof buckets | null) => (b && id ? consumptionPath(id, period, new Date(b[0]!.start), new Date(b[b.length - 1]!.end)) : null);
  const main = useAnswer<Consumption>(pathOf(buckets));
  const other = useAnswer<Consumption>(pathOf(compared));
  const current = useMemo(() => (main?.data ? periodData(buckets, main.data.rows) : null), [main, buckets]);
  const before = useMemo(() => (other?.data && compared ? periodData(compared, other.data.rows) : null), [other, compared]);
  const names = useMemo(() => ({
    current: t('legend.current', { dates: windowLabel(period, buckets) }),
    comparison: compared ? t(`legend.${comparison}`, { dates: windowLabel(period, compared) }) : '',
  }), [t, period, buckets, compared, comparison]);

  const unit = main?.data?.unit ?? meter?.unit ?? 'kWh';
  const back = resident || !staff ? { to: '/my-consumption', label: t('mine.back') } : { to: `/meters${meter ? `?site=${meter.siteId}` : ''}`, label: t('back') };

  const download = () => {
    if (!current || !meter) return;
    const header = [t('csv.start'), t('table.period'), `${t('table.consumption')} (${unitSymbol(unit)})`, t('csv.measuredHours'), t('csv.estimatedHours'), t('table.data')];
    if (before) header.push(t('csv.comparisonStart'), `${t('table.comparison')} (${unitSymbol(unit)})`, t('csv.comparisonData'));
    const hours = (seconds: number) => String(Math.round(seconds / 36) / 100);
    const rows = current.map((p, i) => {
      const row = [isoDay(p.bucket.day), periodLabel(t, period, p.bucket), p.consumption === null ? '' : String(p.consumption), hours(p.measuredSeconds), hours(p.estimatedSeconds), t(`status.${p.status}`)];
      const b: PeriodData | undefined = before?.[i];
      if (b) row.push(isoDay(b.bucket.day), b.consumption === null ? '' : String(b.consumption), t(`status.${b.status}`));
      return row;
    });
    saveText(`${meterFileName(meter)}-${period}-${isoDay(buckets[0]!.day)}-${until}.csv`, toCsv([header, ...rows]));
  };

  const loadError: unknown = meters.error ?? main?.error ?? other?.error;
  const sum = current ? total(current) : 0;
  const sumBefore = before ? total(before) : 0;
  // A change in percent only between windows without gaps: a missing period is not a saving.
  const comparable = current && before && sumBefore > 0 && ![...current, ...before].some((p) => p.status === 'none');

  return (
    <Page title={meter ? meterName(meter, t) : t('meter')} actions={(
      <>
        {meter && <Button component={Link} to={`/alarms?meter=${meter.id}`} variant="default">{t('setAlarm')}</Button>}
        <Anchor component={Link} to={back.to}>{back.label}</Anchor>
      </>
    )}>
      {loadError ? <LoadError message={errorText(t, loadError)} /> : !meters.data ? <Loading /> : !meter ? <LoadError message={t('notFound')} /> : (
        <>
          <MeterFacts meter={meter} />
          <Card withBorder>
            <Stack>
              <Group align="flex-end" wrap="wrap" gap="md">
                <Stack gap={4}>
                  <Text size="sm" fw={500} id="period-label">{t('period.label')}</Text>
                  <SegmentedControl aria-labelledby="period-label" value={period} onChange={(value) => change('period', value === 'day' ? null : value)}
                    data={PERIODS.map((p) => ({ value: p, label: t(`period.${p}`) }))} />
                </Stack>
                <Stack gap={4}>
                  <Text size="sm" fw={500} id="compare-label">{t('compare.label')}</Text>
                  <SegmentedControl aria-labelledby="compare-label" value={comparison} onChange={(value) => change('compare', value === 'none' ? null : value)}
                    data={COMPARISONS.map((c) => ({ value: c, label: t(`compare.${c}`) }))} style={{ maxWidth: '100%', overflowX: 'auto' }} />
                </Stack>
                <TextInput type="date" label={t('until')} value={until} max={today} w={170}
                  onChange={(e) => change('to', e.currentTarget.value && e.currentTarget.value !== today ? e.currentTarget.value : null)} />
              </Group>
              <Title order={2} size="h4">{t(`chart.title.${period}`)}</Title>
              {!current || (compared && !before) ? <Loading /> : (
                <>
                  <Suspense fallback={<Loading />}>
                    <ConsumptionChart period={period} unit={unit} current={current} comparison={before} names={names}
                      label={t('chart.label', { name: meterName(meter, t), dates: windowLabel(period, buckets) })} />
                  </Suspense>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} aria-label={t('legend.label')} component="section">
                    <LegendLine swatch={<Swatch color={COLORS.current} />}>{names.current}</LegendLine>
                    {before && <LegendLine swatch={<Swatch color={COLORS.comparison} />}>{names.comparison}</LegendLine>}
                    <LegendLine swatch={<Swatch color={COLORS.current} hatched />}>{t('legend.estimated')}</LegendLine>
                    <LegendLine swatch={<Swatch color={COLORS.current} faded />}>{t('legend.partial')}</LegendLine>
                    <LegendLine swatch={<Swatch color={COLORS.gap} gap />}>{t('legend.none')}</LegendLine>
                  </SimpleGrid>
                  <Group justify="space-between" wrap="wrap">
                    <Text>
                      {t('sum', { total: formatConsumption(sum, unit) })}
                      {before && ` · ${t(`sumCompared.${comparison}`, { total: formatConsumption(sumBefore, unit) })}`}
                      {comparable && ` (${formatNumber((sum - sumBefore) / sumBefore, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' })})`}
                    </Text>
                    <Group gap="xs">
                      <Button variant="default" onClick={download}>{t('download')}</Button>
                      {id && (
                        <Button component="a" variant="default" href={reportPath(id, period, new Date(buckets[0]!.start), new Date(buckets[buckets.length - 1]!.end),
                          comparison === 'none' ? null : comparison === 'previous' ? 'previous' : 'last_year')}>{t('downloadPdf')}</Button>
                      )}
                    </Group>
                  </Group>
                  <ConsumptionTable period={period} unit={unit} current={current} comparison={before} />
                </>
              )}
            </Stack>
          </Card>
        </>
      )}
    </Page>
  );
}
