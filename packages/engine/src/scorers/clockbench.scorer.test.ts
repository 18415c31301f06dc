import { createClockbenchScorer } from './clockbench.scorer';

describe('openbench clockbench_scorer', () => {
  it("scores 0 with json.loads's error when the completion is not JSON (upstream's `except Exception`)", async () => {
    const score = await createClockbenchScorer().score({
      sample: { id: 'clock_x', input: 'q', target: '', metadata: { target: { time: { valid: true } } } },
      completion: 'not json',
      messages: [],
    });
    expect(score.value).toBe(0);
    expect(score.metadata).toEqual({ error: expect.stringMatching(/^Expecting value: /), sample_id: 'clock_x' });
  });
});
