/** A run's live events (lib/event-stream) folded into its live state (lib/run-live) while the page is open. */
import { useEffect, useReducer, useRef, useState } from 'react';
import { openEventStream, type StreamEvent, type StreamState } from './event-stream';
import { applyRunEvent, initialLive, isFinalEvent, type RunLive } from './run-live';

type Action = { type: 'event'; event: StreamEvent } | { type: 'reset' };
const reducer = (state: RunLive, action: Action): RunLive => (action.type === 'reset' ? initialLive : applyRunEvent(state, action.event));

export function useRunStream(runId: string, enabled: boolean, onFinal: () => void): { live: RunLive; connection: StreamState; detail?: string } {
  const [live, dispatch] = useReducer(reducer, initialLive);
  const [connection, setConnection] = useState<{ state: StreamState; detail?: string }>({ state: 'closed' });
  const onFinalRef = useRef(onFinal);
  onFinalRef.current = onFinal;
  useEffect(() => {
    if (!enabled) return;
    dispatch({ type: 'reset' });
    return openEventStream({
      url: `/api/runs/${encodeURIComponent(runId)}/events`,
      onEvent: (event) => {
        dispatch({ type: 'event', event });
        if (isFinalEvent(event)) onFinalRef.current();
      },
      onState: (state, detail) => setConnection({ state, detail }),
      isFinal: isFinalEvent,
    });
  }, [runId, enabled]);
  return { live, connection: connection.state, detail: connection.detail };
}
