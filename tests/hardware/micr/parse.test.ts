import { describe, expect, it } from 'vitest';
import { MicrParser } from '../../../src/hardware/micr/parse';
import { SYMBOL_SETS, resolveSymbolSet, SymbolSetError } from '../../../src/hardware/micr/symbols';
import { micrLine } from '../../../src/hardware/micr/emulator';
import { LineAssembler } from '../../../src/hardware/micr/lineAssembler';

const auto = new MicrParser();

function good(line: string, p = auto) {
  const r = p.parse(line);
  if (!r.ok) throw new Error(`${line}: ${JSON.stringify(r.errors)}`);
  expect(r.raw).toBe(line);
  return r.check;
}
function bad(line: string, p = auto) {
  const r = p.parse(line);
  if (r.ok) throw new Error(`${line} parsed: ${JSON.stringify(r.check)}`);
  expect(r.raw).toBe(line);
  return r;
}

describe('MICR parser: transliterations', () => {
  const personal = { routing: '121000358', account: '12345678', checkNumber: '1234' };
  it.each([
    ['MagTek T U $ -', 'T121000358T 12345678U 1234'],
    ['MagTek lower t o a d', 't121000358t 12345678o 1234'],
    ['MagTek letters T O A D', 'T121000358T 12345678O 1234'],
    ['UPOS t o a -', 't121000358t 12345678o 1234'],
    ['Unicode ⑆⑈', '⑆121000358⑆ 12345678⑈ 1234'],
    ['lower-case u', 't121000358t 12345678u 1234'],
  ])('%s', (_, line) => {
    expect(good(line)).toMatchObject({ ...personal, layout: 'personal' });
  });

  it('named sets only accept their own letters', () => {
    const upos = new MicrParser(SYMBOL_SETS.upos);
    expect(good('t121000358t 1234-5678o 1234', upos)).toMatchObject({ account: '12345678', accountRaw: '1234-5678' });
    expect(bad('T121000358T 12345678U 1234', upos).errors[0]).toMatchObject({ field: 'line', fault: 'noise' });
  });

  it('a configurable symbol set', () => {
    const p = new MicrParser(resolveSymbolSet('<,:,;,=,*'));
    expect(good('<121000358< 1234=5678: 0042 ;0000012500;', p)).toMatchObject({ routing: '121000358', account: '12345678', checkNumber: '42', amountCents: 12500 });
    expect(bad('<121*00358< 12345678: 0042', p).errors[0]).toMatchObject({ field: 'routing', fault: 'unreadable', positions: [3] });
    expect(() => resolveSymbolSet('T,T,A,D')).toThrow(SymbolSetError);
    expect(() => resolveSymbolSet('T,1,A,D')).toThrow(SymbolSetError);
    expect(() => resolveSymbolSet('nonsense')).toThrow(SymbolSetError);
  });
});

