import { type ComponentChildren, createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import { postJson } from '../api/http.ts';
import type { ControlAnswer } from '../api/types.ts';
import { useLiveFeed } from '../hooks.ts';

/** One control: what the dialog asks, and the request sent once the trader confirms. */
export interface ControlAction {
  readonly title: string;
  readonly detail: string;
  readonly confirmLabel: string;
  readonly path: string;
  /** Added to `{"confirm":true,"actor":"dashboard"}`. */
  readonly body?: Readonly<Record<string, unknown>>;
  /** The body as is, for the routes that take no confirmation (the MTF switches). */
  readonly rawBody?: Readonly<Record<string, unknown>>;
}

interface Outcome {
  readonly ok: boolean;
  readonly message: string;
}

type Act = (action: ControlAction) => Promise<boolean>;

/** Controls from another machine need the app's token; on loopback none is asked. */
const ON_LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'].includes(window.location.hostname);
const TOKEN_KEY = 'dashboard-api-token';

const ControlContext = createContext<Act | null>(null);

export function useControl(): Act {
  const act = useContext(ControlContext);
  if (!act) throw new Error('useControl outside ControlProvider');
  return act;
}

/**
 * Every control goes through one confirmation dialog (a modal `<dialog>`: focus stays inside, Esc
 * cancels, Cancel has the focus first) and reports its outcome in one live region.
 */
export function ControlProvider({ children }: { children: ComponentChildren }) {
  const feed = useLiveFeed();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState<{ action: ControlAction; resolve: (yes: boolean) => void } | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Kept for the tab's life only (sessionStorage), never in the page's URL.
  const [token, setToken] = useState(() => window.sessionStorage.getItem(TOKEN_KEY) ?? '');

  useEffect(() => {
    if (pending && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [pending]);

  const act = useCallback<Act>(
    (action) =>
      new Promise<boolean>((resolve) => {
        setOutcome(null);
        setPending({ action, resolve });
      }),
    [],
  );

  const close = (confirmed: boolean) => {
    if (!pending) return;
    dialog.current?.close();
    setPending(null);
    pending.resolve(confirmed);
  };

  const confirm = async () => {
    if (!pending) return;
    const { action } = pending;
    setBusy(true);
    try {
      const body = action.rawBody ?? { confirm: true, actor: 'dashboard', ...action.body };
      if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
      const answer = await postJson<Partial<ControlAnswer>>(action.path, body, token || undefined);
      const audit = answer.audit_id === undefined ? '' : ` (audit #${answer.audit_id})`;
      setOutcome({ ok: true, message: `${action.title}: done${audit}` });
      close(true);
      await feed.refresh();
    } catch (error) {
      setOutcome({ ok: false, message: `${action.title}: ${error instanceof Error ? error.message : String(error)}` });
      close(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ControlContext.Provider value={act}>
      {children}
      <p class={`outcome ${outcome?.ok === false ? 'negative' : ''}`} role="status" aria-live="polite">
        {outcome?.message ?? ''}
      </p>
      <dialog ref={dialog} class="confirm" aria-labelledby="confirm-title" onCancel={() => close(false)}>
        {pending && (
          <form
            method="dialog"
            onSubmit={(event) => {
              event.preventDefault();
              void confirm();
            }}
          >
            <h2 id="confirm-title">{pending.action.title}</h2>
            <p>{pending.action.detail}</p>
            {!ON_LOOPBACK && (
              <p>
                <label for="api-token">API token (APP_API_TOKEN)</label>{' '}
                <input
                  id="api-token"
                  type="password"
                  autocomplete="off"
                  value={token}
                  onInput={(event) => setToken(event.currentTarget.value)}
                />
              </p>
            )}
            <div class="buttons">
              <button type="button" autofocus onClick={() => close(false)} disabled={busy}>
                Cancel
              </button>
              <button type="submit" class="danger" disabled={busy}>
                {busy ? 'Sending…' : pending.action.confirmLabel}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </ControlContext.Provider>
  );
}
