// First run from an empty database, in Spanish: tests/e2e/setup.ts.
import { it } from 'vitest';
import { enrolToFirstPayment, standAloneToFirstPayment, wrongAndExpiredCode } from './setup';

it('enrols with the hub from its code alone, then a hub user signs in and takes the first payment', () => enrolToFirstPayment('es'), 120_000);
it('refuses a wrong, an expired and a used code, writing nothing', () => wrongAndExpiredCode('es'), 120_000);
it('sets up on its own, refusing PINs that differ and a catalogue that does not parse, then takes the first payment', () => standAloneToFirstPayment('es'), 120_000);
