import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { getJson } from './api/http.ts';
import type { LiveFeed, LiveState } from './live/LiveFeed.ts';

export const LiveFeedContext = createContext<LiveFeed | null>(null);

export function useLiveFeed(): LiveFeed {
  const feed = useContext(LiveFeedContext);
  if (!feed) throw new Error('useLiveFeed outside LiveFeedContext');
  return feed;
}

/** The live state, re-rendering on every change. */
export function useLive(): LiveState {
  const feed = useLiveFeed();
  const [state, setState] = useState(feed.state);
  useEffect(() => feed.subscribe(setState), [feed]);
  return state;
}

export interface Fetched<T> {
  readonly data: T | undefined;
  readonly error: string | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** GET `path` (JSON) whenever it or `revision` changes; null skips. The last good data stays while reloading. */
export function useJson<T>(path: string | null, revision: unknown = 0): Fetched<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [manual, setManual] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setLoading(true);
    getJson<T>(path).then(
      (body) => {
        if (!current) return;
        setData(body);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(failure instanceof Error ? failure.message : String(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [path, revision, manual]);
  const reload = useCallback(() => setManual((count) => count + 1), []);
  return { data, error, loading, reload };
}

/** The location hash as path segments: `#/trades/abc` → ['trades', 'abc']. */
export function useHashRoute(): string[] {
  const read = () =>
    window.location.hash
      .replace(/^#\/?/, '')
      .split('/')
      .filter((part) => part !== '')
      .map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = () => setRoute(read());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}

/** A count that goes up every `ms` while the component is shown: for data that is not pushed. */
export function useTicker(ms: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setTick((count) => count + 1), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return tick;
}
