// Reads the environment once at boot. A bad value stops the start with a message naming the variable.
import { readFileSync } from 'node:fs';

export type Role = 'api' | 'gateway' | 'worker';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  /** In demo mode, run simulators for the demo devices against the product's own gateway. */
  demoSimulators: boolean;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** An SMS gateway's HTTP endpoint for alarm texts (sms.ts), and its bearer token; without it, no SMS. */
  smsUrl: string | undefined;
  smsToken: string | undefined;
  logLevel: string;
  trustProxy: boolean;
  sessionTtlHours: number;
  roles: Role[];
  webDist: string;
  /** Card top-ups through Stripe; both or neither (without them card top-ups are unavailable). */
  stripeSecretKey: string | undefined;
  stripeWebhookSecret: string | undefined;
  /** Key of the keyed hash that stands for a PIN code (credentials.tags.ts pinTag); changing it invalidates every PIN. */
  credentialKey: string;
  /** Served over TLS (https, and wss for devices: OCPP security profile 2) when both files are given. */
  tls: { cert: Buffer; key: Buffer } | null;
  /** The operator: the debtor of settlement payout files, one bank account per currency. */
  platform: PlatformAccount;
  /** The broker meters publish their readings to (metering.mqtt.ts); the worker subscribes when set. */
  mqttUrl: string | undefined;
  /** Retention of the platform's own logs (docs/PRIVACY.md): login history, and the mail outbox. */
  loginHistoryRetentionDays: number;
  mailOutboxRetentionDays: number;
}

