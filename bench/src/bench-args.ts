/** The script's own arguments: `pnpm run <script> -- --flag` hands the `--` on, which `parseArgs` would take as a positional. */
export function scriptArgs(): string[] {
  const args = process.argv.slice(2);
  return args[0] === '--' ? args.slice(1) : args;
}
