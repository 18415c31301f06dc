import * as Dialog from '@radix-ui/react-dialog';
import { useMemo, useState, type FormEvent } from 'react';
import { errorMessage, fieldError } from '../api/errors';
import { useApiKeys, useDeleteApiKey, useMe, useProviders, useSaveApiKey, useVersion } from '../api/queries';
import type { ApiKeyPublic, ProviderPublic } from '../api/types';
import { signOut } from '../auth/session';
import { ConfirmDialog } from '../components/confirm';
import { toast, toastError } from '../components/toast';
import { ServiceKeysSection } from './ServiceKeysSection';
import { Card, DateText, EmptyState, ErrorBox, Facts, Field, Loaded, LoadingBlock, PageHeader } from '../components/ui';

const CUSTOM = '__custom__';

export function SettingsPage() {
  const providers = useProviders();
  const apiKeys = useApiKeys();
  const [editing, setEditing] = useState<{ provider?: string } | null>(null);
  const [deleting, setDeleting] = useState<ApiKeyPublic | null>(null);
  const del = useDeleteApiKey();
  const byName = useMemo(() => new Map((providers.data ?? []).map((p) => [p.provider, p])), [providers.data]);

  return (
    <>
      <PageHeader title="Settings" subtitle="Provider and scoring-service keys, your account and this Studio's version." />
      <section aria-labelledby="keys-heading" className="card p-5">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
          <div>
            <h2 id="keys-heading" className="text-base font-semibold">
              Provider keys
            </h2>
            <p className="text-sm text-muted">Stored encrypted; only the last characters are ever shown. Runs use the key of their model's provider.</p>
          </div>
          <button type="button" className="btn btn-primary" onClick={() => setEditing({})}>
            Add a key
          </button>
        </div>
        {apiKeys.isPending ? (
          <LoadingBlock label="Loading your keys" lines={3} />
        ) : apiKeys.isError ? (
          <ErrorBox error={apiKeys.error} title="Could not load your keys" onRetry={() => void apiKeys.refetch()} />
        ) : apiKeys.data.length === 0 ? (
          <EmptyState title="No keys yet">Add a key for a provider (OpenAI, Anthropic, Groq, …) or your own OpenAI-compatible endpoint to start runs.</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Stored provider keys</caption>
              <thead className="text-left text-xs text-muted">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-semibold">Provider</th>
                  <th scope="col" className="py-2 pr-3 font-semibold">Key</th>
                  <th scope="col" className="py-2 pr-3 font-semibold">Base URL</th>
                  <th scope="col" className="py-2 pr-3 font-semibold">Updated</th>
                  <th scope="col" className="py-2 font-semibold"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {apiKeys.data.map((k) => {
                  const p = byName.get(k.provider);
                  return (
                    <tr key={k.key_id} className="border-t border-border">
                      <td className="py-2 pr-3">
                        <div className="flex items-center gap-2">
                          <span aria-hidden="true" className="h-2.5 w-2.5 rounded-full" style={{ background: p?.color ?? 'var(--muted)' }} />
                          <span className="font-medium">{p?.display_name ?? k.provider}</span>
                          {!p && <span className="chip">custom</span>}
                        </div>
                        <div className="text-xs text-muted">{k.provider}</div>
                      </td>
                      <td className="py-2 pr-3 font-mono text-xs">{k.key_preview}</td>
                      <td className="max-w-64 truncate py-2 pr-3 font-mono text-xs" title={k.base_url ?? undefined}>
                        {k.base_url ?? <span className="text-muted">{p?.base_url ? 'default' : '—'}</span>}
                      </td>
                      <td className="py-2 pr-3"><DateText iso={k.updated_at} /></td>
                      <td className="py-2 text-right whitespace-nowrap">
                        <button type="button" className="btn btn-sm" onClick={() => setEditing({ provider: k.provider })} aria-label={`Replace the ${p?.display_name ?? k.provider} key`}>
                          Replace
                        </button>{' '}
                        <button type="button" className="btn btn-sm" onClick={() => setDeleting(k)} aria-label={`Delete the ${p?.display_name ?? k.provider} key`}>
                          Delete
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <ServiceKeysSection />

      <div className="mt-5 grid gap-5 md:grid-cols-2">
        <AccountSection />
        <VersionSection />
      </div>

      {editing && (
        <KeyDialog
          providers={providers.data ?? []}
          stored={apiKeys.data ?? []}
          initialProvider={editing.provider}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete this key?"
        description={`Runs of ${deleting ? (byName.get(deleting.provider)?.display_name ?? deleting.provider) : ''} models will need a new key. Runs already finished keep their results.`}
        confirmLabel="Delete key"
        busy={del.isPending}
        onConfirm={() => {
          const k = deleting!;
          del.mutate(k.provider, {
            onSuccess: () => {
              toast('Key deleted', byName.get(k.provider)?.display_name ?? k.provider);
              setDeleting(null);
            },
            onError: (e) => toastError('Could not delete the key', errorMessage(e)),
          });
        }}
      />
    </>
  );
}

function KeyDialog({
  providers,
  stored,
  initialProvider,
  onClose,
}: {
  providers: ProviderPublic[];
  stored: ApiKeyPublic[];
  initialProvider?: string;
  onClose: () => void;
}) {
  const predefined = initialProvider === undefined || providers.some((p) => p.provider === initialProvider);
  const existing = stored.find((k) => k.provider === initialProvider);
  const [choice, setChoice] = useState(initialProvider === undefined ? '' : predefined ? initialProvider : CUSTOM);
  const [customName, setCustomName] = useState(predefined ? '' : (initialProvider ?? ''));
  const [key, setKey] = useState('');
  const [baseUrl, setBaseUrl] = useState(existing?.base_url ?? '');
  const [envVar, setEnvVar] = useState(existing?.custom_env_var ?? '');
  const save = useSaveApiKey();
  const provider = choice === CUSTOM ? customName.trim().toLowerCase() : choice;
  const info = providers.find((p) => p.provider === choice);
  const replacing = initialProvider !== undefined;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      { provider, key, base_url: baseUrl.trim() || null, custom_env_var: envVar.trim() || null },
      {
        onSuccess: (saved) => {
          toast(replacing ? 'Key replaced' : 'Key saved', `${info?.display_name ?? saved.provider}: ${saved.key_preview}`);
          onClose();
        },
      },
    );
  };
  const err = (f: string) => fieldError(save.error, f);
  const generalError = save.isError && !['provider', 'key', 'base_url', 'custom_env_var'].some((f) => err(f));

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="card fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[32rem] max-w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto p-5 shadow-xl">
          <Dialog.Title className="text-base font-semibold">{replacing ? 'Replace key' : 'Add a provider key'}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-muted">
            The key is encrypted before it is stored. Choose “Custom OpenAI-compatible endpoint” for vLLM, Ollama, LiteLLM or your own gateway.
          </Dialog.Description>
          <form onSubmit={onSubmit} className="mt-4 space-y-3" noValidate>
            <Field label="Provider" htmlFor="key-provider" error={choice === CUSTOM ? undefined : err('provider')}>
              <select id="key-provider" className="input" value={choice} onChange={(e) => setChoice(e.target.value)} disabled={replacing} required>
                <option value="" disabled>
                  Choose a provider…
                </option>
                {providers.map((p) => (
                  <option key={p.provider} value={p.provider}>
                    {p.display_name}
                    {stored.some((k) => k.provider === p.provider) ? ' (stored)' : ''}
                  </option>
                ))}
                <option value={CUSTOM}>Custom OpenAI-compatible endpoint…</option>
              </select>
            </Field>
            {choice === CUSTOM && (
              <Field label="Endpoint name" htmlFor="key-custom-name" hint="Lower-case letters, digits, - and _. Run its models as name/model." error={err('provider')}>
                <input
                  id="key-custom-name"
                  className="input"
                  value={customName}
                  onChange={(e) => setCustomName(e.target.value)}
                  placeholder="my-vllm"
                  disabled={replacing}
                  required
                  aria-invalid={err('provider') ? true : undefined}
                />
              </Field>
            )}
            <Field label="API key" htmlFor="key-value" hint={info && !info.requires_key ? 'This server accepts any key; type anything.' : undefined} error={err('key')}>
              <input
                id="key-value"
                type="password"
                autoComplete="off"
                className="input font-mono"
                value={key}
                onChange={(e) => setKey(e.target.value)}
                required
                aria-invalid={err('key') ? true : undefined}
              />
            </Field>
            <Field
              label={choice === CUSTOM ? 'Base URL' : 'Base URL (optional)'}
              htmlFor="key-base-url"
              hint={choice === CUSTOM ? 'The OpenAI-compatible API root, e.g. http://localhost:8000/v1' : info?.base_url ? `Default: ${info.base_url}` : info ? 'This provider needs its endpoint, e.g. your Azure resource.' : undefined}
              error={err('base_url')}
            >
              <input
                id="key-base-url"
                type="url"
                className="input font-mono"
                value={baseUrl}
                onChange={(e) => setBaseUrl(e.target.value)}
                placeholder={info?.base_url ?? 'https://…/v1'}
                required={choice === CUSTOM}
                aria-invalid={err('base_url') ? true : undefined}
              />
            </Field>
            <Field label="Environment variable (optional)" htmlFor="key-env" hint={info ? `Default: ${info.env_var}` : 'The variable the key is exposed as in runs.'} error={err('custom_env_var')}>
              <input id="key-env" className="input font-mono" value={envVar} onChange={(e) => setEnvVar(e.target.value)} placeholder={info?.env_var ?? 'MY_ENDPOINT_API_KEY'} />
            </Field>
            {generalError && (
              <div role="alert" className="rounded-md border border-bad/40 bg-bad-soft px-3 py-2 text-sm">
                {errorMessage(save.error)}
              </div>
            )}
            <div className="flex justify-end gap-2 pt-2">
              <Dialog.Close type="button" className="btn">
                Cancel
              </Dialog.Close>
              <button type="submit" className="btn btn-primary" disabled={!provider || !key.trim() || save.isPending}>
                {save.isPending ? 'Saving…' : 'Save key'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function AccountSection() {
  const me = useMe();
  return (
    <Card title="Account">
      <Loaded query={me} label="Loading your account" lines={2}>
        {(user) => <Facts items={[['Email', user.email], ['Member since', <DateText key="d" iso={user.created_at} />]]} />}
      </Loaded>
      <button type="button" className="btn mt-4" onClick={() => signOut()}>
        Sign out
      </button>
    </Card>
  );
}

function VersionSection() {
  const version = useVersion();
  return (
    <Card title="Version">
      <Loaded query={version} label="Loading the version" lines={3}>
        {(v) => (
          <Facts
            mono
            items={[
              ['Studio (web)', v.web_ui],
              ['API', v.api],
              ['Engine', v.engine],
              ['Reproduces openbench', v.openbench ?? '—'],
            ]}
          />
        )}
      </Loaded>
      <p className="mt-4 text-sm">
        API reference:{' '}
        <a className="link" href="/docs/">
          Swagger UI
        </a>{' '}
        ·{' '}
        <a className="link" href="/redoc">
          ReDoc
        </a>
      </p>
    </Card>
  );
}
