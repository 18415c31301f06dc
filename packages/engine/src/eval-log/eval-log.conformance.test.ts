/**
 * Structural conformance with logs Inspect wrote itself: every key of the fixtures' members that
 * our writer is meant to produce must exist in our log with the same JSON type. Keys that are
 * data (model names, scorer names, hashes) are compared as maps; deliberate omissions are listed
 * below with the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { mmluFinish, mmluPlan, mmluRecord, mmluSpec } from '../../test/fixtures/inspect-logs/synthetic-runs';
import { parseInspectJson } from './eval-log.json';
import { writeEvalLog } from './eval-log.writer';

const FIXTURES = join(__dirname, '../../test/fixtures/inspect-logs');

/**
 * Paths our logs leave out on purpose (`[]` = any element, `{}` = any map value, `<kind>` = event
 * kind). `log` is header.json and _journal/start.json alike: the latter holds the header's first fields.
 */
const ALLOWED_OMISSIONS: Record<string, string> = {
  'log.eval.revision': 'Studio runs are not launched from a git checkout of the task, so there is no revision to record',
  'log.eval.task_file': 'Studio tasks are registry entries, not Python files',
  'sample.events<model>.call': 'SampleRecord keeps no raw provider request/response',
  'sample.events<state>': 'TaskState JSON patches are not recorded; messages and output are in the sample itself',
  'sample.events<step>': 'Inspect before 0.3.7x wrote step events; 0.3.141 writes span_begin/span_end, as we do',
  'sample.attachments{}': 'our writer inlines all content, so the attachments map is always empty',
};

/** Maps keyed by data (model, scorer, metric names, hashes) whose values share a schema: any value is compared with any. */
const MAP_PATHS = new Set([
  'log.eval.packages',
  'log.results.scores[].metrics',
  'log.stats.model_usage',
  'sample.scores',
  'sample.model_usage',
  'sample.attachments',
  'summary.scores',
  'summary.model_usage',
]);

/** Objects whose keys and values are both run data (task args, solver params, generation options, sample metadata): only their type is compared. */
const FREE_FORM_PATHS = new Set([
  'log.eval.task_args',
  'log.plan.steps[].params',
  'log.plan.config',
  'sample.metadata',
  'sample.events<sample_init>.sample.metadata',
  'sample.events<sample_init>.state.metadata',
  'sample.events<model>.config',
  'summary.metadata',
]);

