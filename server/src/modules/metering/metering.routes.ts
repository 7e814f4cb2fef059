import { Type } from 'typebox';
import type { FastifyError } from 'fastify';
import type { Deps } from '../../deps.ts';
import { requireTenantActor } from '../../http/actor.ts';
import { IdParams, type App } from '../../http/types.ts';
import { AppError } from '../../errors.ts';
import { readingsFromCsv } from './metering.csv.ts';
import { ConsumptionOut, ConsumptionQuery, IngestOut, MeterInput, MeterOut, MetersQuery, ReadingsInput, ReplacementInput, ReportQuery, SiteReportOut, SiteReportQuery } from './metering.schemas.ts';
import { type ReadableMeter, createMeter, getMeter, listMeters, listOwnMeters, meterConsumption, meterReportPdf, replaceMeterDevice, siteMonthlyReport, submitReadings } from './metering.usecases.ts';

const tags = ['metering'];
const writeReadings = { tokenScope: 'meters:write' };
/** Large enough for MAX_READINGS readings as JSON or CSV. */
const READINGS_BODY_LIMIT = 8 * 1024 * 1024;
const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

// What leaves the server of a meter: a unit's meter read by the office has its pseudonym, no unit, label or serial (the use cases blanked them).
const presentMeter = (m: ReadableMeter) => ({
  id: m.id, siteId: m.site_id, unitId: m.unit_id, unitLabel: m.unit_label ?? null, pseudonym: m.pseudonym, name: m.name, serial: m.serial, medium: m.medium, unit: m.unit, kind: m.kind,
  intervalMinutes: m.interval_minutes, readingMinutes: m.reading_minutes,
});

export function meteringRoutes(app: App, deps: Deps): void {
  app.post('/api/meters', { schema: { tags, summary: 'Add a meter to a site or unit', body: MeterInput, response: { 201: MeterOut } } }, async (request, reply) => {
    return reply.status(201).send(presentMeter(await createMeter(deps, requireTenantActor(request.actor), request.body)));
  });

  app.get('/api/meters', { schema: { tags, summary: 'The meters, of one site or all', querystring: MetersQuery, response: { 200: Type.Array(MeterOut) } } }, async (request) => {
    return (await listMeters(deps, requireTenantActor(request.actor), request.query)).map(presentMeter);
  });

  app.get('/api/meters/:id', { schema: { tags, summary: 'One meter (staff: of their sites; residents: of their own units)', params: IdParams, response: { 200: MeterOut } } }, async (request) => {
    return presentMeter(await getMeter(deps, requireTenantActor(request.actor), request.params.id));
  });

  app.get('/api/me/meters', { schema: { tags, summary: 'Your meters: those of the flats and spaces you live in or use', response: { 200: Type.Array(MeterOut) } } }, async (request) => {
    return (await listOwnMeters(deps, requireTenantActor(request.actor))).map(presentMeter);
  });

  app.post('/api/meters/:id/replacement', { schema: { tags, summary: 'Exchange a meter\'s device: the old one\'s final reading, the new one\'s serial and initial reading', params: IdParams, body: ReplacementInput, response: { 200: IngestOut } } }, async (request) => {
    return replaceMeterDevice(deps, requireTenantActor(request.actor), request.params.id, request.body);
  });

  app.get('/api/meters/:id/consumption', { schema: { tags, summary: 'Consumption per hour, day, week, month or year, with the seconds measured and estimated (staff: their sites\' meters; residents: their own units\')', params: IdParams, querystring: ConsumptionQuery, response: { 200: ConsumptionOut } } }, async (request) => {
    const { meter, period, rows } = await meterConsumption(deps, requireTenantActor(request.actor), request.params.id, request.query);
    return {
      meterId: meter.id, unit: meter.unit, period,
      rows: rows.map((r) => ({ startsAt: r.starts_at.toISOString(), consumption: Number(r.consumption) / 1000, measuredSeconds: r.measured_s, estimatedSeconds: r.estimated_s })),
    };
  });

  app.get('/api/meters/:id/report.pdf', {
    schema: { tags, summary: 'The consumption report as PDF in your language: chart, a row per period, estimated and missing data marked, with a comparison if asked', params: IdParams, querystring: ReportQuery, produces: ['application/pdf'] },
  }, async (request, reply) => {
    const { meter, pdf } = await meterReportPdf(deps, requireTenantActor(request.actor), request.params.id, request.query);
    return reply.type('application/pdf')
      .headers({ 'content-disposition': `attachment; filename="consumption-${meter.pseudonym ? `unit-${meter.pseudonym}` : meter.serial}.pdf"`, 'cache-control': 'private, no-store' }).send(pdf);
  });

  app.get('/api/sites/:id/meter-report', {
    schema: { tags, summary: 'A site\'s monthly report: every meter with the month, the month before and the same month last year', params: IdParams, querystring: SiteReportQuery, response: { 200: SiteReportOut } },
  }, async (request) => {
    const { month, rows } = await siteMonthlyReport(deps, requireTenantActor(request.actor), request.params.id, request.query.month);
    const amount = (milli: number | null) => (milli === null ? null : milli / 1000);
    return {
      siteId: request.params.id, month,
      meters: rows.map((r) => ({ ...r.meter, month: amount(r.month), previousMonth: amount(r.previous), sameMonthLastYear: amount(r.lastYear), incomplete: r.incomplete })),
    };
  });

  // Bulk readings, as JSON or CSV: their own scope for the CSV parser and the larger body.
  void app.register(async (scope: App) => {
    scope.addContentTypeParser(CSV_TYPES, { parseAs: 'string', bodyLimit: READINGS_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError) => {
      throw error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? new AppError('metering.too_large', 413, 'At most 8 MiB of readings per request') : error;
    });
    scope.post('/api/meters/readings', {
      config: writeReadings, bodyLimit: READINGS_BODY_LIMIT,
      schema: {
        tags, summary: 'Submit readings (JSON {readings: [{meter, at, value}]}, or CSV with the columns meter, at, value). Repeats change nothing; late and out-of-order readings are counted where they belong',
        body: Type.Union([ReadingsInput, Type.String({ description: 'CSV' })]), response: { 200: IngestOut },
      },
    }, async (request) => {
      const body = request.body;
      const readings = typeof body === 'string' ? readingsFromCsv(body) : body.readings.map((r) => ({ meter: r.meter, at: new Date(r.at), value: r.value, temperature: r.temperature ?? null }));
      return submitReadings(deps, requireTenantActor(request.actor), readings);
    });
  });
}
