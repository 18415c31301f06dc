/** `studio list` and `studio describe`: the benchmark catalog, marked with what this engine can run. */
import { catalogView, evalGroupView, getBenchmark, getEvalGroup, getTask, hasTask, listBenchmarks, listEvalGroups, runnableTaskNames, type EvalGroupView } from '@studio/engine';
import { parseArgs } from 'node:util';
import { UsageError } from './eval-args.parser';

export const LIST_USAGE = `Usage: studio list [--all] [--alpha] [--runnable] [--search TEXT] [--groups]

Lists openbench benchmarks; "yes" in the runnable column means studio eval can run it.
  --groups     list openbench's eval groups instead (studio eval <group> runs every member, then the group summary)
  --all        include subtasks (per-language, per-subject keys)
  --alpha      include alpha benchmarks
  --runnable   only benchmarks this engine can run
  --search T   names, display names or descriptions containing T`;

export const DESCRIBE_USAGE = 'Usage: studio describe <benchmark|group>';

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

export function listCommand(argv: readonly string[]): string {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        all: { type: 'boolean', short: 'a' },
        alpha: { type: 'boolean' },
        runnable: { type: 'boolean' },
        search: { type: 'string', short: 's' },
        groups: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return LIST_USAGE;
  const needle = values.search?.toLowerCase();
  if (values.groups) return listGroups(Boolean(values.runnable), needle);
  const entries = catalogView(new Set(runnableTaskNames()), { includeSubtasks: values.all, includeAlpha: values.alpha })
    .filter((meta) => !values.runnable || meta.runnable)
    .filter((meta) => !needle || [meta.name, meta.display_name, meta.description].some((text) => text.toLowerCase().includes(needle)));
  const rows = entries.map((meta) => [meta.name, meta.display_name, meta.category, meta.runnable ? 'yes' : '-', meta.description_short]);
  const runnable = entries.filter((meta) => meta.runnable).length;
  return `${table([['benchmark', 'name', 'category', 'runnable', 'description'], ...rows])}\n\nTotal: ${entries.length} benchmarks, ${runnable} runnable`;
}

/** The eval groups, each runnable ("yes") or with how many of its members can run. */
function listGroups(runnableOnly: boolean, needle: string | undefined): string {
  const runnable = new Set(runnableTaskNames());
  const groups = listEvalGroups()
    .map((group) => evalGroupView(group, runnable))
    .filter((view) => !runnableOnly || view.runnable)
    .filter((view) => !needle || [view.name, view.display_name, view.description].some((text) => text.toLowerCase().includes(needle)));
  const rows = groups.map((g) => [g.name, g.display_name, String(g.members.length), g.runnable ? 'yes' : `${g.runnable_members}/${g.members.length}`, g.description]);
  const ready = groups.filter((g) => g.runnable).length;
  return `${table([['group', 'name', 'members', 'runnable', 'description'], ...rows])}\n\nTotal: ${groups.length} groups, ${ready} runnable`;
}

/** Catalog names close to `name`, for a "did you mean". */
function suggestions(name: string): string[] {
  const key = name.toLowerCase().replace(/-/g, '_');
  return listBenchmarks({ includeSubtasks: true, includeAlpha: true })
    .map((meta) => meta.name)
    .filter((candidate) => {
      const other = candidate.toLowerCase().replace(/-/g, '_');
      return other.includes(key) || key.includes(other);
    })
    .slice(0, 8);
}

export function describeCommand(argv: readonly string[]): string {
  if (argv.length !== 1 || argv[0] === '--help' || argv[0] === '-h') {
    if (argv.length === 1) return DESCRIBE_USAGE;
    throw new UsageError(DESCRIBE_USAGE);
  }
  const asGroup = argv[0].startsWith('group:');
  const meta = asGroup ? undefined : getBenchmark(argv[0]);
  const groupEntry = getEvalGroup(asGroup ? argv[0].slice('group:'.length) : argv[0]);
  const group = groupEntry && evalGroupView(groupEntry, new Set(runnableTaskNames()));
  if (!meta && group) return describeGroup(group);
  if (!meta) {
    const close = suggestions(argv[0]);
    throw new UsageError(`Unknown benchmark "${argv[0]}"${close.length ? `. Did you mean: ${close.join(', ')}?` : ''}`);
  }
  const lines = [
    `${meta.display_name} (${meta.name})`,
    '',
    meta.description,
    '',
    `category      ${meta.category}${meta.subtask ? ' (subtask)' : ''}${meta.alpha ? ' (alpha)' : ''}`,
    `tags          ${meta.tags.join(', ')}`,
    `dataset       ${meta.dataset.source}${meta.dataset.subset ? ` [${meta.dataset.subset}]` : ''}${meta.dataset.split ? ` split ${meta.dataset.split}` : ''}`,
    `samples       ${meta.sample_count ?? 'unknown'}`,
    `scorer        ${meta.scorer}`,
  ];
  if (meta.requirements.grader_model) lines.push(`grader        ${meta.requirements.grader_model} (override: --model-role grader=... or -T grader_model=...)`);
  if (hasTask(meta.name)) {
    const task = getTask(meta.name);
    const config = Object.entries(task.config).map(([key, value]) => `${key}=${value}`).join(', ');
    // `studio eval <key>` runs a runnable group of the same key, as `bench eval` does.
    lines.push(
      group?.runnable
        ? `runnable      yes, on a Studio server (studio submit ${meta.name}); studio eval ${meta.name} runs the eval group ${group.display_name} (studio describe group:${group.name})`
        : `runnable      yes: studio eval ${meta.name} --model provider/model`,
    );
    lines.push(`config        ${config || '(provider defaults)'}`);
    lines.push(`epochs        ${task.epochs ?? 1}${task.reducers ? ` (${task.reducers.join(', ')})` : ''}`);
    lines.push(`metrics       ${task.metrics.map((metric) => metric.name).join(', ')}`);
  } else {
    lines.push('runnable      no (this engine has no task for it)');
  }
  return lines.join('\n');
}

/** An eval group: its members, each runnable or with its reason, and how to run it. */
function describeGroup(group: EvalGroupView): string {
  const width = Math.max(...group.members.map((m) => m.name.length));
  return [
    `${group.display_name} (eval group ${group.name})`,
    '',
    group.description,
    '',
    group.runnable
      ? `runnable      yes: studio eval ${group.name} --model provider/model (each member, then the group summary)`
      : `runnable      no: ${group.reason}`,
    `members       ${group.members.length}`,
    ...group.members.map((m) => `  ${m.name.padEnd(width)}  ${m.runnable ? 'runnable' : m.reason}`),
  ].join('\n');
}
