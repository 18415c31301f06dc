/** One sample in full (input, target, output, extracted answer, verdict, explanation, grader's reply), and its verdict badge. */
import type { RunSample, SampleVerdict } from '../api/types';
import { formatCount, formatNumber } from '../lib/format';

const VERDICT_STYLE: Record<SampleVerdict, string> = {
  correct: 'bg-ok-soft text-ok',
  incorrect: 'bg-bad-soft text-bad',
  partial: 'bg-warn-soft text-warn',
  errored: 'bg-surface-2 text-bad ring-1 ring-bad/40',
};
const VERDICT_MARK: Record<SampleVerdict, string> = { correct: '✓', incorrect: '✗', partial: '◐', errored: '!' };

export function VerdictBadge({ verdict }: { verdict: SampleVerdict }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ${VERDICT_STYLE[verdict]}`}>
      <span aria-hidden="true">{VERDICT_MARK[verdict]}</span>
      <span>{verdict}</span>
    </span>
  );
}

function Block({ label, children, mono = false }: { label: string; children: string | null | undefined; mono?: boolean }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold text-muted">{label}</h3>
      <pre className={`max-h-96 overflow-auto rounded-md bg-surface-2 p-2.5 text-[13px] leading-relaxed whitespace-pre-wrap break-words ${mono ? 'font-mono' : 'font-sans'}`}>{children}</pre>
    </div>
  );
}

export function SampleView({ sample, heading = true }: { sample: RunSample; heading?: boolean }) {
  return (
    <article className="space-y-3" aria-label={`Sample ${sample.id}, epoch ${sample.epoch}`}>
      {heading && (
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="text-base font-semibold">
            Sample <span className="font-mono">{sample.id}</span>
          </h2>
          <span className="chip">epoch {sample.epoch}</span>
          <VerdictBadge verdict={sample.verdict} />
          {sample.score && sample.score.value !== null && <span className="chip tabular">score {formatNumber(sample.score.value)}</span>}
          {sample.usage && <span className="chip tabular">{formatCount(sample.usage.total_tokens)} tokens</span>}
        </div>
      )}
      {sample.error && (
        <div role="note" className="rounded-md border border-bad/40 bg-bad-soft p-2.5 text-sm">
          <div className="font-semibold text-bad">Error</div>
          <pre className="mt-1 font-mono text-xs whitespace-pre-wrap">{sample.error}</pre>
        </div>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <h3 className="mb-1 text-xs font-semibold text-muted">Target</h3>
          <div className="rounded-md bg-surface-2 p-2.5 font-mono text-sm break-words">{sample.target || '—'}</div>
        </div>
        <div>
          <h3 className="mb-1 text-xs font-semibold text-muted">Extracted answer</h3>
          <div className="rounded-md bg-surface-2 p-2.5 font-mono text-sm break-words">{sample.answer ?? <span className="text-muted">none</span>}</div>
        </div>
      </div>
      <Block label="Model output">{sample.output || (sample.error ? null : '(empty)')}</Block>
      <Block label="Explanation">{sample.explanation}</Block>
      <Block label="Grader's reply">{sample.grader_response}</Block>
      <Block label="Input">{sample.input}</Block>
    </article>
  );
}
