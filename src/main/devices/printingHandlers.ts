// Printing handlers — filled in by the devices issue (printer part).
import type { printingContract } from '../../shared/contract/printing';
import type { Handlers } from '../station/handlers';

export const printingHandlers: Handlers<keyof typeof printingContract> = {};
