import type { AddressInfo } from 'node:net';
import type { InjectHandler } from '../../platform/http/index.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { buildControlApi } from './controlApp.ts';
import type { WorkerControl } from './WorkerControl.ts';

export interface RunningControlApi {
  /** `http://host:port`, the actual port when 0 was asked. */
  readonly url: string;
  /** The API without its socket (`InjectDispatcher`): same routes, checks and answers. */
  readonly inject: InjectHandler;
  close(): Promise<void>;
}

export async function startControlApi(
  control: WorkerControl,
  options: {
    host: string;
    port: number;
    token: string | undefined;
    logger: Logger;
    allowedHosts?: readonly string[];
    standby?: () => string | undefined;
  },
): Promise<RunningControlApi> {
  let url = '';
  const app = buildControlApi(control, {
    token: options.token,
    logger: options.logger,
    baseUrl: () => url,
    http: { boundHost: options.host, allowedHosts: options.allowedHosts ?? [] },
    ...(options.standby ? { standby: options.standby } : {}),
  });
  await app.listen({ host: options.host, port: options.port });
  const { port } = app.server.address() as AddressInfo;
  url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  return {
    url,
    inject: (request) => app.inject(request),
    close: async () => {
      await app.close();
    },
  };
}
