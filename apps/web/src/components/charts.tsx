/** Charts (recharts), coloured from the theme's CSS variables so they follow light and dark. */
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { GroupBreakdown } from '../api/types';
import { formatInterval, formatNumber } from '../lib/format';

export const SERIES_COLORS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-5)', 'var(--chart-6)', 'var(--chart-7)', 'var(--chart-8)'];

const axis = { stroke: 'var(--muted)', fontSize: 12 };
const tooltipStyle = { background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 6, color: 'var(--fg)', fontSize: 12 };

/** The upper end of a 0-based axis holding `values`: 1 for proportions, else a round number above the largest. */
export function axisMax(values: number[]): number {
  const max = Math.max(0, ...values);
  if (values.every((v) => v >= 0 && v <= 1)) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

interface BarShapeProps {
  x: number;
  y: number;
  width: number;
  height: number;
  background?: { x: number; width: number };
  payload: { lower: number | null; upper: number | null };
}

/** A bar with its 95% interval drawn as a whisker, placed on the axis through the bar's background (the full track). */
function barWithInterval(max: number) {
  return function BarWithInterval(props: unknown) {
    const { x, y, width, height, background, payload } = props as BarShapeProps;
    const mid = y + height / 2;
    const at = (v: number) => (background ? background.x + (v / max) * background.width : x);
    return (
      <g>
        <rect x={x} y={y} width={Math.max(0, width)} height={height} rx={3} fill="var(--chart-1)" />
        {background && payload.lower !== null && payload.upper !== null && (
          <g stroke="var(--fg)" strokeOpacity={0.75} strokeWidth={1.5}>
            <line x1={at(payload.lower)} x2={at(payload.upper)} y1={mid} y2={mid} />
            <line x1={at(payload.lower)} x2={at(payload.lower)} y1={mid - 4} y2={mid + 4} />
            <line x1={at(payload.upper)} x2={at(payload.upper)} y1={mid - 4} y2={mid + 4} />
          </g>
        )}
      </g>
    );
  };
}

interface HorizontalBarsProps {
  data: Record<string, unknown>[];
  /** The field holding each bar's label. */
  labelKey: string;
  /** Upper end of the value axis (0 at the other end). */
  max: number;
  height: number;
  /** The chart's data in words, for screen readers (the picture itself is hidden from them). */
  caption: string;
  children: ReactNode;
}

/** The frame both bar charts share: labels on the left, values along a 0–`max` axis, a text alternative. */
function HorizontalBars({ data, labelKey, max, height, caption, children }: HorizontalBarsProps) {
  const longest = Math.max(0, ...data.map((d) => String(d[labelKey]).length));
  return (
    <figure>
      <div style={{ height }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }}>
            <CartesianGrid horizontal={false} stroke="var(--border)" />
            <XAxis type="number" domain={[0, max]} allowDataOverflow tick={axis} stroke="var(--border)" tickFormatter={(v: number) => formatNumber(v, 2)} />
            <YAxis type="category" dataKey={labelKey} width={Math.min(260, longest * 7 + 12)} tick={axis} stroke="var(--border)" interval={0} />
            {children}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">{caption}</figcaption>
    </figure>
  );
}

/** One bar per group, best first, with its 95% interval as a whisker. */
export function BreakdownChart({ breakdown }: { breakdown: GroupBreakdown }) {
  const data = [...breakdown.items]
    .sort((a, b) => b.value - a.value)
    .map((i) => ({ key: i.key, value: i.value, n: i.n, interval: formatInterval(i.ci_lower, i.ci_upper), lower: i.ci_lower, upper: i.ci_upper }));
  const max = axisMax(data.flatMap((d) => [d.value, d.upper ?? d.value]));
  return (
    <HorizontalBars
      data={data}
      labelKey="key"
      max={max}
      height={Math.max(120, data.length * 26 + 40)}
      caption={`${breakdown.name}: ${data.map((d) => `${d.key} ${formatNumber(d.value)}${d.interval ? ` ${d.interval}` : ''}`).join(', ')}`}
    >
      <Tooltip
        contentStyle={tooltipStyle}
        cursor={{ fill: 'var(--surface-2)' }}
        formatter={(v, _n, item) => {
          const p = item.payload as (typeof data)[number];
          return [`${formatNumber(Number(v))}${p.interval ? ` ${p.interval}` : ''}${p.n ? ` · n=${p.n}` : ''}`, breakdown.name];
        }}
      />
      <Bar dataKey="value" barSize={16} background={{ fill: 'transparent' }} shape={barWithInterval(max)} isAnimationActive={false} />
    </HorizontalBars>
  );
}

/** Groups on one axis, one coloured bar per run in each. */
export function GroupedBarChart({ groups, series }: { groups: string[]; series: { name: string; values: (number | null)[] }[] }) {
  const data = groups.map((g, gi) => Object.fromEntries([['group', g], ...series.map((s, si) => [`s${si}`, s.values[gi]])]));
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  return (
    <HorizontalBars
      data={data}
      labelKey="group"
      max={axisMax(all)}
      height={Math.max(160, groups.length * (10 + series.length * 12) + 60)}
      caption={groups.map((g, gi) => `${g}: ${series.map((s) => `${s.name} ${formatNumber(s.values[gi])}`).join(', ')}`).join('; ')}
    >
      <Tooltip contentStyle={tooltipStyle} cursor={{ fill: 'var(--surface-2)' }} formatter={(v) => formatNumber(Number(v))} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {series.map((s, i) => (
        <Bar key={i} dataKey={`s${i}`} name={s.name} fill={SERIES_COLORS[i % SERIES_COLORS.length]} isAnimationActive={false} />
      ))}
    </HorizontalBars>
  );
}
