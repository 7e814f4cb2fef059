// Every migration, listed explicitly. Append new ones; never edit one that has shipped.
import type { Migration } from '../migrate.ts';
import { foundation } from './0001_foundation.ts';
import { totpReplay } from './0002_totp_replay.ts';
import { ledger } from './0003_ledger.ts';

export const migrations: Migration[] = [foundation, totpReplay, ledger];
