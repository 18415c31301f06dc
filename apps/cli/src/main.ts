#!/usr/bin/env node
/**
 * `studio`: the headless runner. `studio eval <benchmark> --model provider/model`, `studio list`,
 * `studio describe <benchmark>`, `studio submit <benchmark> --server URL` (a run on a server, for CI).
 * Exit codes: 0 success, 1 error, 2 bad arguments, 130 cancelled (submit adds 3 and 4, see SUBMIT_USAGE).
 */
import { RUN_EXIT_CODE } from '@studio/contracts';
import { once } from 'node:events';
import { ADMIN_USAGE, runAdminCommand } from './admin.command';
import { describeCommand, DESCRIBE_USAGE, LIST_USAGE, listCommand } from './catalog.commands';
import { CliEnvError, loadCliEnv } from './cli-env.config';
import { EVAL_USAGE, parseEvalArgs, UsageError } from './eval-args.parser';
import { runEvalCommand } from './eval.command';
import { handleInterrupts } from './interrupt.handler';
import { parseSubmitArgs, SUBMIT_USAGE } from './submit-args.parser';
import { runSubmitCommand } from './submit.command';

const USAGE = `Usage: studio <command> [options]

Commands:
  eval <benchmark|group> --model p/m        run a benchmark or an eval group (studio eval --help)
  list                                      list benchmarks or eval groups (studio list --help)
  describe <benchmark|group>                show one benchmark or eval group
  submit <benchmark> --server URL ...       run it on a Studio server, a CI gate (studio submit --help)
  admin grant|revoke <email>, admin list    administrators (studio admin --help)

${EVAL_USAGE.split('\n')[0]}
${LIST_USAGE.split('\n')[0]}
${DESCRIBE_USAGE}
${SUBMIT_USAGE.split('\n')[0]}
${ADMIN_USAGE.split('\n')[0]}`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (text: string) => void process.stdout.write(text);
  switch (command) {
    case 'eval': {
      const args = parseEvalArgs(rest, Boolean(process.stderr.isTTY));
      if (!args) {
        out(`${EVAL_USAGE}\n`);
        return 0;
      }
      const env = loadCliEnv(process.env);
      const stderr = {
        write: (text: string) => void process.stderr.write(text),
        isTTY: Boolean(process.stderr.isTTY),
        columns: process.stderr.columns,
      };
      return runEvalCommand(args, env, {
        stdout: out,
        stderr,
        onInterrupt: (handlers) => handleInterrupts(process, RUN_EXIT_CODE.canceled, handlers),
      });
    }
    case 'submit': {
      const args = parseSubmitArgs(rest);
      if (!args) {
        out(`${SUBMIT_USAGE}\n`);
        return 0;
      }
      const token = args.token ?? loadCliEnv(process.env).studioToken;
      if (!token) throw new UsageError('a token is needed: --token TOKEN or STUDIO_TOKEN');
      return runSubmitCommand(
        { ...args, token },
        {
          stdout: out,
          stderr: (text) => void process.stderr.write(text),
          onInterrupt: (handlers) => handleInterrupts(process, RUN_EXIT_CODE.canceled, handlers),
        },
      );
    }
    case 'list':
      out(`${listCommand(rest)}\n`);
      return 0;
    case 'describe':
      out(`${describeCommand(rest)}\n`);
      return 0;
    case 'admin':
      return runAdminCommand(rest, process.env, out);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      out(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`studio: ${error.message}\nRun "studio --help" for usage.\n`);
      process.exitCode = 2;
    } else if (error instanceof CliEnvError) {
      process.stderr.write(`studio: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      // fetch's "fetch failed" says why only in its cause (connection refused, DNS, TLS).
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
      process.stderr.write(`❌ ${error instanceof Error ? error.message : String(error)}${cause}\n`);
      process.exitCode = 1;
    }
  },
).then(exitWhenFlushed);

/**
 * Ends the process once its output is written, instead of when its event loop runs empty: node then skips tearing
 * down the heap, ≈ 30 ms after a `studio eval` (whose clients are closed and log written by then).
 */
function exitWhenFlushed(): void {
  const pending = [process.stdout, process.stderr].filter((stream) => stream.writableLength > 0);
  void Promise.all(pending.map((stream) => once(stream, 'drain'))).then(() => process.exit());
}
