/**
 * scicode on two synthetic problems in SciCode1/SciCode's schema (fixtures/tasks/code/SOURCE.md), with their targets
 * in a small test data file laid out as SciCode's test_data.h5: the fake model answers each step, right or wrong, and
 * every tested step runs with numpy, scipy and h5py in the sandbox. Needs Debian's python3-numpy, python3-scipy,
 * python3-sympy and python3-h5py (infra/scripts/setup.sh).
 */
import { hfFileUrl } from '@studio/datasets';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastUserText } from '../../../test/fake-chat-model.server';
import { CODE_FIXTURES } from '../../../test/offline-cache.helper';
import { offlineTaskRun } from '../../../test/offline-task-run.helper';
import { openScicodeTestData } from '../../scoring-services';
import { getTask } from '../registry';
import { BACKGROUND_TEMPLATE, MULTISTEP_TEMPLATE, REFERENCE_STEP_CODE } from './scicode/scicode-upstream.data';

const URL = hfFileUrl('SciCode1/SciCode', 'default/test/0000.parquet', 'refs/convert/parquet');
const H5 = join(CODE_FIXTURES, 'scicode-test-data.h5');

/** The model's answer to each step, by the function the prompt's next step asks for. */
const ANSWERS: Record<string, string> = {
  // Right, in a python block whose import line is dropped.
  'def add(': 'Sure.\n```python\nimport numpy as np\ndef add(a, b):\n    total = a + b\n    return total\n```\nDone.',
  'def scale(': '```python\ndef scale(x, k):\n    return x * k, k\n```',
  // Wrong: off by one.
  'def report(': "```python\ndef report(a, b, k):\n    return {'sum': add(a, b) * k + 1}\n```",
  // Right, bare code; right, in a plain block, calling the previous step.
  'def square(': 'def square(x):\n    return x ** 2\n',
  'def cube(': '```\ndef cube(x):\n    return x * square(x)\n```',
};

function answer(prompt: string): string {
  // Both templates head the next step with `NEXT STEP - PROBLEM …` and follow it with the dependencies.
  const nextStep = prompt.split('NEXT STEP - PROBLEM')[1]!.split('DEPENDENCIES:')[0]!;
  const key = Object.keys(ANSWERS).find((header) => nextStep.includes(header));
  if (key === undefined) throw new Error(`no answer for ${nextStep}`);
  return ANSWERS[key]!;
}

const ADD = '\ndef add(a, b):\n    total = a + b\n    return total\n';
const SCALE = '\ndef scale(x, k):\n    return x * k, k\n';
const REPORT = "\ndef report(a, b, k):\n    return {'sum': add(a, b) * k + 1}\n";
const GENERATE_DNA = REFERENCE_STEP_CODE['76.3']!.generate_dna!;

