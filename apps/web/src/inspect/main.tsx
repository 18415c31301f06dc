/**
 * Host page of Inspect's own log viewer (@metrevals/inspect-log-viewer), opened on one `.eval` log given as
 * `?log_file=<artifact URL>` (the parameter the viewer itself reads). The viewer reads the log's zip with HTTP Range requests (HEAD for its size, then the
 * central directory and one sample at a time), so a 14,042-sample log opens without downloading it whole.
 * It lives on its own page because it brings Bootstrap's global stylesheet and its own hash router; the Studio
 * shows this page in a frame (pages/InspectPage.tsx).
 */
import { App, clientApi, initializeStore, simpleHttpApi, type Capabilities } from '@metrevals/inspect-log-viewer';
import '@metrevals/inspect-log-viewer/styles/index.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const root = createRoot(document.getElementById('app')!);
const log = new URLSearchParams(window.location.search).get('log_file');
if (!log || !log.startsWith('/api/runs/')) {
  root.render(<p style={{ padding: 24, fontFamily: 'system-ui' }}>No log to show: open this viewer from a run's page.</p>);
} else {
  const capabilities: Capabilities = { downloadFiles: true, downloadLogs: false, webWorkers: true, streamSamples: false, streamSampleData: false };
  // One log has no eval set and no flow. The static API would look for `eval-set.json` and `flow.yaml` next to
  // this page, where the web server's SPA fallback answers with HTML, and the viewer would give up on the log.
  const api = clientApi({ ...simpleHttpApi(undefined, log), get_eval_set: async () => undefined, get_flow: async () => undefined }, log);
  initializeStore(api, capabilities, undefined);
  root.render(
    <StrictMode>
      <App api={api} />
    </StrictMode>,
  );
}
