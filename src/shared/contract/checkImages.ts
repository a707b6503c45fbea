// Check image operations (issue 16): a scan's or a tender's images as pictures for the screen, the bank
// profile, the image cash letter of a deposit, and the paper checks due for shredding.
import { z } from 'zod';
import { bankProfileSchema, type BankProfile, type CheckImagePicture, type IclFileView, type TenderImagesView } from '../checkImages';
import { emptyInput, op } from './op';

export interface PaperToShred { receiptNumber: string; tenderNo: number; checkNumber: string; amountCents: number; depositId: string; bagNumber: string | null; sentOn: string; shredFrom: string }

/** Images past the bank profile's retention years that the hub has confirmed holding (none other may go). */
export interface ImagesSafeToRemove {
  retentionYears: number; takenBefore: string;
  images: { sha256: string; takenAt: string; hubConfirmedAt: string }[];
  /** Past the years, but the hub does not have them yet: they stay. */
  heldForHub: number;
}

const receiptNumber = z.string().min(1).max(40);

export const checkImagesContract = {
  /** A scan's front and back, before the tender is posted: the till shows them beside the check. */
  'checkImages.forScan': op<CheckImagePicture[]>()('cashier', z.object({ scanId: z.uuid({ message: 'Scan the check again.' }) }).strict()),
  /** A posted check's images (the returned-check screen, the deposit, close-out). */
  'checkImages.forTender': op<TenderImagesView>()('cashier', z.object({ receiptNumber, tenderNo: z.number().int().min(1).max(20) }).strict()),
  'checkImages.bankProfile': op<BankProfile>()('supervisor', emptyInput),
  'checkImages.setBankProfile': op<BankProfile>()('admin', bankProfileSchema.partial().strict()),
  /** The X9.100-187 file of a deposit's checks, for the IT person to upload to the bank's portal. */
  'checkImages.icl': op<IclFileView>()('supervisor', z.object({ depositId: z.string().min(1).max(64) }).strict()),
  /** Paper checks whose images went to the bank more than the retention days ago. */
  'checkImages.paperToShred': op<PaperToShred[]>()('supervisor', emptyInput),
  /** Local image files that may be removed: past the retention years and confirmed by the hub. */
  'checkImages.imagesSafeToRemove': op<ImagesSafeToRemove>()('admin', emptyInput),
  /** The supervisor records that a deposit's paper checks due for shredding were shredded: the list without them. */
  'checkImages.recordShredded': op<PaperToShred[]>()('supervisor', z.object({ depositId: z.string().min(1).max(64) }).strict()),
} as const;
