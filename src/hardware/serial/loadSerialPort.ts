// serialport is imported when a port is first opened or listed, not at start-up: loading it and its
// native binding costs ~60 ms on the way to serving the till, and many stations have no serial device.
import type { SerialPort } from 'serialport';

let loading: Promise<typeof SerialPort> | undefined;

export function loadSerialPort(): Promise<typeof SerialPort> {
  loading ??= import('serialport').then((m) => m.SerialPort);
  return loading;
}
