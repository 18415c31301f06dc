import { extractConfidenceScore, parseHleJudgeResponse } from './hle.scorer';

// Expected values are upstream's parse_judge_response / extract_confidence_score run on the same strings.
test('extractConfidenceScore: percentages, fractions of 1 and bare numbers, truncated and clamped', () => {
  expect(extractConfidenceScore('Answer: 101\nConfidence: 90%')).toBe(90);
  expect(extractConfidenceScore('Confidence: 85.7%')).toBe(85);
  expect(extractConfidenceScore('confidence: 150%')).toBe(100);
  // "Confidence: 0.5" has no %, so the bare-integer pattern takes its "0" first.
  expect(extractConfidenceScore('Confidence: 0.5')).toBe(0);
  expect(extractConfidenceScore('I am 0.29 confident')).toBe(28);
  expect(extractConfidenceScore('CONFIDENCE: 70')).toBe(100);
  expect(extractConfidenceScore('Answer: B')).toBe(100);
});

test('parseHleJudgeResponse: verdict, reasoning up to a blank line before "correct:", the judge confidence', () => {
  expect(parseHleJudgeResponse('reasoning: Same.\n\nCORRECT: Yes\nconfidence: 07')).toEqual({ correct: 'yes', reasoning: 'Same.', confidence: 7 });
  expect(parseHleJudgeResponse('Reasoning:  differs\n')).toEqual({ correct: 'no', reasoning: 'differs', confidence: 100 });
  expect(parseHleJudgeResponse('correct: maybe')).toEqual({ correct: 'no', reasoning: '', confidence: 100 });
});
