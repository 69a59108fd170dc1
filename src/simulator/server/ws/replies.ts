/**
 * Server → client acknowledgements and errors (docs/reference/bitmart-wire.md#websocket-replies, fixtures ws.ack.*,
 * ws.responses.docs.json). Acks never carry a `data` key: ccxt routes every message that has one
 * to the channel handlers.
 */

/** One ack per topic; `request` echoes that single topic, as JKorf's transcripts show. */
export function topicAck(action: string, group: string): string {
  return JSON.stringify({ action, group, success: true, request: { action, args: [group] } });
}

export function topicError(action: string, group: string, error: string): string {
  return JSON.stringify({ action, group, success: false, request: { action, args: [group] }, error });
}

export function groupNotExist(action: string, group: string): string {
  return topicError(action, group, `group [${group}] not exist`);
}

export function invalidAction(action: string, group: string): string {
  return topicError(action, group, `Invalid action [${action}] for group [${group}]`);
}

/** The reply to a private subscribe before `access`, without `request`, spelled as BitMart does. */
export function needAuthentication(group: string): string {
  return JSON.stringify({ action: 'subscribe', group, success: false, error: `${group} need authenication` });
}

export function requestError(action: string, error: string): string {
  return JSON.stringify({ action, success: false, error });
}

export const ACCESS_OK = JSON.stringify({ action: 'access', success: true });

export function accessFailed(apiKey: string): string {
  const error = `access failed: openapi auth: apiKey ${apiKey.slice(0, 10)}**** failed: openapi auth failed`;
  return JSON.stringify({ action: 'access', success: false, error });
}

/** Reply to `{"action":"ping"}` (bitmart-wire.md#heartbeat); bitmart-api only needs `data` to start with "pong". */
export const SYSTEM_PONG = JSON.stringify({ group: 'System', data: 'pong' });

/** Reply to the bare text `ping`. */
export const TEXT_PONG = 'pong';
