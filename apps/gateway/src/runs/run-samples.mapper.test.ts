import { readEvalLog, storableRecord, writeEvalLog, type SampleRecord } from '@studio/engine';
import { mmluFinish, mmluPlan, mmluRecord, mmluSpec } from '../../../../packages/engine/test/fixtures/inspect-logs/synthetic-runs';
import { toRunSample } from './run-samples.mapper';

test('a stored sample with images reads as its text with an (Image) placeholder per image', () => {
  const user = {
    role: 'user' as const,
    content: [
      { type: 'text' as const, text: 'Which tile is larger?' },
      { type: 'image' as const, image: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'image' as const, image: 'data:image/png;base64,iVBORw0KGgp=' },
    ],
  };
  const record: SampleRecord = { ...mmluRecord(1), input: [user], messages: [user, { role: 'assistant', content: 'ANSWER: A' }] };
  const stored = storableRecord(record);
  const log = readEvalLog(writeEvalLog({ spec: mmluSpec(1), plan: mmluPlan(), samples: [stored], ...mmluFinish([stored]) }));
  expect(toRunSample(log.samples![0], 1).input).toBe('Which tile is larger?\n(Image)\n(Image)');
});
