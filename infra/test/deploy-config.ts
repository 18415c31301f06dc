/**
 * Reads the deployment files (Dockerfile, docker-compose.yml, .env.example, k8s/) and what the apps accept, for the
 * tests that check the one against the other and run the compose stack as local processes.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { metricsEnvShape, sharedEnvShape } from '@studio/runtime/config';

export const ROOT = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

export type AppName = 'gateway' | 'worker' | 'migrate';

/** Where each app parses its environment (the one place it reads process.env). */
const CONFIG_SOURCES: Record<AppName, string> = {
  gateway: 'apps/gateway/src/config.ts',
  worker: 'apps/worker/src/config.ts',
  migrate: 'packages/db/src/migrate-cli.ts',
};

/**
 * The environment variables an app reads: the keys of its zod schema in its config source, with the shared pieces
 * it spreads into it (`...sharedEnvShape`, `...metricsEnvShape(...)`).
 */
export function appEnvNames(app: AppName): Set<string> {
  const source = read(CONFIG_SOURCES[app]);
  const names = new Set([...source.matchAll(/^\s+([A-Z][A-Z0-9_]*)\s*:/gm)].map((m) => m[1]));
  for (const m of source.matchAll(/\{\s*([A-Z][A-Z0-9_]*)\s*:/g)) names.add(m[1]);
  if (source.includes('...sharedEnvShape')) for (const k of Object.keys(sharedEnvShape)) names.add(k);
  if (source.includes('...metricsEnvShape(')) for (const k of Object.keys(metricsEnvShape(1))) names.add(k);
  return names;
}

/** The compiled entry point of a `node <path>` command, as a source file. */
export function sourceOfEntry(distPath: string): string {
  return distPath.replace(/\/dist\/(src\/)?/, '/src/').replace(/\.js$/, '.ts');
}

/** The app a `node <path>` command starts. */
export function appOfCommand(command: readonly string[]): AppName | undefined {
  const entry = command[0] === 'node' ? command[1] : undefined;
  return (Object.keys(CONFIG_SOURCES) as AppName[]).find((app) => {
    const dir = CONFIG_SOURCES[app].split('/src/')[0];
    return entry?.startsWith(`${dir}/dist/`);
  });
}

// ---- Dockerfile --------------------------------------------------------------------------------------------

export interface DockerStage {
  name: string;
  from: string;
  env: Record<string, string>;
  user?: string;
  expose: number[];
  cmd?: string[];
  healthcheck?: string[];
}

/** The Dockerfile's stages, each with what it inherits from the stage it is built FROM. */
export function readDockerfile(path = 'infra/docker/Dockerfile'): Map<string, DockerStage> {
  const lines = read(path)
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const stages = new Map<string, DockerStage>();
  let current: DockerStage | undefined;
  for (const line of lines) {
    const [instruction, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    switch (instruction.toUpperCase()) {
      case 'FROM': {
        const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args)!;
        const parent = stages.get(m[1]);
        current = {
          name: m[2] ?? m[1],
          from: m[1],
          env: { ...parent?.env },
          user: parent?.user,
          expose: [...(parent?.expose ?? [])],
          cmd: parent?.cmd,
          healthcheck: parent?.healthcheck,
        };
        stages.set(current.name, current);
        break;
      }
      case 'ENV':
        for (const m of args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) current!.env[m[1]] = m[2];
        break;
      case 'USER':
        current!.user = args;
        break;
      case 'EXPOSE':
        current!.expose.push(...args.split(/\s+/).map(Number));
        break;
      case 'CMD':
        current!.cmd = JSON.parse(args) as string[];
        break;
      case 'HEALTHCHECK':
        current!.healthcheck = JSON.parse(args.slice(args.indexOf('CMD ') + 4)) as string[];
        break;
    }
  }
  return stages;
}

// ---- docker-compose.yml and .env.example -----------------------------------------------------------------

/** `.env.example` as a map (what a first `cp .env.example .env` gives compose). */
export function envExample(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of read('.env.example').split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** Every variable the compose file interpolates, with whether it has a default (`:-`) or is required (`:?`). */
export function composeVariables(): Map<string, 'default' | 'required' | 'plain'> {
  const vars = new Map<string, 'default' | 'required' | 'plain'>();
  for (const m of read('docker-compose.yml').matchAll(/\$\{([A-Z_][A-Z0-9_]*)(:-|:\?)?[^}]*\}/g)) {
    const kind = m[2] === ':-' ? 'default' : m[2] === ':?' ? 'required' : 'plain';
    if (vars.get(m[1]) !== 'required') vars.set(m[1], kind);
  }
  return vars;
}

/** Compose's interpolation: `${VAR}`, `${VAR:-default}`, `${VAR:?error}` (an unset required variable throws). */
export function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{([A-Z_][A-Z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (op === ':?') throw new Error(`compose: ${name} is required: ${arg}`);
    return op === ':-' ? (arg ?? '') : '';
  });
}

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; target: string };
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  stop_grace_period?: string;
  container_name?: string;
  healthcheck?: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

/** docker-compose.yml as compose sees it with `env` as its .env (merge keys resolved, variables interpolated). */
export function readCompose(env: Record<string, string> = envExample()): ComposeFile {
  return parseYaml(interpolate(read('docker-compose.yml'), env), { merge: true }) as ComposeFile;
}

/** `45s`, `1m30s` → milliseconds. */
export function durationMs(value: string): number {
  let ms = 0;
  for (const m of value.matchAll(/(\d+)(ms|s|m|h)/g)) ms += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms']!;
  return ms;
}

// ---- k8s ----------------------------------------------------------------------------------------------------

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  [key: string]: unknown;
}

function loadDocuments(path: string): K8sObject[] {
  return parseAllDocuments(read(path))
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

/** The objects `kubectl apply -k k8s/` applies: the kustomization's resources (folders are kustomizations too). */
export function readKustomization(dir = 'k8s'): { objects: K8sObject[]; kustomization: Record<string, unknown> } {
  const kustomization = parseYaml(read(`${dir}/kustomization.yaml`)) as { resources: string[] } & Record<string, unknown>;
  const objects = kustomization.resources.flatMap((r) => (r.endsWith('.yaml') ? loadDocuments(`${dir}/${r}`) : readKustomization(`${dir}/${r}`).objects));
  return { objects, kustomization };
}

/** The secret template's objects (not applied by kustomize: the real Secrets are created by hand). */
export function readSecretTemplates(): K8sObject[] {
  return loadDocuments('k8s/secret.example.yaml');
}

export function readNginxConf(): string {
  return read('infra/nginx/nginx.conf');
}

/** GET paths the gateway serves under /api, from its OpenAPI document (`/api/ready`, `/api/runs/{run_id}`, ...). */
export function gatewayGetPaths(): Set<string> {
  const spec = JSON.parse(read('apps/gateway/build/swagger.json')) as { paths: Record<string, Record<string, unknown>> };
  return new Set(Object.entries(spec.paths).filter(([, ops]) => 'get' in ops).map(([p]) => `/api${p}`));
}
