/**
 * openbench `rocketscience` (`src/openbench/evals/rocketscience.py`, `datasets/rocketscience.py`): each item (two
 * images, two captions) becomes four samples — the caption for each image, the image for each caption — scored by
 * Inspect's `pattern(r".*?([12])\D*$")` and summarised by the contrastive text, image and group scores.
 */
import { createHash } from 'node:crypto';
import { loadRecords, type DatasetRecord } from '@studio/datasets';
import type { ContentImage } from '@studio/providers';
import type { BenchmarkEntry } from '../../catalog/benchmark.entry';
import { rocketscienceMetrics } from '../../metrics';
import { createPatternScorer } from '../../scorers';
import type { Sample } from '../../types';
import { generativeTask, taskArgs } from '../generative/task-definition.util';
import { hfParquetShard } from '../shared/hf-parquet.source';
import { datasetImage } from '../shared/image.util';

export const ROCKETSCIENCE_REPO = 'nilshoehing/rocketsciencebench';

/** The parquet shard of the train split, images kept as bytes. */
export function rocketscienceSource() {
  return { ...hfParquetShard(ROCKETSCIENCE_REPO, 'default', 'train'), binary: true };
}

/**
 * The four samples of an item share a `tuple_id`. Upstream draws a random `uuid4` each time the dataset is read; here
 * it is a UUID-shaped digest of the item's position, so the samples of a resumed run (read again, maybe by another
 * worker) still group with those stored before. Grouping, the only use of the id, is the same.
 */
function tupleId(index: number): string {
  const hex = createHash('sha256').update(`rocketscience:${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `record_to_sample_rocketscience`: without ids (Inspect numbers the samples 1..N). */
export function rocketscienceSamples(record: DatasetRecord, index: number): Omit<Sample, 'id'>[] {
  const text1 = String(record.text1);
  const text2 = String(record.text2);
  const image1: ContentImage = datasetImage(record.image1);
  const image2: ContentImage = datasetImage(record.image2);
  const selectText = `Which caption fits the image best? Reason about it and at the end write "RESPONSE" and reply only with the number 1 or 2. 1.) ${text1} 2.) ${text2}`;
  const selectImage = (caption: string) =>
    `Which image fits the caption best? Reason about it and at the end write "RESPONSE" and reply only with the number 1 or 2. Caption: ${caption}`;
  const tuple_id = tupleId(index);
  const sample = (text: string, images: ContentImage[], target: string, type: string): Omit<Sample, 'id'> => ({
    input: [{ role: 'user', content: [{ type: 'text', text }, ...images] }],
    target: [target],
    metadata: { tuple_id, type },
  });
  return [
    sample(selectText, [image1], '1', 'textscore'),
    sample(selectText, [image2], '2', 'textscore'),
    sample(selectImage(text1), [image1, image2], '1', 'imagescore'),
    sample(selectImage(text2), [image1, image2], '2', 'imagescore'),
  ];
}

const ROCKETSCIENCE: BenchmarkEntry = {
  name: 'rocketscience',
  display_name: 'RocketScience',
  category: 'core',
  description: 'Contrastive spatial reasoning benchmark',
  tags: ['multimodal', 'spatial-reasoning', 'vision-language', 'images'],
  sample_count: null,
  dataset: { source: `hf:${ROCKETSCIENCE_REPO}` },
  scorer: 'regex pattern',
  requirements: { vision: true },
};

/** Python's `\D` is any character but a Unicode decimal digit; `$` ends the text (a trailing newline is a `\D`). */
const ANSWER_PATTERN = /.*?([12])[^\p{Nd}]*$/iu;

export const rocketscienceTask = generativeTask(ROCKETSCIENCE, (options) => {
  taskArgs(ROCKETSCIENCE.name, options, {});
  return {
    dataset: {
      name: ROCKETSCIENCE_REPO,
      location: ROCKETSCIENCE_REPO,
      async load(ctx) {
        const records = await loadRecords(rocketscienceSource(), ctx);
        return records.flatMap((record, index) => rocketscienceSamples(record, index)).map((sample, i) => ({ id: i + 1, ...sample }));
      },
    },
    config: {},
    scorer: createPatternScorer(ANSWER_PATTERN),
    // Task-level metrics replace the scorer's accuracy and stderr, as in Inspect.
    metrics: [rocketscienceMetrics()],
    primaryMetric: 'image_score',
  };
});
