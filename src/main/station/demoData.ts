// Realistic demo data for a small city: revenue codes with fee schedules, utility accounts, users.
// Deterministic (seeded) so demos and tests see the same city every time.
import type { FeeRule } from '../../shared/fees';
import { prng } from '../../shared/prng';

export { prng };

export interface DemoRevenueCode {
  code: string; nameEn: string; nameEs: string; gl: string; category: string; requiresAccount: boolean;
  schedules: { from: string; rule: FeeRule }[];
}

export const DEMO_REVENUE_CODES: DemoRevenueCode[] = [
  { code: 'WATER', nameEn: 'Water bill payment', nameEs: 'Pago de factura de agua', gl: '401-3410-34340', category: 'utility', requiresAccount: true, schedules: [{ from: '2020-01-01', rule: { type: 'open' } }] },
  { code: 'SEWER', nameEn: 'Sewer bill payment', nameEs: 'Pago de factura de alcantarillado', gl: '402-3420-34350', category: 'utility', requiresAccount: true, schedules: [{ from: '2020-01-01', rule: { type: 'open' } }] },
  { code: 'GARB', nameEn: 'Garbage bill payment', nameEs: 'Pago de factura de basura', gl: '403-3430-34370', category: 'utility', requiresAccount: true, schedules: [{ from: '2020-01-01', rule: { type: 'open' } }] },
  {
    code: 'BLIC', nameEn: 'Business licence', nameEs: 'Licencia comercial', gl: '001-1310-32110', category: 'licence', requiresAccount: false,
    schedules: [
      { from: '2025-01-01', rule: { type: 'tiered', unitLabel: 'employees', tiers: [{ upTo: 5, amountCents: 6500 }, { upTo: 20, amountCents: 13500 }, { upTo: 50, amountCents: 27500 }, { upTo: null, amountCents: 55000 }] } },
      { from: '2026-01-01', rule: { type: 'tiered', unitLabel: 'employees', tiers: [{ upTo: 5, amountCents: 7500 }, { upTo: 20, amountCents: 15000 }, { upTo: 50, amountCents: 30000 }, { upTo: null, amountCents: 60000 }] } },
    ],
  },
  { code: 'BPRM', nameEn: 'Building permit', nameEs: 'Permiso de construcción', gl: '001-2410-32210', category: 'permit', requiresAccount: false, schedules: [{ from: '2020-01-01', rule: { type: 'per_unit', unitPrice: '0.45', unitLabel: 'sq ft', minimumCents: 15000 } }] },
  { code: 'LID', nameEn: 'LID assessment', nameEs: 'Contribución de mejoras locales (LID)', gl: '601-0000-36110', category: 'lid', requiresAccount: true, schedules: [{ from: '2020-01-01', rule: { type: 'open' } }] },
  { code: 'UDEP', nameEn: 'Utility deposit', nameEs: 'Depósito de servicios públicos', gl: '401-0000-22310', category: 'deposit', requiresAccount: true, schedules: [{ from: '2020-01-01', rule: { type: 'fixed', amountCents: 15000 } }] },
  { code: 'NSF', nameEn: 'Returned check fee', nameEs: 'Cargo por cheque devuelto', gl: '001-1410-36990', category: 'fee', requiresAccount: true, schedules: [{ from: '2020-01-01', rule: { type: 'fixed', amountCents: 3000 } }] },
  { code: 'UTAX', nameEn: 'Utility tax', nameEs: 'Impuesto de servicios públicos', gl: '001-1100-31640', category: 'fee', requiresAccount: true, schedules: [{ from: '2020-01-01', rule: { type: 'percentage', rate: '0.06', baseLabel: 'utility charges' } }] },
  { code: 'LATE', nameEn: 'Late payment penalty', nameEs: 'Recargo por pago atrasado', gl: '401-3410-35910', category: 'fee', requiresAccount: true, schedules: [{ from: '2020-01-01', rule: { type: 'late_penalty', monthlyRate: '0.01', capCents: 5000 } }] },
  { code: 'BOND', nameEn: 'Performance bond', nameEs: 'Fianza de cumplimiento', gl: '001-0000-22410', category: 'bond', requiresAccount: false, schedules: [{ from: '2020-01-01', rule: { type: 'open' } }] },
  { code: 'MISC', nameEn: 'Miscellaneous receipt', nameEs: 'Ingreso misceláneo', gl: '001-1900-36900', category: 'misc', requiresAccount: false, schedules: [{ from: '2020-01-01', rule: { type: 'open' } }] },
  // What a card payment adds (the station computes it from the convenience-fee setting), on its own GL account.
  { code: 'CARDFEE', nameEn: 'Card convenience fee', nameEs: 'Cargo por uso de tarjeta', gl: '001-1900-34190', category: 'fee', requiresAccount: false, schedules: [{ from: '2020-01-01', rule: { type: 'open' } }] },
];

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Karen', 'Daniel', 'Lisa', 'Matthew', 'Nancy', 'Anthony', 'Betty', 'Mark', 'Sandra', 'Donald', 'Margaret', 'Steven', 'Ashley', 'Andrew', 'Kimberly', 'Paul', 'Emily', 'Joshua', 'Donna', 'Kenneth', 'Michelle', 'Kevin', 'Carol', 'Brian', 'Amanda', 'George', 'Melissa', 'Timothy', 'Deborah', 'Ronald', 'Stephanie', 'Jose', 'Maria', 'Juan', 'Guadalupe', 'Luis', 'Rosa', 'Miguel', 'Ana', 'Jorge', 'Carmen', 'Nguyen', 'Mei', 'Hiroshi', 'Aiko', 'Ahmed', 'Fatima', 'Dmitri', 'Olga', 'Kwame', 'Amara', 'Raj', 'Priya', 'Sean', 'Siobhan', 'Lars', 'Ingrid', 'Tyrone', 'Keisha', 'Diego', 'Lucia'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes', 'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper', 'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson', 'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes', 'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez', "O'Brien", 'Van der Berg', 'Nakamura', 'Okafor', 'Kowalski', 'Haddad', 'Lindqvist'];
const STREETS = ['Main', 'Oak', 'Pine', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Walnut', 'Spring', 'Park', 'Ridge', 'Meeker', 'Willis', 'Reiten', 'James', 'Smith', 'Gowe', 'Titus', 'Railroad', 'Central', 'Canyon', 'Kent-Kangley', 'Benson', 'Military', 'Orillia', 'Frager', 'Naden', 'Jason', 'Alder', 'Birch', 'Chestnut', 'Dogwood', 'Evergreen', 'Fir', 'Hemlock', 'Juniper', 'Laurel', 'Madrona', 'Poplar', 'Sequoia', 'Spruce', 'Sycamore', 'Tamarack', 'Vine', 'Willow', 'Yew', 'Riverview', 'Valley'];
const SUFFIX = ['St', 'Ave', 'Rd', 'Dr', 'Ln', 'Ct', 'Pl', 'Way', 'Blvd'];
const DIRS = ['', '', '', 'N ', 'S ', 'E ', 'W ', 'SE ', 'NE '];
const BUSINESSES = ['Riverside Bakery', 'Evergreen Auto Repair', 'Sunrise Dental Group', 'Valley Hardware', 'Main Street Books', 'Green Leaf Landscaping', 'Taqueria El Sol', 'Pho Saigon', 'Kent Self Storage', 'Northwest Plumbing LLC', 'Hilltop Apartments', 'Cedar Grove Church', 'Lakeside Laundromat'];

export interface DemoAccount { accountNumber: string; name: string; serviceAddress: string; status: string; balanceCents: number }

export function* demoAccounts(count: number, seed = 42): Generator<DemoAccount> {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  for (let i = 0; i < count; i++) {
    const num = `${String(100000 + i).padStart(6, '0')}-${String(Math.floor(r() * 90) + 10)}`;
    const name = r() < 0.06 ? pick(BUSINESSES) : r() < 0.15 ? `${pick(FIRST)} & ${pick(FIRST)} ${pick(LAST)}` : `${pick(FIRST)} ${pick(LAST)}`;
    const addr = `${Math.floor(r() * 39000) + 100} ${pick(DIRS)}${pick(STREETS)} ${pick(SUFFIX)}${r() < 0.1 ? ` Unit ${Math.floor(r() * 300) + 1}` : ''}`;
    const s = r();
    const status = s < 0.8 ? 'active' : s < 0.9 ? 'delinquent' : s < 0.94 ? 'shutoff_pending' : s < 0.97 ? 'final' : 'closed';
    const balanceCents = status === 'closed' ? 0 : r() < 0.05 ? -Math.floor(r() * 5000) : Math.floor(r() * (status === 'active' ? 25000 : 90000));
    yield { accountNumber: num, name, serviceAddress: addr, status, balanceCents };
  }
}
