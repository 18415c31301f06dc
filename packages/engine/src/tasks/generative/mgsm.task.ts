/** openbench `mgsm` and its per-language and per-script keys (`src/openbench/evals/mgsm.py`, `datasets/mgsm.py`). */
import { fetchToCache } from '@studio/datasets';
import { readFile } from 'node:fs/promises';
import { accuracy, stderr } from '../../metrics';
import { createMgsmScorer } from '../../scorers';
import { pyFormat, pyStrip } from '../../scorers/python-text.util';
import { SCORER, SIMPLE_EVALS, subtaskOf, type BenchmarkEntry } from '../../catalog/benchmark.entry';
import type { DatasetContext, Sample, TaskDataset } from '../../types';
import type { BenchmarkTask } from '../task.types';
import { languageAccuracy } from './mgsm-language.metric';
import {
  ALL_LANGUAGES,
  LATIN_LANGUAGES,
  MGSM_LANGUAGES,
  NON_LATIN_LANGUAGES,
  type MgsmLanguageCode,
} from './mgsm-languages.data';
import { generativeTask, taskArgs } from './task-definition.util';

export function mgsmUrl(language: MgsmLanguageCode): string {
  return `${SIMPLE_EVALS}/mgsm_${language}.tsv`;
}

/**
 * `load_language_data`: upstream splits the decoded file itself rather than using a TSV reader, so
 * quotes are plain text, lines without exactly one tab are skipped, and ids count every line.
 */
async function loadLanguage(language: MgsmLanguageCode, ctx: DatasetContext): Promise<Sample[]> {
  const { instruction, answerPrefix } = MGSM_LANGUAGES[language];
  const content = await readFile(await fetchToCache(mgsmUrl(language), ctx), 'utf8');
  const samples: Sample[] = [];
  pyStrip(content)
    .split('\n')
    .forEach((line, index) => {
      const parts = line.split('\t');
      if (parts.length !== 2) return;
      const [problem, answer] = parts;
      samples.push({
        id: `${language}_${index + 1}`,
        input: pyFormat(instruction, { input: problem }),
        target: pyStrip(answer),
        metadata: {
          language,
          answer_prefix: answerPrefix,
          latin_script: LATIN_LANGUAGES.includes(language),
          original_problem: problem,
        },
      });
    });
  return samples;
}

function mgsmDataset(languages: readonly MgsmLanguageCode[]): TaskDataset {
  return {
    name: `mgsm_${languages.join('_')}`,
    location: languages.length === 1 ? mgsmUrl(languages[0]) : `${SIMPLE_EVALS}/mgsm_{${languages.join(',')}}.tsv`,
    async load(ctx) {
      const samples: Sample[] = [];
      for (const language of languages) samples.push(...(await loadLanguage(language, ctx)));
      return samples;
    },
  };
}

function mgsmTask(benchmark: BenchmarkEntry, languages: readonly MgsmLanguageCode[], temperature: number): BenchmarkTask {
  return generativeTask(benchmark, (options) => {
    taskArgs(benchmark.name, options, {});
    return {
      dataset: mgsmDataset(languages),
      config: { temperature, max_tokens: 8192 },
      scorer: createMgsmScorer(),
      metrics: [accuracy(), stderr(), languageAccuracy()],
    };
  });
}

/** Every MGSM TSV has 250 rows (shared/datasets/mgsm). */
const ROWS_PER_LANGUAGE = 250;

const MGSM: BenchmarkEntry = {
  name: 'mgsm',
  display_name: 'MGSM',
  category: 'core',
  description: 'Multilingual Grade School Math benchmark across 11 languages for testing mathematical reasoning',
  tags: ['math', 'multilingual', 'reasoning', 'chain-of-thought'],
  sample_count: ALL_LANGUAGES.length * ROWS_PER_LANGUAGE, // 2750; shared/datasets/mgsm
  dataset: { source: `${SIMPLE_EVALS}/mgsm_<lang>.tsv` },
  scorer: SCORER.numericAnswer,
};

/** A subset of MGSM, listed next to the top-level benchmarks. */
function mgsmSubtask(entry: Omit<BenchmarkEntry, 'dataset' | 'scorer' | 'subtask'> & Pick<Partial<BenchmarkEntry>, 'dataset'>): BenchmarkEntry {
  return subtaskOf(MGSM, { ...entry, surfaced: true });
}

/**
 * Every MGSM key openbench registers. The all-language task samples at temperature 0.5 ("Simple
 * Evals uses 0.5"); the subsets at 0.
 */
export const MGSM_TASKS: readonly BenchmarkTask[] = [
  mgsmTask(MGSM, ALL_LANGUAGES, 0.5),
  mgsmTask(
    mgsmSubtask({
      name: 'mgsm_latin',
      display_name: 'MGSM Latin Script',
      category: 'core',
      description:
        'Grade school math problems in Latin script languages (German, English, Spanish, French, Swahili)',
      tags: ['math', 'multilingual', 'latin-script', 'reasoning', 'chain-of-thought'],
      sample_count: LATIN_LANGUAGES.length * ROWS_PER_LANGUAGE,
    }),
    LATIN_LANGUAGES,
    0.0,
  ),
  mgsmTask(
    mgsmSubtask({
      name: 'mgsm_non_latin',
      display_name: 'MGSM Non-Latin Script',
      category: 'core',
      description:
        'Grade school math problems in non-Latin script languages (Bengali, Japanese, Russian, Telugu, Thai, Chinese)',
      tags: ['math', 'multilingual', 'non-latin-script', 'reasoning', 'chain-of-thought'],
      sample_count: NON_LATIN_LANGUAGES.length * ROWS_PER_LANGUAGE,
    }),
    NON_LATIN_LANGUAGES,
    0.0,
  ),
  ...ALL_LANGUAGES.map((language) =>
    mgsmTask(
      mgsmSubtask(
        language === 'en'
          ? {
              name: 'mgsm_en',
              display_name: 'MGSM English',
              category: 'core',
              description: 'Grade school math problems in English for testing mathematical reasoning',
              tags: ['math', 'english', 'reasoning', 'chain-of-thought'],
              sample_count: ROWS_PER_LANGUAGE,
              dataset: { source: mgsmUrl(language) },
            }
          : {
              name: `mgsm_${language}`,
              display_name: `MGSM (${MGSM_LANGUAGES[language].name})`,
              category: 'math',
              description: `Multilingual Grade School Math in ${MGSM_LANGUAGES[language].name}`,
              tags: ['math', 'reasoning', 'multilingual', 'mgsm'],
              sample_count: ROWS_PER_LANGUAGE,
              dataset: { source: mgsmUrl(language) },
            },
      ),
      [language],
      0.0,
    ),
  ),
];
