import { hfFileUrl } from '@studio/datasets';
import type { ChatRequestBody } from '../../../test/fake-chat-model.server';
import { VISION_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { isSyntheticPng } from '../../../test/synthetic-png.helper';
import { hfParquetListingUrl } from '../shared/hf-parquet.source';
import { getTask } from '../registry';
import { CLOCKBENCH_REPO, CLOCKBENCH_SYSTEM, tryParseJson } from './clockbench.task';

/** Constructed rows in the columns openbench's make_clockbench_data.py writes, synthetic clock images (SOURCE.md). */
const FILES = {
  [hfParquetListingUrl(CLOCKBENCH_REPO, 'default', 'train')]: 'clockbench-train.tree.json',
  [hfFileUrl(CLOCKBENCH_REPO, 'default/train/0000.parquet', 'refs/convert/parquet')]: 'clockbench-train.parquet',
};

const TIME = (clock: string) =>
  `${clock}: What time does the clock show? Reply with JSON: {"valid": bool, "hours": int, "minutes": int, "seconds": int|null, "date": int|null, "month": int|null, "weekday": str|null}.`;
const SHIFT = 'Add 2 hours and 30 minutes to that time. Reply with JSON: {"valid": bool, "hours": int, "minutes": int, "seconds": int|null}.';
const ANGLE = 'Turn the minute hand 180 degrees clockwise. What time is it then? Same JSON.';
const ZONE = 'The clock shows New York time. What time is it in London? Same JSON.';

/** Per clock, the model's answers to the time, shift, angle and zone questions. */
const ANSWERS: Record<string, string[]> = {
  'Clock A': [
    '{"valid": true, "hours": 3, "minutes": 15, "seconds": null, "date": null, "month": null, "weekday": "monday"}',
    '```json\n{"valid": true, "hours": 5, "minutes": 45, "seconds": null}\n```',
    'Sure: {"valid": true, "hours": "3", "minutes": 45, "seconds": null,}',
    '{"valid": true, "hours": 9, "minutes": 15}',
  ],
  'Clock B': [
    '{"valid": true, "hours": 21, "minutes": 30, "seconds": 0, "date": null, "month": null, "weekday": null}',
    '{"valid": true, "hours": 0, "minutes": 0, "seconds": 0}',
    '{"valid": true, "hours": 9, "minutes": 1, "seconds": 0}',
    '{"valid": true, "hours": 14, "minutes": 30, "seconds": 0}',
  ],
  'Clock C': ['{"valid": false}', '{"valid": false, "hours": 1}', '{"valid": true, "hours": 1, "minutes": 0, "seconds": 0}', '{"valid": true}'],
  'Clock D': ['{"valid": true, "hours": 6, "minutes": 0, "seconds": 0, "date": 12, "month": 5, "weekday": null}', 'I cannot tell.', '{}', '{}'],
};

type Part = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
const firstQuestion = (body: ChatRequestBody): string => ((body.messages[1] as unknown as { content: Part[] }).content[0] as { text: string }).text;
const turn = (body: ChatRequestBody): number => body.messages.filter((m) => m.role === 'user').length - 1;

describe('clockbench (nmayorga7/clockbench train, constructed rows): four questions in one conversation', () => {
  const offline = offlineTaskRun(VISION_FIXTURES, FILES, (body) => ANSWERS[firstQuestion(body).split(':')[0]][turn(body)]);

  it('asks time (with the image), shift, angle and zone in turn, scores each answer and reports the detailed metrics', async () => {
    const task = getTask('clockbench');
    expect(task.config).toEqual({});
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');

    const bodies = offline.server.bodies();
    expect(bodies).toHaveLength(16);
    // The zone question of clock A: the whole conversation so far, the image only in the first question (stripped).
    const zoneA = bodies.find((b) => firstQuestion(b).startsWith('Clock A') && turn(b) === 3)!;
    const [system, first, ...rest] = zoneA.messages as unknown as { role: string; content: string | Part[] }[];
    expect(system).toEqual({ role: 'system', content: CLOCKBENCH_SYSTEM });
    const parts = first.content as Part[];
    expect(parts[0]).toEqual({ type: 'text', text: TIME('Clock A') });
    expect(isSyntheticPng((parts[1] as Extract<Part, { type: 'image_url' }>).image_url.url.replace(/^data:image\/png;base64,/, ''), [6, 6, 31])).toBe(true);
    expect(rest).toEqual([
      { role: 'assistant', content: ANSWERS['Clock A'][0] },
      { role: 'user', content: SHIFT },
      { role: 'assistant', content: ANSWERS['Clock A'][1] },
      { role: 'user', content: ANGLE },
      { role: 'assistant', content: ANSWERS['Clock A'][2] },
      { role: 'user', content: ZONE },
    ]);

    expect(records.map((r) => [r.sample_id, r.scores.clockbench_scorer.value])).toEqual([
      ['clock_001', 0.75],
      ['clock_24hour_002', 0.5],
      ['clock_003', 0.5],
      ['clock_004', 0],
    ]);
    // The answers as parsed (fenced, trailing comma) or as text, dumped as json.dumps(indent=2) does.
    expect(JSON.parse(records[0].output!.completion)).toEqual({
      time: { valid: true, hours: 3, minutes: 15, seconds: null, date: null, month: null, weekday: 'monday' },
      shift: { valid: true, hours: 5, minutes: 45, seconds: null },
      angle: { valid: true, hours: '3', minutes: 45, seconds: null },
      zone: { valid: true, hours: 9, minutes: 15 },
    });
    expect(records[3].output!.completion).toContain('\n  "shift": "I cannot tell.",\n');
    expect(records[0].messages).toHaveLength(9);
    const a = records[0].scores.clockbench_scorer.metadata!;
    expect(a).toMatchObject({ sample_id: 'clock_001', time: 1, shift: 1, angle: 1, zone: 0 });
    expect((a.detailed_results as Record<string, { details: unknown }>).zone.details).toEqual({
      valid: [true, true],
      hours: [8, 9, false],
      minutes: [15, 15, true],
      seconds: [null, null, true],
    });
    expect((records[2].scores.clockbench_scorer.metadata!.detailed_results as Record<string, { details: unknown }>).angle.details).toEqual({
      valid: [false, true],
      reason: 'validity_mismatch',
    });
    expect(records[3].scores.clockbench_scorer.metadata).toEqual({ error: "'str' object has no attribute 'get'", sample_id: 'clock_004' });

    const metrics = Object.fromEntries(Object.entries(result.results[0].metrics).map(([k, v]) => [k, v.value]));
    expect(metrics).toEqual({
      accuracy: 0.4375,
      stderr: 0.15728821740147395,
      // clock_004's scoring error leaves it out of the detailed metrics: clocks A, B and C.
      time_reading_accuracy: 0.6667,
      shift_accuracy: 0.6667,
      angle_accuracy: 0.6667,
      zone_accuracy: 0.3333,
      predicted_invalid_time_percent: 33.33,
      // Clock B (a "24hour" key): 21:30 read for 09:30 is 12 hours off on a 24-hour dial (0 on a 12-hour one).
      average_time_error_seconds: 43200,
      median_time_error_seconds: 43200,
      readable_clocks_accuracy: 0.5,
      broken_clocks_accuracy: 1,
      correct_valid_time: 1,
      conditional_shift_accuracy: 1,
      conditional_angle_accuracy: 1,
      conditional_zone_accuracy: 0,
      predicted_incorrect_time: 1,
      // Clock A's minutes are alternatives (a dict): left out of the time error.
      excluded_multiple_answers: 1,
      skipped_incomplete_data: 0,
    });
  });

  it('tryParseJson: the whole reply, a fenced object, a flat object without trailing commas, else null', () => {
    expect(tryParseJson(' [1, 2] ')).toEqual([1, 2]);
    expect(tryParseJson('```\n{"a": {"b": 1}}\n```')).toEqual({ a: { b: 1 } });
    expect(tryParseJson('x {"a": [1,], "b": 2,} y')).toEqual({ a: [1], b: 2 });
    // JSON null parses, and the solver then keeps the reply's text.
    expect(tryParseJson('null')).toBeNull();
    expect(tryParseJson('x {"b": 2 ,} y')).toEqual({ b: 2 });
    expect(tryParseJson('')).toBeNull();
    expect(tryParseJson('none here')).toBeNull();
  });
});
