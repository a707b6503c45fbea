// Check images (issue 16): what a scan gives the till, the quality limits an image must meet before the
// check is handed back, and the bank profile an image cash letter (X9.100-187) is written for.
import { z } from 'zod';
import { isValidRouting } from './domain';
import type { MicrRead } from './micr';
import { freeText } from './text';

/**
 * What the quality checks refuse. format: not a bilevel TIFF Group 4; dpi: not the resolution expected;
 * size: the document is smaller or larger than a check; bytes: the file is too large to be a check image;
 * blank: almost no ink (a blank page, the wrong side, no document); dark: too much ink (a dirty glass, a
 * dark background, a photocopy).
 */
export const IMAGE_PROBLEMS = ['format', 'dpi', 'size', 'bytes', 'blank', 'dark'] as const;
export type ImageProblem = (typeof IMAGE_PROBLEMS)[number];

/** ANSI X9.100-110 document sizes, in hundredths of an inch; ink as parts per thousand of the pixels. */
export const IMAGE_LIMITS = {
  dpi: 200,
  minWidth: 500, maxWidth: 925,
  minHeight: 250, maxHeight: 425,
  maxBytes: 100_000,
  minInkPerMille: 4,
  maxInkPerMille: 300,
} as const;

export interface CheckImageSideView { sha256: string; bytes: number }

/** A scan as the till gets it ('device.check' event, `scan` field): the read, the images' hashes, the verdict. */
export interface CheckScanView {
  scanId: string;
  at: string;
  deviceId: string;
  read: MicrRead;
  front: CheckImageSideView;
  back: CheckImageSideView | null;
  widthPx: number;
  heightPx: number;
  dpi: number;
  quality: 'ok' | 'poor';
  problems: ImageProblem[];
}

/** One side as a picture for the screen (PNG, data URL), with its hash. */
export interface CheckImagePicture { side: 'front' | 'back'; sha256: string; pngDataUrl: string; widthPx: number; heightPx: number }

export interface TenderImagesView {
  receiptNumber: string;
  tenderNo: number;
  scanId: string;
  paperOnly: boolean;
  pictures: CheckImagePicture[];
}

const routing = z.string().regex(/^\d{9}$/, 'A routing number is 9 digits.').refine(isValidRouting, 'That routing number fails the ABA check digit: check it with the bank.');
const shortName = freeText({ min: 1, max: 18 });

/** The bank an image cash letter goes to: a setting, one per station. */
export const bankProfileSchema = z.object({
  /** Immediate destination: the bank's routing number (9 digits, ABA check digit). */
  destinationRouting: routing,
  destinationName: shortName,
  /** Immediate origin: usually the bank of first deposit's routing number as well, or the one the bank gives. */
  originRouting: routing,
  originName: shortName,
  /** The account the checks are credited to (on-us of the deposit's credit). */
  depositAccount: z.string().regex(/^\d{4,17}$/, 'A bank account number is 4 to 17 digits.'),
  /** File ID modifier: A–Z or 0–9, to tell apart two files made the same minute. */
  fileIdModifier: z.string().regex(/^[A-Z0-9]$/, 'The file ID modifier is one letter A–Z or digit.'),
  encoding: z.enum(['ebcdic', 'ascii']),
  /** Checks per bundle (record 20 … 70); the bank's limit. */
  maxItemsPerBundle: z.number().int('Checks per bundle is a whole number, 1 to 9999.').min(1, 'Checks per bundle is a whole number, 1 to 9999.').max(9999, 'Checks per bundle is a whole number, 1 to 9999.'),
  mode: z.enum(['test', 'production']),
  /** Days the paper checks are kept after the image went to the bank, then shredded (banks ask 30 to 45). */
  paperRetentionDays: z.number().int('The paper is kept 1 to 365 days.').min(1, 'The paper is kept 1 to 365 days.').max(365, 'The paper is kept 1 to 365 days.'),
  /** Years the images are kept. */
  imageRetentionYears: z.number().int('The images are kept 1 to 30 years.').min(1, 'The images are kept 1 to 30 years.').max(30, 'The images are kept 1 to 30 years.'),
}).strict();

export type BankProfile = z.infer<typeof bankProfileSchema>;

export const DEFAULT_BANK_PROFILE: BankProfile = {
  destinationRouting: '021000021', destinationName: 'FIRST COMMUNITY BK', originRouting: '021000021', originName: 'CITY TREASURY',
  depositAccount: '1234567890', fileIdModifier: 'A', encoding: 'ebcdic', maxItemsPerBundle: 300, mode: 'test',
  paperRetentionDays: 45, imageRetentionYears: 7,
};

/** The result of making a deposit's image cash letter: the file itself (base64) and its figures. */
export interface IclFileView {
  fileName: string;
  base64: string;
  sha256: string;
  bytes: number;
  items: number;
  totalCents: number;
  bundles: number;
  /** Checks of the deposit that go on paper (no image, or a supervisor's paper-only override). */
  paperItems: { receiptNumber: string; tenderNo: number; checkNumber: string; amountCents: number; why: 'noImage' | 'paperOnly' }[];
}
