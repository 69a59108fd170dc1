import { verifyBitmartSignature, WS_LOGIN_PAYLOAD } from '../../../exchange/bitmart/protocol/signing.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Logger } from '../../../platform/logging/logger.ts';
import type { SimEngine } from '../../engine/types.ts';
import type { Market } from '../../market/types.ts';
import { MAX_ARGS_BYTES, parseClientMessage } from './clientMessage.ts';
import type { PrivateFanout } from './PrivateFanout.ts';
import type { PublicFanout } from './PublicFanout.ts';
import {
  ACCESS_OK,
  accessFailed,
  groupNotExist,
  invalidAction,
  needAuthentication,
  requestError,
  SYSTEM_PONG,
  TEXT_PONG,
  topicAck,
} from './replies.ts';
import { SubscriptionRegistry } from './SubscriptionRegistry.ts';
import { isPrivateTopic, parseTopic, type Topic } from './topics.ts';
import type { WsSession } from './WsSession.ts';

/**
 * The login timestamp "expires after 60 s"; bitmart-api signs now + 5 s
 * (docs/reference/bitmart-wire.md#websocket-replies).
 */
export const LOGIN_SKEW_MS = 60_000;
/** Close code after a failed login: BitMart disconnects the link (bitmart-wire.md#websocket-replies). */
const ACCESS_FAILED_CLOSE_CODE = 1008;

export interface RequestHandlerDeps {
  readonly market: Market;
  readonly engine: SimEngine;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly registry: SubscriptionRegistry<WsSession>;
  readonly publicFanout: PublicFanout;
  readonly privateFanout: PrivateFanout;
}

/**
 * Answers what a client sends (bitmart-wire.md#websocket-requests, #websocket-replies, #heartbeat):
 * subscriptions, login, pings, requests.
 */
export class RequestHandler {
  readonly #deps: RequestHandlerDeps;
  readonly #isListed: (symbol: string) => boolean;

  constructor(deps: RequestHandlerDeps) {
    this.#deps = deps;
    this.#isListed = (symbol) => deps.market.contract(symbol) !== undefined;
  }

  handle(session: WsSession, text: string): void {
    const message = parseClientMessage(text);
    switch (message.kind) {
      case 'textPing':
        session.send(TEXT_PONG);
        return;
      case 'malformed':
        session.send(requestError('', message.reason));
        return;
      case 'argsTooLong':
        session.send(
          requestError(
            message.request.action,
            `args length ${message.bytes} bytes exceeds the limit of ${MAX_ARGS_BYTES} bytes`,
          ),
        );
        return;
      case 'request':
        this.#dispatch(session, message.request.action, message.request.args);
        return;
    }
  }

  #dispatch(session: WsSession, action: string, args: readonly string[]): void {
    switch (action) {
      case 'ping':
        session.send(SYSTEM_PONG);
        return;
      case 'access':
        this.#access(session, args);
        return;
      case 'subscribe':
        for (const group of args) this.#subscribe(session, group);
        return;
      case 'unsubscribe':
        for (const group of args) this.#unsubscribe(session, group);
        return;
      case 'request':
        for (const group of args) this.#request(session, group);
        return;
      default:
        for (const group of args.length > 0 ? args : ['']) session.send(invalidAction(action, group));
    }
  }

  #subscribe(session: WsSession, group: string): void {
    const topic = parseTopic(group, this.#isListed);
    if (!topic) {
      session.send(groupNotExist('subscribe', group));
      return;
    }
    if (isPrivateTopic(topic) && session.accountId === undefined) {
      session.send(needAuthentication(group));
      return;
    }
    const entry = this.#deps.registry.add(session, topic, session.accountId);
    session.disarmLifelessTimer();
    session.send(topicAck('subscribe', group));
    if (!entry) return;
    if (isPrivateTopic(topic)) this.#deps.privateFanout.pushSnapshot(session, entry);
    else this.#deps.publicFanout.pushSnapshot(session, entry);
  }

  #unsubscribe(session: WsSession, group: string): void {
    const topic = parseTopic(group, this.#isListed);
    if (!topic) {
      session.send(groupNotExist('unsubscribe', group));
      return;
    }
    this.#deps.registry.remove(session, SubscriptionRegistry.keyOf(topic, session.accountId));
    session.send(topicAck('unsubscribe', group));
  }

  /** `request` is a one-shot snapshot; of the channels served here only funding supports it. */
  #request(session: WsSession, group: string): void {
    const topic: Topic | undefined = parseTopic(group, this.#isListed);
    if (!topic) {
      session.send(groupNotExist('request', group));
      return;
    }
    if (topic.channel !== 'fundingRate') {
      session.send(invalidAction('request', group));
      return;
    }
    this.#deps.publicFanout.pushFunding(session, topic);
  }

  #access(session: WsSession, args: readonly string[]): void {
    const [apiKey = '', timestamp = '', signature = ''] = args;
    const credentials = this.#deps.engine.credentials(apiKey);
    const fresh = /^\d{1,16}$/.test(timestamp) && Math.abs(Number(timestamp) - this.#deps.clock.now()) <= LOGIN_SKEW_MS;
    if (!credentials || !fresh || !verifyBitmartSignature(credentials, timestamp, WS_LOGIN_PAYLOAD, signature)) {
      this.#deps.logger.info(
        { connection: session.id, apiKey: `${apiKey.slice(0, 10)}****`, knownKey: credentials !== undefined, fresh },
        'WebSocket login refused',
      );
      session.send(accessFailed(apiKey));
      session.close(ACCESS_FAILED_CLOSE_CODE, 'access failed');
      return;
    }
    if (session.accountId !== undefined && session.accountId !== credentials.accountId) {
      // A second login as another account must not keep receiving the first account's pushes.
      this.#deps.registry.removeSession(session, (entry) => entry.accountId !== undefined);
    }
    session.authenticate(credentials.accountId);
    session.send(ACCESS_OK);
  }
}
