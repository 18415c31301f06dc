/**
 * openbench's `ocrbenchv2_scorer` (`scorers/ocrbenchv2.py`): each sample's category picks its evaluation
 * (`evaluate_by_category`), the score is that number, and each category belongs to one of eight capabilities, the
 * group of the `grouped(accuracy, "capability", all="groups", all_label="overall")` metric. Upstream is scored here
 * as it runs with its `ocrbenchv2` dependency group installed (nltk, apted, lxml), so the OCR and table categories
 * take their BLEU/METEOR and TEDS paths (`ocrbenchv2-ocr.util.ts`), not the fallbacks without those libraries.
 */
import type { Score, Scorer } from '../types';
import { kieF1Evaluation } from './ocrbenchv2-kie.util';
import { cnMathExpressionEvaluation, mathExpressionEvaluation } from './ocrbenchv2-math.util';
import { ocrEvaluation, tableParsingEvaluation } from './ocrbenchv2-ocr.util';
import {
  cnVqaEvaluation,
  countingEvaluation,
  defaultEvaluation,
  handwrittenChoiceEvaluation,
  textGroundingEvaluation,
  vqaEvaluation,
} from './ocrbenchv2-text.util';
import { pyStrip } from './python-text.util';

/** Upstream's `CN_CATEGORIES` (also the loader's `language` filter). */
export const OCRBENCHV2_CN_CATEGORIES = new Set([
  'cognition VQA cn',
  'key information extraction cn',
  'formula recognition cn',
  'full-page OCR cn',
  'reasoning VQA cn',
  'text translation cn',
  'table parsing cn',
  'handwritten answer extraction cn',
  'document parsing cn',
]);

const VQA_CATEGORIES = new Set([
  'APP agent en',
  'ASCII art classification en',
  'math QA en',
  'reasoning VQA en',
  'science QA en',
  'document classification en',
  'cognition VQA en',
  'diagram QA en',
  'cognition VQA cn',
  'reasoning VQA cn',
  'text recognition en',
]);
const OCR_CATEGORIES = new Set(['full-page OCR en', 'fine-grained text recognition en', 'full-page OCR cn', 'text translation cn']);
const MATH_CATEGORIES = new Set(['formula recognition en', 'formula recognition cn']);
// Document parsing is routed separately upstream but evaluated the same way (`doc_parsing_evaluation`).
const TABLE_CATEGORIES = new Set(['table parsing en', 'chart parsing en', 'table parsing cn', 'document parsing en', 'document parsing cn']);
const KIE_CATEGORIES = new Set(['key information extraction en', 'key information mapping en', 'key information extraction cn']);

/** `CAPABILITY_MAPPING`: the 31 categories onto the paper's eight capabilities. */
export const OCRBENCHV2_CAPABILITIES: Readonly<Record<string, string>> = {
  'full-page OCR en': 'Recognition',
  'full-page OCR cn': 'Recognition',
  'fine-grained text recognition en': 'Recognition',
  'text recognition en': 'Recognition',
  'handwritten answer extraction cn': 'Recognition',
  'text translation cn': 'Recognition',
  'text grounding en': 'Referring',
  'text spotting en': 'Spotting',
  'key information extraction en': 'Extraction',
  'key information extraction cn': 'Extraction',
  'key information mapping en': 'Extraction',
  'table parsing en': 'Parsing',
  'table parsing cn': 'Parsing',
  'chart parsing en': 'Parsing',
  'document parsing en': 'Parsing',
  'document parsing cn': 'Parsing',
  'formula recognition en': 'Calculation',
  'formula recognition cn': 'Calculation',
  'math QA en': 'Calculation',
  'cognition VQA en': 'Understanding',
  'cognition VQA cn': 'Understanding',
  'document classification en': 'Understanding',
  'ASCII art classification en': 'Understanding',
  'diagram QA en': 'Understanding',
  'VQA with position en': 'Understanding',
  'text counting en': 'Understanding',
  'APP agent en': 'Understanding',
  'reasoning VQA en': 'Reasoning',
  'reasoning VQA cn': 'Reasoning',
  'science QA en': 'Reasoning',
};

/** `get_capability`. */
export const ocrbenchv2Capability = (category: string): string => OCRBENCHV2_CAPABILITIES[category] ?? 'Unknown';

/** `evaluate_by_category`: the evaluation each category uses; `question` decides the handwritten path. */
export function evaluateByCategory(category: string, prediction: string, answers: readonly string[], question: string): number {
  if (category === 'handwritten answer extraction cn') {
    // Essay questions ("简答") are scored as OCR, the others as multiple-choice letters.
    return question.includes('简答') ? ocrEvaluation(prediction, answers) : handwrittenChoiceEvaluation(prediction, answers);
  }
  if (VQA_CATEGORIES.has(category)) {
    return OCRBENCHV2_CN_CATEGORIES.has(category) ? cnVqaEvaluation(prediction, answers) : vqaEvaluation(prediction, answers);
  }
  if (OCR_CATEGORIES.has(category)) return ocrEvaluation(prediction, answers);
  if (MATH_CATEGORIES.has(category)) {
    return OCRBENCHV2_CN_CATEGORIES.has(category) ? cnMathExpressionEvaluation(prediction, answers) : mathExpressionEvaluation(prediction, answers);
  }
  if (TABLE_CATEGORIES.has(category)) return tableParsingEvaluation(prediction, answers);
  if (KIE_CATEGORIES.has(category)) return kieF1Evaluation(prediction, answers);
  if (category === 'text counting en') return countingEvaluation(prediction, answers);
  if (category === 'text grounding en' || category === 'text spotting en') return textGroundingEvaluation(prediction, answers);
  if (category === 'VQA with position en') return vqaEvaluation(prediction, answers);
  return defaultEvaluation(prediction, answers);
}

const metadataText = (value: unknown, fallback: string) => (value === undefined ? fallback : String(value));

export function createOcrbenchv2Scorer(): Scorer {
  return {
    name: 'ocrbenchv2_scorer',
    async score({ sample, completion }): Promise<Score> {
      const metadata = sample.metadata ?? {};
      const datasetName = metadataText(metadata.dataset_name, '');
      try {
        const category = metadataText(metadata.type, '');
        const prediction = pyStrip(completion);
        const capability = ocrbenchv2Capability(category);
        const answers = typeof sample.target === 'string' ? [sample.target] : [...sample.target];
        const value = evaluateByCategory(category, prediction, answers, metadataText(metadata.question, ''));
        return {
          value,
          answer: prediction,
          explanation: `Capability: ${capability} (Category: ${category}, Dataset: ${datasetName})`,
          metadata: { dataset_name: datasetName, category, capability, prediction, answers },
        };
      } catch (error) {
        // Upstream catches every exception of an evaluation and scores the sample 0 with the message.
        const message = error instanceof Error ? error.message : String(error);
        return {
          value: 0,
          answer: completion,
          explanation: `Error: ${message}`,
          metadata: { error: message, dataset_name: metadataText(metadata.dataset_name, 'unknown') },
        };
      }
    },
  };
}
