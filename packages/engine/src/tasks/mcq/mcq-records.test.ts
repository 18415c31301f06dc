/** Record → sample conversions on the edge cases the real fixtures do not reach. Expected values follow upstream's Python. */
import { agievalSample } from './agieval.task';
import { arcSample } from './arc.task';
import { bbqSample } from './bbq.task';
import { blimpSample } from './blimp.task';
import { ethicsStandardSample } from './ethics.task';
import { gpqaDiamondSample } from './gpqa-diamond.task';
import { hellaswagPreprocess, hellaswagSample, pyCapitalize } from './hellaswag.task';
import { mathQaSample, parseMathqaOptions } from './math-qa.task';
import { medqaSample } from './medqa.task';
import { mmluReduxSample } from './mmlu-redux.task';
import { mmluSample } from './mmlu.task';
import { piqaSample } from './piqa.task';
import { pubmedqaSample } from './pubmedqa.task';
import { socialIqaSample } from './social-iqa.task';
import { swagSample } from './swag.task';
import { truthfulqaSample } from './truthfulqa.task';
import { winograndeSample } from './winogrande.task';

const gpqaRecord = {
  Question: 'Q',
  'Correct Answer': 'right',
  'Incorrect Answer 1': 'wrong 1',
  'Incorrect Answer 2': 'wrong 2',
  'Incorrect Answer 3': 'wrong 3',
};

test('GPQA Diamond: every record gets the random.seed(0) order [Incorrect 2, Correct, Incorrect 1, Incorrect 3]', () => {
  const sample = gpqaDiamondSample(gpqaRecord);
  expect(sample.input.endsWith('\n\nQ\n\nA) wrong 2\nB) right\nC) wrong 1\nD) wrong 3')).toBe(true);
  expect(sample.target).toBe('B');
});

test('GPQA Diamond: an incorrect answer equal to the correct one makes the first occurrence the target', () => {
  expect(gpqaDiamondSample({ ...gpqaRecord, 'Incorrect Answer 2': 'right' }).target).toBe('A');
});

test('ARC: numeric labels map to letters, a missing option is empty, a fifth option is not shown', () => {
  const numeric = arcSample({ question: 'Q', choices: { text: ['w', 'x', 'y'], label: ['1', '2', '3'] }, answerKey: '3' });
  expect(numeric.input.endsWith('A) w\nB) x\nC) y\nD) ')).toBe(true);
  expect(numeric.target).toBe('C');
  const texts = ['one', 'two', 'three', 'four', 'five'];
  const five = arcSample({ question: 'Q', choices: { text: texts, label: ['A', 'B', 'C', 'D', 'E'] }, answerKey: 'E' });
  expect(five.input.endsWith('A) one\nB) two\nC) three\nD) four')).toBe(true);
  expect(five.target).toBe('E');
});

test('ARC: metadata keeps the first 100 code points of the question', () => {
  const question = `${'😀'.repeat(99)}ab`;
  const { metadata } = arcSample({ question, choices: { text: [], label: [] }, answerKey: 'A' });
  expect(metadata).toEqual({ question: `${'😀'.repeat(99)}a` });
});

test('str.capitalize: first character title-cased, the rest lower-cased', () => {
  expect(pyCapitalize('tHE Woman')).toBe('The woman');
  expect(pyCapitalize('ßtraße')).toBe('Sstraße');
  expect(pyCapitalize('ǆungla')).toBe('ǅungla');
  expect(pyCapitalize('')).toBe('');
});

test('HellaSwag preprocessing: " [title]" becomes ". ", other brackets go, one pass of double-space removal, strip', () => {
  expect(hellaswagPreprocess(' Go [title] Stop [step] now.   Done [x\ny] ')).toBe('Go. Stop now.  Done [x\ny]');
});

test('HellaSwag: the unlabelled test split gets target A', () => {
  const record = { activity_label: 'L', ctx_a: 'a', ctx_b: 'B', endings: ['x', 'y'], label: '' };
  expect(hellaswagSample(record).target).toBe('A');
  expect(hellaswagSample(record).metadata).toEqual({ activity_label: 'L', split_type: 'unknown', source: 'unknown' });
});

test('WinoGrande: exactly one blank is required; the unlabelled test split gets A', () => {
  expect(() => winograndeSample({ sentence: 'a _ b _ c', option1: 'x', option2: 'y', answer: '1' })).toThrow(
    "Expected exactly one '_' in sentence: a _ b _ c",
  );
  expect(winograndeSample({ sentence: 'a _ b', option1: 'x', option2: 'y', answer: '' }).target).toBe('A');
});

test('PIQA: the unlabelled test split (-1) gets A', () => {
  expect(piqaSample({ goal: 'g', sol1: 'x', sol2: 'y', label: -1 }).target).toBe('A');
});

test('TruthfulQA: the target is the first label 1, and a record without one is an error', () => {
  expect(truthfulqaSample({ question: 'Q', mc1_targets: { choices: ['a', 'b', 'c'], labels: [0, 1, 1] } }).target).toBe('B');
  expect(() => truthfulqaSample({ question: 'Q', mc1_targets: { choices: ['a'], labels: [0] } })).toThrow('no 1');
});

