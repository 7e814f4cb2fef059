// The usage lines of the `concierge` commands, apart from the commands so that `--help` loads nothing else.

export const bankUsage = '  bank import FILE --tenant SHORTCODE\n                             import a camt.053/camt.054 bank file for a property manager';

export const simulateUsage = `  simulate terminal|charger --url URL --identity ID [--password PW] [options]
                             run simulated OCPP 1.6J devices against a Central System
                             (--connectors washer:energy,dryer:time | --power W | --autopilot --tags T1,T2
                             | --count N --identity-prefix P | --heartbeat S | --sample-seconds S | --quiet
                             | wss://: --ca CERT.pem to trust a certificate, --insecure to skip the check)`;

export const billingUsage = `  billing run --period YYYY-MM [--tenant SHORTCODE]
                             issue the month's invoices for postpaid consumption (every tenant billed
                             by the platform, or one); running a period again issues nothing new
  billing remind [--tenant SHORTCODE]
                             raise unpaid invoices past their due date to the next reminder level and
                             e-mail the reminders (what the worker does daily); running it again the
                             same day sends nothing new`;

export const settlementUsage = `  settlement run --period 2026|2026-Q3|2026-10 [--tenant SHORTCODE]
                             settle a period for every property manager whose contract settles periods
                             of that kind (or one): revenue per site minus the platform's fees, paid out
                             with a pain.001 file; running a period again makes nothing new`;