describe('scicode (synthetic problems 76 and 900), steps run in the sandbox against the test data file', () => {
  const offline = offlineTaskRun(CODE_FIXTURES, { [URL]: 'scicode-test.parquet' }, (body) => answer(lastUserText(body)));
  const services = () => ({ scicode_test_data: openScicodeTestData(H5) });

  it('prompts each step with the code of the earlier ones, SciCode’s own for step 76.3, and counts steps and problems', async () => {
    const { result, records } = await offline.run(getTask('scicode'), services());
    expect(result.status).toBe('success');

    const prompts = offline.server.bodies().map((body) => lastUserText(body));
    // 76.3 is not asked for: its code comes from SciCode's eval/data/76.3.txt.
    expect(prompts).toHaveLength(5);
    const reportPrompt = prompts.find((p) => p.includes('def report('))!;
    expect(reportPrompt).toBe(
      MULTISTEP_TEMPLATE.replace(
        '{problem_steps_str}',
        ['Add two numbers.', ADD, '------', 'Scale an array by k, and also return k.', SCALE, '------', 'Generate a DNA sequence (SciCode\'s own code is used for this step).', GENERATE_DNA].join('\n\n'),
      )
        .replace('{next_step_str}', "Report the scaled sum by name.\n\ndef report(a, b, k):\n    '''Returns {'sum': (a + b) * k}.'''\n\n    return result")
        .replace('{dependencies}', 'import numpy as np'),
    );
    expect(GENERATE_DNA.startsWith('def generate_dna(N: int, PWM: dict) -> tuple:')).toBe(true);
    const firstPrompt = prompts.find((p) => p.includes('def add('))!;
    expect(firstPrompt).toBe(
      MULTISTEP_TEMPLATE.replace('{problem_steps_str}', '')
        .replace('{next_step_str}', "Add two numbers.\n\ndef add(a, b):\n    '''Returns a + b.'''\n\n    return total")
        .replace('{dependencies}', 'import numpy as np'),
    );

    const byId = Object.fromEntries(records.map((r) => [r.sample_id, r]));
    expect(byId['76']!.scores.scicode_scorer).toEqual({
      value: { 'Problem Correctness': 0, 'Total Correct': 2, 'Total Steps': 4 },
      metadata: { steps: { '76.1': 'pass', '76.2': 'pass', '76.4': 'fail' }, sandbox: 'bwrap' },
    });
    expect(byId['900']!.scores.scicode_scorer).toEqual({
      value: { 'Problem Correctness': 1, 'Total Correct': 2, 'Total Steps': 2 },
      metadata: { steps: { '900.1': 'pass', '900.2': 'pass' }, sandbox: 'bwrap' },
    });
    expect((byId['76']!.metadata as Record<string, Record<string, string>>).scicode_step_code!['76.4']).toBe(
      `import numpy as np\n${[ADD, SCALE, GENERATE_DNA].join('\n')}\n\n${REPORT}`,
    );
    expect(byId['76']!.messages).toEqual([{ role: 'user', content: reportPrompt }]);
    expect(byId['76']!.output?.completion).toBe('');

    const metrics = result.results[0]!.metrics;
    expect(metrics['Problem Correctness']!.value).toBe(0.5);
    expect(metrics.sub_problem_correctness!.value).toBe(4 / 6);
  });

  it('adds each step’s background with with_background=true, in SciCode’s background template', async () => {
    const before = offline.server.bodies().length;
    const { result } = await offline.run(getTask('scicode', { args: { with_background: 'true' } }), services());
    expect(result.status).toBe('success');
    expect(result.results[0]!.metrics.sub_problem_correctness!.value).toBe(4 / 6);
    const prompts = offline.server.bodies().slice(before).map((body) => lastUserText(body));
    expect(prompts.find((p) => p.includes('def add('))).toBe(
      BACKGROUND_TEMPLATE.replace('{problem_steps_str}', '')
        .replace('{next_step_str}', "Add two numbers.\nBackground: addition.\n\ndef add(a, b):\n    '''Returns a + b.'''\n\n    return total")
        .replace('{dependencies}', 'import numpy as np'),
    );
  });

  it('answers with the ground truth in mode=gold, without any model call (problem 76 has none: its steps fail)', async () => {
    const before = offline.server.bodies().length;
    const { result, records } = await offline.run(getTask('scicode', { args: { mode: 'gold' } }), services());
    expect(result.status).toBe('success');
    expect(offline.server.bodies()).toHaveLength(before);
    const byId = Object.fromEntries(records.map((r) => [r.sample_id, r]));
    expect(byId['900']!.scores.scicode_scorer!.value).toEqual({ 'Problem Correctness': 1, 'Total Correct': 2, 'Total Steps': 2 });
    expect(byId['76']!.scores.scicode_scorer!.value).toEqual({ 'Problem Correctness': 0, 'Total Correct': 0, 'Total Steps': 4 });
    expect(result.results[0]!.metrics.sub_problem_correctness!.value).toBe(2 / 6);
  });

  it('refuses host paths as task arguments, and a test data file that is not HDF5', () => {
    expect(() => getTask('scicode', { args: { h5py_file: '/tmp/x.h5' } })).toThrow('scicode: h5py_file is not accepted as a task argument; the operator sets the test data with SCICODE_H5_PATH');
    const parquet = join(CODE_FIXTURES, 'scicode-test.parquet');
    expect(() => openScicodeTestData(parquet)).toThrow(`SciCode's test data (test_data.h5) could not be opened at ${parquet} (SCICODE_H5_PATH): not an HDF5 file`);
    expect(readFileSync(H5).subarray(0, 4).toString('latin1')).toBe('\x89HDF');
  });
});
