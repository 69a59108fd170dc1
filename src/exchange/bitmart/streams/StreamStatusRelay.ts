/** Moved to the venue-neutral exchange/streams/; kept for the OKX market stream's import until it moves. */
export { type StreamStatusHooks, StreamStatusRelay } from '../../streams/StreamStatusRelay.ts';
