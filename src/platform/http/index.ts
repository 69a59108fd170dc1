export {
  type CrossSiteGuardOptions,
  type CrossSiteRefusal,
  type HttpServerSettings,
  registerCrossSiteGuard,
} from './crossSiteGuard.ts';
export { findUnstorableText, MAX_JSON_DEPTH, parseJsonText } from './jsonText.ts';
export { DEFAULT_REQUEST_TIMEOUT_MS, requestTimeoutOptions } from './requestTimeout.ts';
