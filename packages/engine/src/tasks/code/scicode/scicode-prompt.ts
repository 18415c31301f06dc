/**
 * openbench's SciCode solver (`solvers/scicode.py`, after SciCode's `eval/scripts/gencode.py`): the prompt of each
 * step (the previous steps with the code the model wrote for them, then the next step's description and function
 * header), the code a step's answer contributes, and the code file each step is tested with.
 */
import { PY_LINE_START, PY_SPACE, pyFormat } from '../../../scorers/python-text.util';
import { BACKGROUND_TEMPLATE, MULTISTEP_TEMPLATE, REFERENCE_STEP_CODE } from './scicode-upstream.data';

/** One element of a SciCode record's `sub_steps`. */
export interface ScicodeStep {
  step_number: string;
  step_description_prompt: string;
  step_background: string;
  function_header: string;
  return_line: string;
  test_cases: string[];
  ground_truth_code?: string | null;
}

export interface ScicodeProblem {
  problem_id: string;
  required_dependencies: string;
  sub_steps: ScicodeStep[];
}

/**
 * Steps whose code the model is not asked for (problems 13, 62 and 76; 0-based step index): the next steps are
 * prompted with SciCode's own code for them (eval/data/<step>.txt), and they are not tested.
 */
const SPECIAL_STEPS: Readonly<Record<string, number>> = { '13': 5, '62': 0, '76': 2 };

export function isSpecialStep(problemId: string, index: number): boolean {
  return SPECIAL_STEPS[problemId] === index;
}

/** SciCode's `extract_function_name`: the name a function header defines (`def name(`, else `class name(`). */
export function extractFunctionName(header: string): string {
  const name = /\bdef\s+(\w+)\s*\(/.exec(header)?.[1] ?? /\bclass\s+(\w+)\s*\(/.exec(header)?.[1];
  if (name === undefined) throw new Error('Function name or class name not found.');
  return name;
}

/** The code SciCode's file for a special step gives the function its header names (`get_function_from_code`). */
export function referenceStepCode(problem: ScicodeProblem, index: number): string {
  const step = problem.sub_steps[index]!;
  const name = extractFunctionName(step.function_header);
  const code = REFERENCE_STEP_CODE[step.step_number]?.[name];
  if (code === undefined) throw new Error(`SciCode's code for step ${step.step_number} defines no ${name}`);
  return code;
}

// Python's `re.sub(r'^\s*(import .*|from .*\s+import\s+.*)', '', s, flags=re.MULTILINE)`: `.` stops at \n only.
const IMPORT_LINES = new RegExp(`${PY_LINE_START}${PY_SPACE}*(import [^\\n]*|from [^\\n]*${PY_SPACE}+import${PY_SPACE}+[^\\n]*)`, 'gu');

/**
 * SciCode's `extract_python_script`: the first ```python block (else the first ``` block, else the whole answer),
 * without its import lines (the dependencies are given once, at the top of the tested file).
 */
export function extractPythonScript(response: string): string {
  let script = response;
  if (response.includes('```')) {
    script = response.includes('```python') ? response.split('```python')[1]!.split('```')[0]! : response.split('```')[1]!;
  }
  return script.replace(IMPORT_LINES, '');
}

function describe(step: ScicodeStep, withBackground: boolean): string {
  return withBackground ? `${step.step_description_prompt}\n${step.step_background}` : step.step_description_prompt;
}

/**
 * `generate_prompt_with_steps` for step `index` (0-based), given the code of every earlier step: the prompt, and the
 * code the step's answer is appended to (the dependencies, then the earlier steps' code).
 */
export function stepPrompt(problem: ScicodeProblem, index: number, previousCode: readonly string[], withBackground: boolean): { prompt: string; previousCode: string } {
  const lines: string[] = [];
  for (let i = 0; i < index; i++) lines.push(describe(problem.sub_steps[i]!, withBackground), previousCode[i]!, '------');
  const step = problem.sub_steps[index]!;
  const nextStep = [describe(step, withBackground), `${step.function_header}\n\n${step.return_line}`].join('\n\n');
  const prompt = pyFormat(withBackground ? BACKGROUND_TEMPLATE : MULTISTEP_TEMPLATE, {
    problem_steps_str: lines.slice(0, -1).join('\n\n'),
    next_step_str: nextStep,
    dependencies: problem.required_dependencies,
  });
  return { prompt, previousCode: `${problem.required_dependencies}\n${previousCode.slice(0, index).join('\n')}\n` };
}

/** openbench's `gold` mode answer: the step's ground-truth code in a python block. */
export function goldResponse(step: ScicodeStep): string {
  return `Blah blah\n\`\`\`python\n${step.ground_truth_code ?? 'None'}\n\`\`\`\n`;
}

/** SciCode's `generate_dummy_response`, openbench's `dummy` mode answer. */
export const DUMMY_RESPONSE = "Blah blah\n```python\nprint('Hello, World!')\n```\n";
