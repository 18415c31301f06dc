#!/usr/bin/env node
/**
 * `studio`: the headless runner. `studio eval <benchmark> --model provider/model`, `studio list`,
 * `studio describe <benchmark>`. Exit codes: 0 success, 1 error, 2 bad arguments, 130 cancelled.
 */
import { RUN_EXIT_CODE } from '@studio/contracts';
import { ADMIN_USAGE, runAdminCommand } from './admin.command';
import { describeCommand, DESCRIBE_USAGE, LIST_USAGE, listCommand } from './catalog.commands';
import { CliEnvError, loadCliEnv } from './cli-env.config';
import { EVAL_USAGE, parseEvalArgs, UsageError } from './eval-args.parser';
import { runEvalCommand } from './eval.command';
import { handleInterrupts } from './interrupt.handler';

const USAGE = `Usage: studio <command> [options]

Commands:
  eval <benchmark> --model provider/model   run a benchmark (studio eval --help)
  list                                      list benchmarks (studio list --help)
  describe <benchmark>                      show one benchmark
  admin grant|revoke <email>, admin list    administrators (studio admin --help)

${EVAL_USAGE.split('\n')[0]}
${LIST_USAGE.split('\n')[0]}
${DESCRIBE_USAGE}
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
      process.stderr.write(`❌ ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
