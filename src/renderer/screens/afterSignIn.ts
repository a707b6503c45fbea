// The screens shown once someone has signed in: a chunk apart from the sign-in screen (see loadScreens.ts).
export { Lock } from './Lock';
export { OpenDrawer } from './OpenDrawer';
export { Till } from './Till';
export { CloseOut } from './CloseOut';
export { Deposit } from './Deposit';
export { ReturnedCheck } from './ReturnedCheck';
export { Reports } from './Reports';
export { Devices } from './Devices';
export { SyncScreen } from './Sync';
export { Admin } from './Admin';
export { Batches } from './Batches';
export { OfficeMenu } from '../components/OfficeMenu';