test('Social IQa: alternative answer fields, integer labels and a missing context', () => {
  const sample = socialIqaSample({ question: 'Q', answer1: 'x', answer2: 'y', answer3: 'z', label: 3 });
  expect(sample.input.endsWith(':\n\nQ\n\nA) x\nB) y\nC) z')).toBe(true);
  expect(sample.target).toBe('C');
  expect(socialIqaSample({ question: 'Q', answers: ['x', 'y'], correct: '1' }).target).toBe('A');
});

test('PubMedQA: the decision is lower-cased before mapping; anything but yes/no/maybe is an error', () => {
  const record = { pubid: 1, question: 'Q', context: { contexts: ['c1', 'c2'] }, final_decision: 'Maybe' };
  expect(pubmedqaSample(record).target).toBe('C');
  expect(pubmedqaSample(record).input).toContain('\n\nc1\n\nc2\n\nQuestion: Q\n\nA) yes\nB) no\nC) maybe');
  expect(() => pubmedqaSample({ ...record, final_decision: 'unsure' })).toThrow('Unexpected answer: unsure');
});

test('MedQA: options are taken in sorted key order and the answer letter upper-cased', () => {
  const sample = medqaSample({ question: 'Q', options: { D: 'd', B: 'b', A: 'a', C: 'c' }, answer_idx: 'c' });
  expect(sample.input.endsWith('A) a\nB) b\nC) c\nD) d')).toBe(true);
  expect(sample.target).toBe('C');
  expect(sample.metadata).toEqual({ question_id: 'unknown' });
});

test('MMLU: a subject outside SUBJECT_TO_CATEGORY is an error (upstream raises KeyError)', () => {
  const record = { Question: 'Q', A: 'a', B: 'b', C: 'c', D: 'd', Answer: 'A', Subject: 'toString' };
  expect(() => mmluSample(record)).toThrow('unknown MMLU subject "toString"');
});

// Python: [m.strip() for m in re.findall(pattern, text, re.IGNORECASE)] with parse_mathqa_options' pattern.
test.each([
  ['a ) 24 , b ) 120 , c ) 625 , d ) 720 , e ) 1024', ['24', '120', '625', '720', '1024']],
  ['a ) rs . 1 , 200 , b ) rs . 3 , c ) none', ['rs . 3', 'none']],
  ['A)1/2,B)3/4 , C ) 5 , d ) 6\n', ['1/2', '3/4', '5', '6']],
  ['just text', []],
])('MathQA: options %j parse as upstream', (text, expected) => {
  expect(parseMathqaOptions(text)).toEqual(expected);
});

test('MathQA: under two parsed options the string is split on commas; the target is stripped and upper-cased', () => {
  const sample = mathQaSample({ Problem: 'P', options: 'x , y', correct: ' b ' });
  expect(sample.input.endsWith('\n\nP\n\nA) x\nB) y')).toBe(true);
  expect(sample.target).toBe('B');
});

test('SWAG: an unlabelled record (label -1) is scored against A', () => {
  const record = { sent1: 'S1', sent2: 'S2', ending0: 'e0', ending1: 'e1', ending2: 'e2', ending3: 'e3', label: -1 };
  expect(swagSample(record).target).toBe('A');
});

test('ETHICS: an empty scenario falls back to input, an empty excuse is not appended, a label other than 0/1 is an error', () => {
  const sample = ethicsStandardSample({ label: 1, scenario: '', input: ' I lied. ', excuse: '' });
  expect(sample.target).toBe('B');
  expect(sample.metadata).toEqual({ label: 1, scenario: 'I lied.' });
  expect(() => ethicsStandardSample({ label: 2, scenario: 'x' })).toThrow('unknown ETHICS label 2');
});

// Python: int(hashlib.sha256(seed.encode()).hexdigest(), 16) % 2 for "The cat sleeps.||The cat sleep." (0) and "None" (1).
test('BLiMP: without a pair id the two sentences seed the order; a null pair id is hashed as "None"', () => {
  const record = { sentence_good: 'The cat sleeps.', sentence_bad: 'The cat sleep.' };
  expect(blimpSample(record).target).toBe('A');
  expect(blimpSample(record).metadata).toEqual({ field: '', linguistics_term: '', pair_id: '' });
  expect(blimpSample({ ...record, pair_id: null }).target).toBe('B');
});

test('MMLU-Redux: a string answer is read with int(); a subject outside SUBJECT_TO_CATEGORY is an error', () => {
  const record = { question: 'Q', choices: ['a', 'b', 'c', 'd'], answer: ' 3 ' };
  expect(mmluReduxSample(record, 'virology')).toMatchObject({ target: 'D', metadata: { subject: 'virology', category: 'other' } });
  expect(() => mmluReduxSample(record, 'toString')).toThrow('unknown MMLU subject "toString"');
});

test('BBQ and AGIEval: a label outside 0-2 is an error; gold[0] is the answer index', () => {
  const bbq = { context: 'C', question: 'Q', ans0: 'a', ans1: 'b', ans2: 'c', label: 3, category: 'Age', question_polarity: 'neg', context_condition: 'ambig' };
  expect(() => bbqSample(bbq)).toThrow('unknown BBQ label 3');
  expect(agievalSample({ query: 'Q', choices: ['(A)1', '(B)2', '(C)3', '(D)4', '(E)5'], gold: [4] }).target).toBe('E');
  expect(() => agievalSample({ query: 'Q', choices: [], gold: [] })).toThrow('gold is not a list starting with an index');
});
