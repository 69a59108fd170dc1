import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The WebSocket side of the simulator. SimulatorServer owns the single HTTP
 * port and hands every upgrade whose pathname is `/api` or `/user` here
 * (docs/reference/bitmart-wire.md#websocket-connection: public and private futures WS endpoints).
 */
export interface WsGateway {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Drops every open connection (admin `/sim/ws/drop`); returns how many were dropped. */
  dropAll(): number;
  close(): Promise<void>;
}