describe('MICR parser: layouts and fields', () => {
  it('business check: check number in the auxiliary on-us field, EPC, tran code, amount', () => {
    expect(good('5 U001234U T021000021T 9876-54321U 12 $0000012500$')).toEqual({
      layout: 'business', routing: '021000021', account: '987654321', accountRaw: '9876-54321', checkNumber: '1234',
      auxOnUs: '001234', epc: '5', tranCode: '12', amountCents: 12500,
    });
  });

  it('personal variants: serial after the account, serial first inside the on-us field', () => {
    expect(good('T026009593T 000123456789U 0101')).toMatchObject({ account: '000123456789', checkNumber: '101' });
    expect(good('T026009593T 0101U123456789U')).toMatchObject({ account: '123456789', checkNumber: '101' });
    expect(good('T026009593T 0101 123456789U')).toMatchObject({ account: '123456789', checkNumber: '101' });
  });

  it('generated lines round-trip through every set', () => {
    for (const set of [SYMBOL_SETS.magtek, SYMBOL_SETS['magtek-lower'], SYMBOL_SETS['magtek-letters'], SYMBOL_SETS.upos, SYMBOL_SETS.unicode]) {
      const p = new MicrParser(set);
      for (const layout of ['personal', 'business'] as const) {
        const c = good(micrLine({ routing: '011000015', account: '55512345', checkNumber: '9876', layout, amountCents: 4321 }, set), p);
        expect(c).toMatchObject({ routing: '011000015', account: '55512345', checkNumber: '9876', layout, amountCents: 4321 });
      }
    }
  });

  it('unreadable digits say which field and where, and keep what was read', () => {
    const r = bad('T121000358T 1234?678U 12?4');
    expect(r.errors).toEqual([
      expect.objectContaining({ field: 'account', fault: 'unreadable', positions: [4] }),
      expect.objectContaining({ field: 'checkNumber', fault: 'unreadable', positions: [2] }),
    ]);
    expect(r.partial).toMatchObject({ routing: '121000358' });
    const b = bad('U00?234U T021000021T 987654321U');
    expect(b.errors).toEqual([expect.objectContaining({ field: 'checkNumber', fault: 'unreadable' })]);
    expect(b.partial).toMatchObject({ routing: '021000021', account: '987654321', layout: 'business' });
  });

  it('routing: check digit, length, dash, missing symbols', () => {
    expect(bad('T121000359T 12345678U 1234').errors[0]).toMatchObject({ field: 'routing', fault: 'checkDigit' });
    expect(bad('T12100035T 12345678U 1234').errors[0]).toMatchObject({ field: 'routing', fault: 'format' });
    expect(bad('T12345-678T 12345678U 1234').errors[0]).toMatchObject({ field: 'routing', fault: 'format' });
    expect(bad('121000358 12345678U 1234').errors[0]).toMatchObject({ field: 'routing', fault: 'missing' });
    expect(bad('T121000358 12345678U 1234').errors[0]).toMatchObject({ field: 'routing', fault: 'format' });
  });

  it('account and check number: missing, too short, too long', () => {
    expect(bad('T121000358T').errors[0]).toMatchObject({ field: 'account', fault: 'missing' });
    expect(bad('T121000358T 12345678').errors[0]).toMatchObject({ field: 'account', fault: 'format' });
    expect(bad('T121000358T 123U 1234').errors[0]).toMatchObject({ field: 'account', fault: 'format' });
    expect(bad('T121000358T 123456789012345678U 1234').errors[0]).toMatchObject({ field: 'account', fault: 'format' });
    const noSerial = bad('T121000358T 12345678U');
    expect(noSerial.errors).toEqual([expect.objectContaining({ field: 'checkNumber', fault: 'missing' })]);
    expect(noSerial.partial).toMatchObject({ routing: '121000358', account: '12345678' });
    expect(bad('T121000358T 12345678U 1234567890123456').errors[0]).toMatchObject({ field: 'checkNumber', fault: 'format' });
  });

  it('noise: junk at the ends is trimmed, junk inside fails the line', () => {
    expect(good('\u00ff\u00feT121000358T 12345678U 1234\u0000')).toMatchObject({ routing: '121000358', checkNumber: '1234' });
    expect(bad('T121000358T 1234#678U 1234').errors[0]).toMatchObject({ field: 'line', fault: 'noise' });
    expect(bad('\u00f8\u0080\u0080').errors[0]).toMatchObject({ field: 'line', fault: 'noise' });
    expect(bad('   ').errors[0]).toMatchObject({ field: 'line', fault: 'empty' });
  });
});

describe('line assembler', () => {
  it('joins reads, resyncs on STX, drops NUL, ends on CR/LF/ETX, cuts runaway lines', () => {
    const a = new LineAssembler(40);
    expect(a.push(Buffer.from('T1210'))).toEqual([]);
    expect(a.push(Buffer.from('00358T 12\x00345678U 1234\r\n'))).toEqual([{ text: 'T121000358T 12345678U 1234', overflow: false }]);
    expect(a.push(Buffer.from('garbage\x02T121000358T 1U 2\x03'))).toEqual([{ text: 'T121000358T 1U 2', overflow: false }]);
    const long = a.push(Buffer.alloc(100, 0x80));
    expect(long).toHaveLength(1);
    expect(long[0]!.overflow).toBe(true);
    expect(a.push(Buffer.from('more junk\rT121000358T 12345678U 1234\r')).map((l) => l.text)).toEqual(['T121000358T 12345678U 1234']);
    expect(a.push(Buffer.from([0xe2, 0x91]))).toEqual([]);
    expect(a.push(Buffer.from([0x86, 0x0d]))).toEqual([{ text: '⑆', overflow: false }]);
  });
});
