// The classifier of raw OS/driver errors: real socket and file errors from this machine, and the texts
// drivers and libraries report (serialport, fetch, our own printer link), each sorted into a cause a
// person can act on.
import { describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { openSync } from 'node:fs';
import { classifyLinkError, linkMessage, placeOf } from '../../src/shared/linkFault';
import { closedPort } from '../helpers/closedPort';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('classifyLinkError', () => {
  it('a real refused TCP connection is "not answering"', async () => {
    const port = await closedPort();
    const err = await new Promise<Error>((resolve) => connect(port, '127.0.0.1').on('error', resolve));
    expect(classifyLinkError(err)).toBe('unreachable');
    // The same as a driver passes it on: only the text.
    expect(classifyLinkError(`Printer not reachable at tcp://127.0.0.1:${port}: ${err.message}`)).toBe('unreachable');
  });

  it('a real missing file is "not found"', () => {
    let err: unknown;
    try { openSync('/dev/civictill-no-such-port', 'r'); } catch (e) { err = e; }
    expect(classifyLinkError(err)).toBe('notFound');
  });

  it('sorts OS codes on the error, in its cause (fetch) and in an AggregateError (localhost tries each address)', () => {
    expect(classifyLinkError(withCode('x', 'EHOSTUNREACH'))).toBe('unreachable');
    expect(classifyLinkError(withCode('x', 'ENOTFOUND'))).toBe('unreachable');
    expect(classifyLinkError(withCode('x', 'EACCES'))).toBe('permission');
    expect(classifyLinkError(withCode('x', 'EPERM'))).toBe('permission');
    expect(classifyLinkError(withCode('x', 'ETIMEDOUT'))).toBe('timeout');
    expect(classifyLinkError(withCode('x', 'EBUSY'))).toBe('busy');
    expect(classifyLinkError(withCode('x', 'EIO'))).toBe('deviceFault');
    expect(classifyLinkError(withCode('x', 'ENODEV'))).toBe('notFound');
    expect(classifyLinkError(new TypeError('fetch failed', { cause: withCode('connect ECONNREFUSED 10.0.0.9:8450', 'ECONNREFUSED') }))).toBe('unreachable');
    expect(classifyLinkError(new AggregateError([withCode('a', 'ECONNREFUSED'), withCode('b', 'ECONNREFUSED')], ''))).toBe('unreachable');
  });

  it('sorts the texts drivers report without a code', () => {
    expect(classifyLinkError('Error: No such file or directory, cannot open /dev/ttyUSB0')).toBe('notFound');
    expect(classifyLinkError('Error: Permission denied, cannot open /dev/ttyS0')).toBe('permission');
    expect(classifyLinkError('Error Resource temporarily unavailable Cannot lock port')).toBe('busy');
    expect(classifyLinkError('no answer from tcp://10.0.0.5:9100')).toBe('timeout');
    expect(classifyLinkError('the hub at http://hub:8450 cannot be reached (no answer within 15 s)')).toBe('timeout');
    expect(classifyLinkError('the hub at http://hub:8450 cannot be reached (ECONNREFUSED)')).toBe('unreachable');
    expect(classifyLinkError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe('timeout');
    expect(classifyLinkError('Lost /dev/ttyUSB0: the device is gone')).toBe('notFound');
    expect(classifyLinkError('Error: read EIO')).toBe('deviceFault');
  });

  it('anything else is "other" (the technical detail says what)', () => {
    expect(classifyLinkError('Something unexpected')).toBe('other');
    expect(classifyLinkError(undefined)).toBe('other');
    expect(classifyLinkError({ code: 42 })).toBe('other');
  });
});

describe('linkMessage and placeOf', () => {
  it('names the place as a person reads it', () => {
    expect(placeOf('tcp://10.0.0.5:9100')).toBe('10.0.0.5:9100');
    expect(placeOf('serial:/dev/ttyUSB0?baud=9600')).toBe('/dev/ttyUSB0');
    expect(placeOf('spooler:Counter1')).toBe('Counter1');
    expect(linkMessage(withCode('connect ECONNREFUSED 10.0.0.5:9100', 'ECONNREFUSED'), 'tcp://10.0.0.5:9100'))
      .toEqual({ code: 'link.unreachable', params: { address: '10.0.0.5:9100' } });
  });
});
