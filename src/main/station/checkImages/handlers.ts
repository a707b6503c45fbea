// Handlers of the check images contract.
import type { checkImagesContract } from '../../../shared/contract/checkImages';
import type { Handlers } from '../handlers';
import { bankProfile, saveBankProfile } from './bankProfile';
import { depositIcl } from './depositIcl';
import { scanPictures, tenderPictures } from './pictures';
import { imagesSafeToRemove } from './retention';
import { paperToShred, recordShredded } from './shredding';

export const checkImagesHandlers: Handlers<keyof typeof checkImagesContract> = {
  'checkImages.forScan': ({ station }, i) => scanPictures(station, i.scanId),
  'checkImages.forTender': ({ station }, i) => tenderPictures(station, i.receiptNumber, i.tenderNo),
  'checkImages.bankProfile': ({ station }) => bankProfile(station),
  'checkImages.setBankProfile': ({ station, user }, i) => saveBankProfile(station, user, i),
  'checkImages.icl': ({ station, user }, i) => depositIcl(station, user, i.depositId),
  'checkImages.paperToShred': ({ station }) => paperToShred(station),
  'checkImages.imagesSafeToRemove': ({ station }) => imagesSafeToRemove(station),
  'checkImages.recordShredded': ({ station, user }, i) => recordShredded(station, user, i.depositId),
};