/** Omissions some comparison actually needed; an entry never needed is stale and fails the last test. */
const usedOmissions = new Set<string>();

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function jsonType(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isObject(value: Json): value is { [key: string]: Json } {
  return jsonType(value) === 'object';
}

/** Lists every way `ours` departs from the shape of `theirs` at `path`. */
function shapeProblems(theirs: Json, ours: Json, path: string): string[] {
  if (jsonType(theirs) !== jsonType(ours)) return [`${path}: Inspect has ${jsonType(theirs)}, we have ${jsonType(ours)}`];
  if (Array.isArray(theirs)) return arrayProblems(theirs, ours as Json[], path);
  if (!isObject(theirs) || FREE_FORM_PATHS.has(path)) return [];
  const mine = ours as { [key: string]: Json };
  if (MAP_PATHS.has(path)) {
    const values = Object.values(theirs);
    if (values.length === 0) return [];
    const ourValues = Object.values(mine);
    if (ourValues.length === 0) return `${path}{}` in ALLOWED_OMISSIONS ? omitted(`${path}{}`) : [`${path}: Inspect has entries, ours is empty`];
    return shapeProblems(values[0]!, ourValues[0]!, `${path}{}`);
  }
  return Object.keys(theirs).flatMap((key) => {
    const at = `${path}.${key}`;
    if (at in ALLOWED_OMISSIONS && !(key in mine)) return omitted(at);
    return key in mine ? shapeProblems(theirs[key]!, mine[key]!, at) : [`${at}: missing`];
  });
}

function omitted(path: string): string[] {
  usedOmissions.add(path);
  return [];
}

/** Events are matched by kind (and span type), messages by role, anything else by position. */
function arrayProblems(theirs: Json[], ours: Json[], path: string): string[] {
  return theirs.flatMap((item, i) => {
    if (isObject(item) && typeof item.event === 'string') {
      const kind = item.event;
      const at = `${path}<${kind}>`;
      if (at in ALLOWED_OMISSIONS) return omitted(at);
      const match = ours.find((o) => isObject(o) && o.event === kind && o.type === item.type);
      return match === undefined ? [`${at}${item.type ? `(${String(item.type)})` : ''}: no such event`] : shapeProblems(item, match, at);
    }
    if (isObject(item) && typeof item.role === 'string') {
      const match = ours.find((o) => isObject(o) && o.role === item.role);
      return match === undefined ? [`${path}: no ${item.role} message`] : shapeProblems(item, match, `${path}[]`);
    }
    const match = ours[Math.min(i, ours.length - 1)];
    return match === undefined ? [`${path}: Inspect has items, ours is empty`] : shapeProblems(item, match, `${path}[]`);
  });
}

function members(bytes: Uint8Array): { names: string[]; compression: number[]; json: (name: string) => Json } {
  const names: string[] = [];
  const compression: number[] = [];
  unzipSync(bytes, {
    filter: (file) => {
      names.push(file.name);
      compression.push(file.compression);
      return false;
    },
  });
  const files = unzipSync(bytes);
  return { names, compression, json: (name) => parseInspectJson(strFromU8(files[name]!)) as Json };
}

/** Member names with the sample id, epoch and batch number abstracted, consecutive repeats collapsed. */
function layout(names: string[]): string[] {
  return names
    .map((n) => n.replace(/^samples\/.+_epoch_\d+\.json$/, 'samples/{id}_epoch_{epoch}.json').replace(/^_journal\/summaries\/\d+\.json$/, '_journal/summaries/{n}.json'))
    .filter((n, i, all) => n !== all[i - 1]);
}

const firstSample = (names: string[]): string => names.find((n) => n.startsWith('samples/'))!;

const FIXTURE_LOGS = [
  'mmlu-summary-choices.eval',
  '2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval',
  '2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval',
];

/** An Inspect log from the fixtures, and ours for the same 10 MMLU samples. */
function logPair(fixtureName: string) {
  const theirs = members(readFileSync(join(FIXTURES, fixtureName)));
  const records = Array.from({ length: 10 }, (_, i) => mmluRecord(i + 1));
  const ours = members(writeEvalLog({ spec: mmluSpec(10), plan: mmluPlan(), samples: records, ...mmluFinish(records) }));
  return { theirs, ours };
}

/** Every shape comparison the tests below make for one fixture: the JSON members present in it, with their path label. */
function memberPairs({ theirs, ours }: ReturnType<typeof logPair>): [member: string, label: string, theirs: Json, ours: Json][] {
  const pairs: [string, string, Json, Json][] = [];
  for (const [name, label] of [['header.json', 'log'], ['_journal/start.json', 'log'], ['reductions.json', 'reductions']] as const) {
    if (theirs.names.includes(name)) pairs.push([name, label, theirs.json(name), ours.json(name)]);
  }
  pairs.push(['the first sample', 'sample', theirs.json(firstSample(theirs.names)), ours.json(firstSample(ours.names))]);
  for (const name of ['summaries.json', '_journal/summaries/1.json']) pairs.push([name, 'summary', (theirs.json(name) as Json[])[0]!, (ours.json(name) as Json[])[0]!]);
  return pairs;
}

describe.each(FIXTURE_LOGS)('our log against %s', (fixtureName) => {
  const { theirs, ours } = logPair(fixtureName);

  it('has the same member layout, all deflated', () => {
    // That run wrote no reductions.json: its task had no scorer (results.scores is empty).
    const expected = layout(theirs.names);
    expect(layout(ours.names)).toEqual(
      expected.includes('reductions.json') ? expected : [...expected.slice(0, -1), 'reductions.json', 'header.json'],
    );
    expect(new Set([...theirs.compression, ...ours.compression])).toEqual(new Set([8]));
  });

  it.each(memberPairs({ theirs, ours }))('%s has every key with the same JSON type', (_member, label, theirJson, ourJson) => {
    expect(shapeProblems(theirJson, ourJson, label)).toEqual([]);
  });
});

describe('allowed omissions', () => {
  it('are all still needed by some fixture', () => {
    // Recomputed here, so the answer does not depend on which other tests of this file ran before.
    usedOmissions.clear();
    for (const name of FIXTURE_LOGS) for (const [, label, theirs, ours] of memberPairs(logPair(name))) shapeProblems(theirs, ours, label);
    expect(Object.keys(ALLOWED_OMISSIONS).filter((path) => !usedOmissions.has(path))).toEqual([]);
  });
});

describe('shapeProblems', () => {
  it('reports missing keys, type changes and missing event kinds', () => {
    const theirs: Json = { a: 1, b: { c: 'x' }, events: [{ event: 'score', score: {} }] };
    expect(shapeProblems(theirs, { a: '1', b: {}, events: [] }, 'sample')).toEqual([
      'sample.a: Inspect has number, we have string',
      'sample.b.c: missing',
      'sample.events<score>: no such event',
    ]);
  });
});
