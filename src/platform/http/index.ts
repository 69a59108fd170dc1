export {
  type CrossSiteGuardOptions,
  type CrossSiteRefusal,
  type HttpServerSettings,
  registerCrossSiteGuard,
} from './crossSiteGuard.ts';
export { InjectDispatcher, type InjectedAnswer, type InjectedRequest, type InjectHandler } from './InjectDispatcher.ts';
export { BodyNotJsonError, type JsonBodyOptions, registerJsonBody } from './jsonBody.ts';
export { findUnstorableText, MAX_JSON_DEPTH, parseJsonText } from './jsonText.ts';
export { KeepAliveOrigin, type KeepAliveOriginOptions, type OriginRequest } from './KeepAliveOrigin.ts';
export { DEFAULT_REQUEST_TIMEOUT_MS, requestTimeoutOptions } from './requestTimeout.ts';
export * from './requestWithDeadline.ts';
