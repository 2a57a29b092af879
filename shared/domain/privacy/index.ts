/**
 * Privacy profiles for anything leaving the agency: the public API other features call
 * (target lists, briefing maps). See profile.ts for the document shape and apply.ts for the
 * generalization rules; docs/outputs-targets.md describes both for analysts.
 */
export {
  BUILTIN_PROFILES,
  NO_PRIVACY,
  PROFILE_NAME,
  describeProfile,
  formatProfileJson,
  isNoOpProfile,
  listProfileNames,
  parseProfile,
  privacyDocumentKey,
  profileSchema,
  readProfileDocument,
  type PrivacyProfile,
} from './profile';
export { applyPrivacyToLonLat, applyPrivacyToPoints, hundredBlock, isDropped, snapToGrid, suppressCount, type PrivacyPoints, type PrivatePoints } from './apply';
