// The `concierge` command: operations work on an installation.
import { parseArgs } from 'node:util';
import { bankUsage, billingUsage, settlementUsage, simulateUsage } from './cli.usage.ts';
import { ConfigError, loadConfig } from './config.ts';
import { AppError } from './errors.ts';
import { createLogger } from './logger.ts';

// Each command imports what it needs when it runs: `--help` or `migrate` need not load the whole
// application (a second or more of start-up for every spawned command).
const database = async (config: ReturnType<typeof loadConfig>) => {
  const [{ openDatabase }, { migrate }] = await Promise.all([import('./db/client.ts'), import('./db/migrate.ts')]);
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  return { handle, migrate: () => migrate(handle) };
};

const usage = `Usage: concierge <command> [options]

Commands:
  start [--no-demo]          run API, device gateway, worker and web portal (PORT, DATA_DIR, DATABASE_URL)
  migrate                    apply pending database migrations
  seed-demo                  load the demo data into an empty database
  create-operator --email E --name N [--password P]
                             create an operator login (password from CONCIERGE_PASSWORD or --password)
${bankUsage}
${billingUsage}
${settlementUsage}
${simulateUsage}
  codes generate --product P --quantity N [--keys K] [--label TEXT] [--by OPERATOR_EMAIL]
                             make a batch of prepaid codes and print them as CSV (products:
                             management_5y, organisation_option, organisation_management, key_pack)

Configuration comes from the environment; see README.md.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(usage);
    return 0;
  }
  const config = loadConfig();
  const log = createLogger(config);
  switch (command) {
    case 'start': {
      const { values } = parseArgs({ args: rest, options: { 'no-demo': { type: 'boolean' } } });
      const { start } = await import('./main.ts');
      const running = await start({ ...config, demo: config.demo && !values['no-demo'] }, log);
      const shutdown = () => running.stop().then(() => process.exit(0), () => process.exit(1));
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
      return -1;
    }
    case 'migrate': {
      const { handle, migrate } = await database(config);
      const applied = await migrate();
      console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'The database is up to date.');
      await handle.close();
      return 0;
    }
    case 'seed-demo': {
      const { isEmpty, seedDemo } = await import('./demo/seed.ts');
      const { handle, migrate } = await database(config);
      await migrate();
      if (!(await isEmpty(handle.db))) {
        console.error('The database already holds data; demo data goes only into a new database.');
        await handle.close();
        return 1;
      }
      await seedDemo(handle.db, { meters: true });
      console.log('Demo data loaded. Logins use the password demo-password.');
      await handle.close();
      return 0;
    }
    case 'create-operator': {
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } } });
      const password = values.password ?? process.env.CONCIERGE_PASSWORD;
      if (!values.email || !values.name || !password) {
        console.error('create-operator needs --email, --name and a password (--password or CONCIERGE_PASSWORD).');
        return 2;
      }
      const { createOperator } = await import('./modules/tenancy/tenancy.usecases.ts');
      const { handle, migrate } = await database(config);
      await migrate();
      await createOperator(handle.db, { email: values.email, displayName: values.name, password });
      console.log(`Operator ${values.email} created.`);
      await handle.close();
      return 0;
    }
    case 'bank':
      return (await import('./modules/bankimport/bankimport.cli.ts')).bankCommand(rest, config, log);
    case 'billing':
      return (await import('./modules/invoices/invoices.cli.ts')).billingCommand(rest, config, log);
    case 'settlement':
      return (await import('./modules/settlements/settlements.cli.ts')).settlementCommand(rest, config, log);
    case 'codes':
      return (await import('./modules/prepaidcodes/prepaidcodes.cli.ts')).codesCommand(rest, config);
    case 'simulate':
      return (await import('./simulator/simulate.cli.ts')).simulateCommand(rest);
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exit(code); },
  (error) => {
    // Refusals the operator can act on are one line; anything else keeps its stack for a report.
    console.error(error instanceof ConfigError || error instanceof AppError ? error.message : error);
    process.exit(1);
  },
);
