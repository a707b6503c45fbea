// Every message code the station sends has words in English and in Spanish (src/renderer/i18n, key
// msg.<code>), with the same {{parameters}}, and the catalogues hold no words for codes that do not exist.
import { describe, expect, it } from 'vitest';
import { MESSAGE_CODES } from '../../src/shared/messages';
import { EXCEPTION_KINDS } from '../../src/shared/hubProtocol';
import { en } from '../../src/renderer/i18n/en';
import { es } from '../../src/renderer/i18n/es';

const at = (tree: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), tree);
const paramsOf = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
const leaves = (tree: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : leaves(v as Record<string, unknown>, `${prefix}${k}.`)));

describe('message catalogues', () => {
  it.each(MESSAGE_CODES)('%s has an English and a Spanish text with the same parameters', (code) => {
    const e = at(en.msg, code), s = at(es.msg, code);
    expect(typeof e, `en msg.${code}`).toBe('string');
    expect(typeof s, `es msg.${code}`).toBe('string');
    expect((e as string).trim()).not.toBe('');
    expect((s as string).trim()).not.toBe('');
    expect(s, `es msg.${code} is not the English text`).not.toBe(e);
    expect(paramsOf(s as string)).toEqual(paramsOf(e as string));
  });

  it('has no words for codes the station never sends', () => {
    const extra = leaves(en.msg).filter((k) => k !== 'technical' && !(MESSAGE_CODES as readonly string[]).includes(k));
    expect(extra).toEqual([]);
    expect(leaves(es.msg).sort()).toEqual(leaves(en.msg).sort());
  });

  // The hub's exceptions carry a kind: the renderer words it (the hub's English text is the detail).
  it.each(EXCEPTION_KINDS)('hub exception %s has an English and a Spanish text', (kind) => {
    expect(en.sync.exceptionKinds[kind].trim()).not.toBe('');
    expect(es.sync.exceptionKinds[kind].trim()).not.toBe('');
    expect(es.sync.exceptionKinds[kind]).not.toBe(en.sync.exceptionKinds[kind]);
  });
});
