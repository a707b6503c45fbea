// The catalogue file (the hub's import-catalog JSON) as a station set up on its own reads it: every
// refusal names the line and the reason.
import { describe, expect, it } from 'vitest';
import { CatalogFileError, parseCatalogText } from '../../src/shared/catalogFile';
import { DEMO_REVENUE_CODES } from '../../src/main/station/demoData';

const good = JSON.stringify(DEMO_REVENUE_CODES, null, 2);
const refusal = (text: string) => { try { parseCatalogText(text); } catch (e) { if (e instanceof CatalogFileError) return { line: e.line, reason: e.reason }; throw e; } return null; };
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('the catalogue file', () => {
  it('reads the demo catalogue', () => {
    expect(parseCatalogText(good)).toHaveLength(DEMO_REVENUE_CODES.length);
    expect(parseCatalogText('\uFEFF' + good)).toHaveLength(DEMO_REVENUE_CODES.length);
  });

  it('names the line of JSON that does not parse, and why', () => {
    expect(refusal(good.replace(/\n\]$/, ',\n]'))).toEqual({ line: good.split('\n').length, reason: 'not readable as JSON: a comma before the closing bracket' });
    const noComma = good.replace('"nameEs"', '"nameEs" "x",\n"nameEs"');
    expect(refusal(noComma)?.line).toBe(lineOf(noComma, '"nameEs" "x"'));
    expect(refusal(good.slice(0, 200))?.reason).toMatch(/not readable as JSON/);
    expect(refusal('')?.line).toBe(1);
  });

  it('names the line and field of an entry that is not a revenue code, and a code listed twice', () => {
    const badGl = good.replace(/"gl": "[^"]*"/, '"gl": "nope"');
    expect(refusal(badGl)).toMatchObject({ line: lineOf(badGl, '"gl": "nope"') });
    expect(refusal(badGl)!.reason).toContain('entry 1, gl');
    const card = good.replace(/"nameEn": "[^"]*"/, '"nameEn": "Pay 4111 1111 1111 1111"');
    expect(refusal(card)!.reason).toContain('Never enter a card number here.');
    const twice = JSON.stringify([DEMO_REVENUE_CODES[0], DEMO_REVENUE_CODES[1], DEMO_REVENUE_CODES[0]], null, 2);
    expect(refusal(twice)).toMatchObject({ reason: `revenue code ${DEMO_REVENUE_CODES[0]!.code} is listed twice` });
    expect(refusal(twice)!.line).toBeGreaterThan(lineOf(twice, `"code": "${DEMO_REVENUE_CODES[1]!.code}"`));
    expect(refusal('{"code": "X"}')!.reason).toContain('JSON list of revenue codes');
    expect(refusal('[]')!.reason).toBe('the catalogue has no revenue codes');
  });
});
