import { UsageError } from './eval-args.parser';
import { parseSubmitArgs } from './submit-args.parser';

const parse = (...argv: string[]) => parseSubmitArgs(['mmlu', '--model', 'openai/gpt-4o', '--server', 'http://ci:8000', ...argv])!;

describe('parseSubmitArgs', () => {
  it('maps the run options eval shares onto the API\'s run body, leaving the rest to the server', () => {
    const args = parse('--limit', '20', '--epochs', '2', '--temperature', '0.5', '--timeout', '60', '--model-role', 'grader=openai/gpt-4.1', '--no-fail-on-error', '--tag', 'ci', '--tag', 'nightly');
    expect(args.run).toEqual({
      benchmark: 'mmlu',
      model: 'openai/gpt-4o',
      limit: 20,
      epochs: 2,
      epochs_reducer: undefined,
      max_connections: undefined,
      temperature: 0.5,
      top_p: undefined,
      max_tokens: undefined,
      seed: undefined,
      reasoning_effort: undefined,
      timeout: 60,
      grader_model: 'openai/gpt-4.1',
      fail_on_error: false,
      task_args: undefined,
      tags: ['ci', 'nightly'],
    });
    expect(args.apiUrl).toBe('http://ci:8000/api');
    expect(parseSubmitArgs(['mmlu', '--help'])).toBeNull();
  });

  it('sends -T key=value as the run\'s task_args, as studio eval passes them to the task', () => {
    expect(parse('-T', 'split=train', '-T', 'num_examples = 5').run.task_args).toEqual({ split: 'train', num_examples: '5' });
    expect(() => parse('-T', 'split')).toThrow('-T expects key=value, got "split"');
  });

  it('adds /api to the server URL only when missing', () => {
    expect(parse('--server', 'https://studio.example.com/base/api/').apiUrl).toBe('https://studio.example.com/base/api');
    expect(() => parse('--server', 'studio:8000')).toThrow('--server must be an http(s) URL');
  });

  it('reads the gates', () => {
    expect(parse('--min-score', '0.8')).toMatchObject({ minScore: 0.8, maxDrop: undefined });
    expect(parse('--max-drop', '0.02', '--baseline', 'abc').maxDrop).toEqual({ drop: 0.02, baseline: 'abc' });
    expect(() => parse('--max-drop', '0.02')).toThrow('--max-drop and --baseline go together');
    expect(() => parse('--max-drop=-1', '--baseline', 'abc')).toThrow('--max-drop must not be negative');
  });

  it('refuses what the API cannot take, and the eval-only flags', () => {
    expect(() => parseSubmitArgs(['mmlu', '--server', 'http://ci'])).toThrow('--model is required');
    expect(() => parseSubmitArgs(['mmlu', '--model', 'openai/gpt-4o'])).toThrow('--server is required');
    expect(() => parse('--limit', '5,10')).toThrow('use --limit N');
    expect(() => parse('--timeout', '1.5')).toThrow('--timeout must be whole seconds');
    expect(() => parse('--log-dir', 'x')).toThrow(UsageError);
    expect(() => parse('--model-role', 'judge=openai/x')).toThrow('only grader');
  });
});
