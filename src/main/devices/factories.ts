// The drivers this build has, one factory per device kind, for the device manager.
import type { DeviceFactories } from '../../hardware/manager';
import { createPrinter } from '../../hardware/printer/factory';
import { createDrawer } from '../../hardware/drawer/factory';
import { MicrReader } from '../../hardware/micr/reader';
import { MagTekImageScanner } from '../../hardware/checkScanner/magtek';
import { SerialKeypad } from '../../hardware/tenkey/keypad';
import { CustomerDisplay } from '../../hardware/display/customerDisplay';
import { SerialScanner } from '../../hardware/scanner/scanner';

export const DEVICE_FACTORIES: DeviceFactories = {
  printer: createPrinter,
  drawer: createDrawer,
  // An image check scanner is a check reader with images: the 'magtek-image' driver (serial or tcp://).
  micr: (c) => (c.options?.driver === 'magtek-image' ? new MagTekImageScanner(c) : new MicrReader(c)),
  tenkey: (c) => new SerialKeypad(c),
  display: (c) => new CustomerDisplay(c),
  scanner: (c) => new SerialScanner(c),
};
