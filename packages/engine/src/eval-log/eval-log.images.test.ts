/**
 * Images in logs: the writer stores each base64 image once in the sample's attachments (Inspect's
 * `condense_sample`) and readers resolve them back; a stored row keeps its images as Inspect's
 * `<base64-data-removed>`, so a log built from rows is Inspect's `--no-log-images` log; summaries show `(Image)`.
 */
import { strFromU8, unzipSync } from 'fflate';
import { mmluFinish, mmluPlan, mmluRecord, mmluSpec } from '../../test/fixtures/inspect-logs/synthetic-runs';
import { IMAGE_DATA_REMOVED, storableRecord } from '../session/stored-record';
import type { SampleRecord } from '../types';
import { readEvalLog } from './eval-log.reader';
import { writeEvalLog } from './eval-log.writer';

const IMAGE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function imageRecord(): SampleRecord {
  const record = mmluRecord(1);
  const user = { role: 'user' as const, content: [{ type: 'text' as const, text: 'What is shown?' }, { type: 'image' as const, image: IMAGE }] };
  return { ...record, input: [user], messages: [user, { role: 'assistant', content: 'ANSWER: A' }] };
}

function logOf(records: SampleRecord[]): Uint8Array {
  return writeEvalLog({ spec: mmluSpec(records.length), plan: mmluPlan(), samples: records, ...mmluFinish(records) });
}

it('writes each image once as an attachment, referenced from input, messages and events, and resolves it on reading', () => {
  const bytes = logOf([imageRecord()]);
  const members = unzipSync(bytes);
  const sampleJson = strFromU8(members['samples/1_epoch_1.json']);
  expect(sampleJson.split(IMAGE)).toHaveLength(2);
  const raw = readEvalLog(bytes, { resolveAttachments: false }).samples![0];
  const [hash] = Object.keys(raw.attachments);
  expect(raw.attachments).toEqual({ [hash]: IMAGE });
  const reference = `attachment://${hash}`;
  expect(raw.input).toEqual([expect.objectContaining({ role: 'user', content: [{ type: 'text', text: 'What is shown?' }, { type: 'image', image: reference, detail: 'auto' }] })]);
  expect(JSON.stringify(raw.events).split(reference).length).toBeGreaterThan(1);

  const resolved = readEvalLog(bytes).samples![0];
  expect(resolved.messages[0].content).toEqual([{ type: 'text', text: 'What is shown?' }, { type: 'image', image: IMAGE, detail: 'auto' }]);

  const summaries = JSON.parse(strFromU8(members['summaries.json'])) as { input: { content: unknown }[] }[];
  expect(summaries[0].input[0].content).toEqual([{ type: 'text', text: 'What is shown?' }, { type: 'text', text: '(Image)' }]);
});

it('a stored row keeps no image data, and its log reads as an Inspect log without images', () => {
  const record = imageRecord();
  const stored = storableRecord(record);
  expect(JSON.stringify(stored)).not.toContain('base64,');
  expect(stored.messages[0].content).toEqual([{ type: 'text', text: 'What is shown?' }, { type: 'image', image: IMAGE_DATA_REMOVED }]);
  // The record the runner holds is left as it was (the writer and scorers still see the image).
  expect(JSON.stringify(record)).toContain(IMAGE);
  const sample = readEvalLog(logOf([stored])).samples![0];
  expect(sample.attachments).toEqual({});
  expect(sample.messages[0].content).toEqual([{ type: 'text', text: 'What is shown?' }, { type: 'image', image: '<base64-data-removed>', detail: 'auto' }]);
  // A text-only record is stored as it is, without a copy.
  const text = mmluRecord(2);
  expect(storableRecord(text)).toBe(text);
});
