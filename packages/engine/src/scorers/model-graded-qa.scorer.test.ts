import { extractGrade } from './model-graded-qa.scorer';

describe('Inspect’s DEFAULT_GRADE_PATTERN under re.search', () => {
  it.each([
    ['Reasoning.\nGRADE: C', 'C'],
    ['GRADE: I\n', 'I'],
    ['grade : p and more', 'p'],
    // `$` needs the grade's line to be the last one (a final newline aside).
    ['GRADE: C\nmore text', undefined],
    ['no grade here', undefined],
  ])('%j → %j', (response, grade) => {
    expect(extractGrade(response)).toBe(grade);
  });
});
