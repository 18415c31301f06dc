/**
 * The files an operator provides for benchmarks (`OPERATOR_FILES`), opened for a session whose task needs them:
 * FActScore's knowledge base and SciCode's test data. Unset or unreadable, the run fails at setup naming the variable.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { OPERATOR_FILES, isOperatorFile, operatorFileMissing, type OperatorFile, type OperatorFilePaths } from '@studio/contracts';
import type { ScoringServices, TaskService } from '../types';
import { openWikipediaKnowledge } from './wikipedia-knowledge.source';

/** SciCode's test data, which the sandbox reads at `path` (the tests load their targets from it). */
export interface ScicodeTestData {
  path: string;
}

/** Every HDF5 file starts with this signature (HDF5 File Format Specification, "Format Signature"). */
const HDF5_SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Checks now, not at the first test, that the file is there, readable and an HDF5 file. */
export function openScicodeTestData(path: string): ScicodeTestData {
  const head = Buffer.alloc(HDF5_SIGNATURE.length);
  try {
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new Error(`${OPERATOR_FILES.scicode_test_data.what} could not be opened at ${path} (SCICODE_H5_PATH): ${(error as Error).message}`);
  }
  if (!head.equals(HDF5_SIGNATURE)) throw new Error(`${OPERATOR_FILES.scicode_test_data.what} could not be opened at ${path} (SCICODE_H5_PATH): not an HDF5 file`);
  return { path };
}

const OPENERS: { [F in OperatorFile]: (path: string) => NonNullable<ScoringServices[F]> } = {
  factscore_wikipedia: openWikipediaKnowledge,
  scicode_test_data: openScicodeTestData,
};

/**
 * What a session's task needs of the operator's files, from the host's variables (worker, CLI): nothing for other
 * tasks; an error naming the variable when one is unset or its file cannot be read.
 */
export function operatorFilesFor(requiredServices: readonly TaskService[], benchmark: string, paths: OperatorFilePaths): ScoringServices {
  const opened: ScoringServices = {};
  try {
    for (const service of requiredServices.filter(isOperatorFile)) {
      const path = paths[service];
      if (!path) throw new Error(operatorFileMissing(benchmark, service, 'is not configured here'));
      Object.assign(opened, { [service]: OPENERS[service](path) });
    }
  } catch (error) {
    closeOperatorFiles(opened);
    throw error;
  }
  return opened;
}

/** Closes what `operatorFilesFor` opened (the knowledge base's database; the test data needs no handle). */
export function closeOperatorFiles(services: ScoringServices): void {
  services.factscore_wikipedia?.close();
}