export interface PlatformAccount {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  accounts: Partial<Record<'EUR' | 'CHF' | 'PLN', { iban: string; bic: string | null }>>;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be 1 or 0 (true/false), got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

function roles(env: Env): Role[] {
  const raw = env.ROLES;
  if (raw === undefined || raw === '') return ['api', 'gateway', 'worker'];
  const list = raw.split(',').map((r) => r.trim());
  for (const role of list) {
    if (!['api', 'gateway', 'worker'].includes(role)) {
      throw new ConfigError('ROLES', `must list api, gateway and/or worker, got "${role}"`);
    }
  }
  return list as Role[];
}

function stripe(env: Env): Pick<Config, 'stripeSecretKey' | 'stripeWebhookSecret'> {
  const secretKey = env.STRIPE_SECRET_KEY || undefined;
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET || undefined;
  if (secretKey && !/^(sk|rk)_(test|live)_/.test(secretKey)) {
    throw new ConfigError('STRIPE_SECRET_KEY', 'must be a Stripe secret key (sk_test_… or sk_live_…)');
  }
  if (webhookSecret && !webhookSecret.startsWith('whsec_')) {
    throw new ConfigError('STRIPE_WEBHOOK_SECRET', 'must be a Stripe webhook signing secret (whsec_…)');
  }
  // Half a configuration would take payments whose confirmations could never be verified.
  if (secretKey && !webhookSecret) throw new ConfigError('STRIPE_WEBHOOK_SECRET', 'must be set when STRIPE_SECRET_KEY is');
  if (webhookSecret && !secretKey) throw new ConfigError('STRIPE_SECRET_KEY', 'must be set when STRIPE_WEBHOOK_SECRET is');
  return { stripeSecretKey: secretKey, stripeWebhookSecret: webhookSecret };
}

/** Only for development and tests: a deployment served over https must bring its own key. */
export const DEVELOPMENT_CREDENTIAL_KEY = 'concierge-development-credential-key-not-secret';

function credentialKey(env: Env, publicUrl: string | undefined): string {
  const key = env.CREDENTIAL_KEY || undefined;
  if (key !== undefined && key.length < 32) throw new ConfigError('CREDENTIAL_KEY', 'must be at least 32 characters (e.g. `openssl rand -hex 32`)');
  // A PIN has few digits: with a known key every PIN of the database could be read back by
  // trying them all, so a deployment (served over https) refuses to start on the public default.
  if (key === undefined && publicUrl?.startsWith('https:')) {
    throw new ConfigError('CREDENTIAL_KEY', 'must be set when PUBLIC_URL is https (PIN codes are stored as keyed hashes under it)');
  }
  return key ?? DEVELOPMENT_CREDENTIAL_KEY;
}

function tls(env: Env): Config['tls'] {
  const certFile = env.TLS_CERT_FILE || undefined;
  const keyFile = env.TLS_KEY_FILE || undefined;
  if (!certFile && !keyFile) return null;
  if (!certFile) throw new ConfigError('TLS_CERT_FILE', 'must be set when TLS_KEY_FILE is');
  if (!keyFile) throw new ConfigError('TLS_KEY_FILE', 'must be set when TLS_CERT_FILE is');
  const read = (name: string, file: string) => {
    try {
      return readFileSync(file);
    } catch {
      throw new ConfigError(name, `names a file that cannot be read: ${file}`);
    }
  };
  return { cert: read('TLS_CERT_FILE', certFile), key: read('TLS_KEY_FILE', keyFile) };
}

// Example accounts (the IBAN standard's own examples) so the demo's payout files are complete.
const DEMO_PLATFORM: PlatformAccount = {
  name: 'Concierge Demo Platform', street: 'Mariahilfer Strasse 1', postalCode: '1060', city: 'Wien', country: 'AT',
  accounts: { EUR: { iban: 'AT483200000012345864', bic: 'RLNWATWW' }, CHF: { iban: 'CH3908704016075473007', bic: null } },
};

function platform(env: Env, demo: boolean): PlatformAccount {
  const base = demo ? DEMO_PLATFORM : { name: 'Concierge', street: '', postalCode: '', city: '', country: 'AT', accounts: {} };
  const accounts = { ...base.accounts };
  for (const currency of ['EUR', 'CHF', 'PLN'] as const) {
    const iban = env[`PLATFORM_IBAN_${currency}`]?.replace(/\s+/g, '').toUpperCase();
    if (!iban) continue;
    if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(iban)) throw new ConfigError(`PLATFORM_IBAN_${currency}`, 'must be an IBAN');
    accounts[currency] = { iban, bic: env[`PLATFORM_BIC_${currency}`] || null };
  }
  const country = env.PLATFORM_COUNTRY || base.country;
  if (!/^[A-Z]{2}$/.test(country)) throw new ConfigError('PLATFORM_COUNTRY', 'must be a two-letter country code');
  return {
    name: env.PLATFORM_NAME || base.name, street: env.PLATFORM_STREET || base.street,
    postalCode: env.PLATFORM_POSTAL_CODE || base.postalCode, city: env.PLATFORM_CITY || base.city, country, accounts,
  };
}

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:']);
  const demo = flag(env, 'DEMO', true);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: env.DATA_DIR || './data',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    demo,
    demoSimulators: flag(env, 'DEMO_SIMULATORS', true),
    publicUrl: publicUrl ?? `http://localhost:${port}`,
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM || 'Concierge <no-reply@concierge.local>',
    smsUrl: url(env, 'SMS_URL', ['http:', 'https:']),
    smsToken: env.SMS_TOKEN || undefined,
    logLevel,
    trustProxy: flag(env, 'TRUST_PROXY', false),
    sessionTtlHours: integer(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 90),
    roles: roles(env),
    webDist: env.WEB_DIST || 'web/dist',
    ...stripe(env),
    credentialKey: credentialKey(env, publicUrl),
    tls: tls(env),
    platform: platform(env, demo),
    mqttUrl: url(env, 'MQTT_URL', ['mqtt:', 'mqtts:']),
    loginHistoryRetentionDays: integer(env, 'LOGIN_HISTORY_RETENTION_DAYS', 180, 1, 3650),
    mailOutboxRetentionDays: integer(env, 'MAIL_OUTBOX_RETENTION_DAYS', 90, 1, 3650),
  };
}
