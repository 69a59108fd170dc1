// `up` and the in-process platform (src/backtest) share it; it lives with the platform's HTTP helpers.
export { resolvePort } from '../platform/http/freePort.ts';
