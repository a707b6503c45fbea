// What any image check scanner gives the station, so a second driver (a Ranger-style local scanner
// service, for one) can stand in for the MagTek one: a 'scannedCheck' event per document with its MICR
// read and both sides as TIFF Group 4, or a 'scanFault' event, and an endorser where the device has one.
import type { Device } from '../device';
import type { MicrRead } from '../../shared/micr';
import type { ScanFault } from './protocol';

export interface ScannedCheck {
  read: MicrRead;
  front: Buffer;
  /** null: the device images the front only. */
  back: Buffer | null;
}

export interface ScanFaultEvent { fault: ScanFault | 'transfer'; detail: string }

export interface ImageCheckScanner extends Device {
  readonly hasEndorser: boolean;
  endorse(lines: string[]): Promise<void>;
}

export const isImageCheckScanner = (d: Device | undefined): d is ImageCheckScanner =>
  !!d && typeof (d as Partial<ImageCheckScanner>).endorse === 'function' && 'imagesBothSides' in d;
