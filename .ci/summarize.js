#!/usr/bin/env node
// Usage: node .ci/summarize.js <test exit code> <report.json>...
// Prints "N passed, N failed" over the JSON reports of the test runners: jest's (--json) and the web app's vitest
// (--reporter=json, the same shape). A missing or unreadable report means its runner crashed before reporting and
// counts as one failure. Suites that failed to run (an import error) count as failures too, and a failing exit code
// with no failed test (e.g. a globalSetup crash or a type error) is one, so a red run never reads "0 failed".
'use strict';
const fs = require('node:fs');

function count(file) {
  let report;
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { passed: 0, failed: 1 };
  }
  const { numPassedTests: passed, numFailedTests, numRuntimeErrorTestSuites, testResults } = report ?? {};
  if (!Number.isInteger(passed) || !Number.isInteger(numFailedTests)) return { passed: 0, failed: 1 };
  // jest counts suites that crashed before their tests ran; vitest marks them failed with no failed test.
  const crashed = Number.isInteger(numRuntimeErrorTestSuites)
    ? numRuntimeErrorTestSuites
    : (Array.isArray(testResults) ? testResults : []).filter(
        (s) => s && s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a && a.status === 'failed'),
      ).length;
  return { passed, failed: numFailedTests + crashed };
}

function summarize(exitCode, files) {
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const c = count(file);
    passed += c.passed;
    failed += c.failed;
  }
  if (exitCode !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

const [code = '1', ...files] = process.argv.slice(2);
const { passed, failed } = summarize(Number(code), files.length ? files : ['.ci/results/jest.json']);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
