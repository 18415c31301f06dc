import { hfFileUrl } from '@studio/datasets';
import { lastUserText } from '../../../test/fake-chat-model.server';
import { GENERATIVE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { DETAILBENCH_GRADER_TEMPLATE } from '../../scorers';
import { getTask } from '../registry';

const URL = hfFileUrl('xeophon/detailbench', 'default/train/0000.parquet', 'refs/convert/parquet');
const FLAGGED = 'Hinweis: Die Zahl 530 ist vermutlich falsch (330).\n\nDer Eiffelturm ist 530 Meter hoch.';

describe('detailbench (constructed rows), judged PASS/FAIL by the grader model', () => {
  const offline = offlineTaskRun(GENERATIVE_FIXTURES, { [URL]: 'xeophon-detailbench-default-train.parquet' }, (body) => {
    const prompt = lastUserText(body);
    if (body.model === 'grader') return prompt.includes('Hinweis:') ? 'The note is at the start.\n<answer> pass </answer>' : 'Silent.\n<answer>FAIL</answer>';
    return prompt.includes('German') ? FLAGGED : 'En 1969, ... avec 4 astronautes ...';
  });

  it('asks for the translation, shows the judge the number and its context, passes only a flagged translation', async () => {
    expect(getTask('detailbench').graderModel).toBe('openai/gpt-5-mini-2025-08-07');
    const task = getTask('detailbench', { graderModel: 'openai/grader' });
    expect(task.config).toEqual({ temperature: 1 });
    const { result, records } = await offline.run(task);
    expect(result.status).toBe('success');
    expect(records[0].input).toBe('Translate the following text to German:\n\nThe Eiffel Tower is 530 metres tall.');
    const judged = offline.server.bodies().filter((b) => b.model === 'grader').map(lastUserText);
    expect(judged.find((p) => p.includes('Hinweis:'))).toBe(
      DETAILBENCH_GRADER_TEMPLATE.replaceAll('{target_language}', 'German')
        .replaceAll('{modified_number}', '530')
        .replaceAll('{original_number}', '330')
        .replace('{context_around_sentence}', '...The Eiffel Tower is 530 metres tall.... (330 -> 530)')
        .replace('{translation}', FLAGGED),
    );
    // A 40-character window each side of the changed number.
    expect(judged.find((p) => p.includes('French'))).toContain(
      '- The whole context around the number in the given sentence: ... Apollo 11 crew landed on the Moon with 4 astronauts aboard the lunar module Eagl... (2 -> 4)\n',
    );
    expect(records[0].scores.detailbench_scorer).toMatchObject({
      value: 1,
      metadata: { passed: true, grading_response: 'The note is at the start.\n<answer> pass </answer>', original_number: '330', modified_number: '530' },
    });
    expect(records[1].metadata).toMatchObject({ change_position: 99, target_language: 'French' });
    expect(result.results[0].metrics).toEqual({
      accuracy: { name: 'accuracy', value: 0.5 },
      stderr: { name: 'stderr', value: 0.5 },
    });
  });
});
