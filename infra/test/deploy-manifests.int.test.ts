/**
 * No Docker engine or cluster runs here, so the deployment files are checked against the apps instead: commands
 * start entry points that exist, every environment variable a container gets is one its app reads, probe and
 * health-check paths are routes the apps serve, ports agree, grace periods outlast the apps' shutdown, the KEDA
 * trigger reads BullMQ's real list, every k8s object validates against the Kubernetes (and KEDA) schemas, and the
 * Grafana dashboard asks only for metrics the apps export.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import type { Db } from '@studio/db';
import { WorkerMetrics, createMetricsRegistry, runQueueListKey, type RunQueue } from '@studio/runtime';
import { GatewayMetrics } from '../../apps/gateway/src/metrics/gateway-metrics';
import { builtEntry } from './build-on-demand';
import {
  ROOT,
  appEnvNames,
  appOfCommand,
  composeVariables,
  durationMs,
  envExample,
  gatewayGetPaths,
  readCompose,
  readDockerfile,
  readKustomization,
  readNginxConf,
  readSecretTemplates,
  sourceOfEntry,
  type AppName,
  type K8sObject,
} from './deploy-config';

const dockerfile = readDockerfile();
const compose = readCompose();
const { objects: k8s, kustomization } = readKustomization();
const secretTemplates = readSecretTemplates();
const nginx = readNginxConf();

const APP_TARGETS: Record<AppName, string> = { gateway: 'gateway', worker: 'worker', migrate: 'migrate' };

beforeAll(() => {
  // The OpenAPI document and the dist/ entry points come from the build.
  builtEntry('apps/gateway/dist/src/server.js');
});

/**
 * Read by Node itself or the dynamic loader and jemalloc, not by the app's config: the worker image sets its heap cap in
 * NODE_OPTIONS, the gateway image its allocator (docs/deployment.md).
 */
const NODE_RUNTIME_ENV = new Set(['NODE_OPTIONS', 'LD_PRELOAD', 'MALLOC_CONF']);
const unread = (app: AppName, names: Iterable<string>) => [...names].filter((n) => !appEnvNames(app).has(n) && !NODE_RUNTIME_ENV.has(n));

describe('the apps\' environment, as these tests read it', () => {
  test('finds the variables each app parses', () => {
    expect([...appEnvNames('gateway')]).toEqual(expect.arrayContaining(['PORT', 'JWT_SECRET', 'DATABASE_URL', 'REDIS_PREFIX', 'METRICS_PORT', 'SHUTDOWN_DRAIN_MS']));
    expect([...appEnvNames('worker')]).toEqual(expect.arrayContaining(['WORKER_CONCURRENCY', 'SHUTDOWN_GRACE_MS', 'ENCRYPTION_KEY', 'DATA_DIR']));
    expect(appEnvNames('worker').has('JWT_SECRET')).toBe(false);
    expect([...appEnvNames('migrate')]).toEqual(['DATABASE_URL']);
  });
});

describe('Dockerfile', () => {
  test.each(Object.entries(APP_TARGETS))('%s: the command starts an entry point that exists, as a non-root user', (app, target) => {
    const stage = dockerfile.get(target)!;
    expect(stage.cmd?.[0]).toBe('node');
    expect(appOfCommand(stage.cmd!)).toBe(app);
    expect(existsSync(join(ROOT, sourceOfEntry(stage.cmd![1])))).toBe(true);
    expect(existsSync(builtEntry(stage.cmd![1]))).toBe(true);
    expect(stage.user).toMatch(/^[1-9]\d*(:\d+)?$/);
    expect(unread(app as AppName, Object.keys(stage.env))).toEqual([]);
  });

  test('gateway: exposes the API and metrics ports it listens on by default, and checks health on /api/ready', () => {
    const gateway = dockerfile.get('gateway')!;
    expect(gateway.expose).toEqual([Number(gateway.env.PORT), Number(gateway.env.METRICS_PORT)]);
    expect(gateway.healthcheck!.join(' ')).toContain("/api/ready'");
    expect(gatewayGetPaths()).toContain('/api/ready');
  });

  test('web: nginx with our nginx.conf, non-root, on port 3000 with a health check nginx answers', () => {
    const web = dockerfile.get('web')!;
    expect(web.user).toBe('101:101');
    expect(web.expose).toEqual([3000]);
    expect(nginx).toMatch(/^\s*listen 3000;/m);
    expect(web.healthcheck!.join(' ')).toContain('http://127.0.0.1:3000/healthz');
    expect(nginx).toMatch(/location = \/healthz \{/);
    expect(readFileSync(join(ROOT, 'infra/docker/Dockerfile'), 'utf8')).toContain('COPY infra/nginx/nginx.conf /etc/nginx/nginx.conf');
  });
});

describe('nginx.conf', () => {
  test('proxies the API, the admin pages and the docs to the gateway, unbuffered for SSE, and never /metrics', () => {
    const proxied = /location ~ \^\/\((.+)\) \{([^}]+)\}/.exec(nginx)!;
    for (const path of ['api/', 'admin/', 'docs', 'redoc', 'openapi']) expect(proxied[1]).toContain(path);
    expect(proxied[1]).not.toContain('metrics');
    expect(proxied[2]).toMatch(/proxy_pass http:\/\/gateway;/);
    expect(proxied[2]).toMatch(/proxy_buffering off;/);
    expect(proxied[2]).toMatch(/proxy_http_version 1\.1;/);
    expect(nginx).toMatch(/server gateway:8000;/);
  });
});

describe('docker-compose.yml', () => {
  test('every variable it interpolates is in .env.example, the required secrets included', () => {
    const example = envExample();
    const missing = [...composeVariables()].filter(([name, kind]) => kind !== 'default' && !(name in example)).map(([name]) => name);
    expect(missing).toEqual([]);
    expect([...composeVariables()].filter(([, kind]) => kind === 'required').map(([n]) => n).sort()).toEqual(['ENCRYPTION_KEY', 'JWT_SECRET', 'POSTGRES_PASSWORD']);
    expect(() => readCompose({})).toThrow(/is required/);
  });

  test.each(Object.entries(APP_TARGETS))('%s: the image target, the command the image runs, and only variables the app reads', (app, target) => {
    const service = compose.services[app];
    expect(service.build?.target).toBe(target);
    expect(service.command).toEqual(dockerfile.get(target)!.cmd);
    expect(unread(app as AppName, Object.keys(service.environment ?? {}))).toEqual([]);
  });

  test('postgres and redis keep their data in volumes; migrate runs once before gateway and workers', () => {
    expect(compose.services.postgres.volumes).toEqual(['pgdata:/var/lib/postgresql/data']);
    expect(compose.services.redis.volumes).toEqual(['redisdata:/data']);
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['pgdata', 'redisdata']));
    expect(compose.services.migrate.restart).toBe('no');
    for (const app of ['gateway', 'worker']) expect(compose.services[app].depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
  });

  test('workers scale (`--scale worker=N`): no published port, no fixed name; they outlast their shutdown grace', () => {
    const worker = compose.services.worker;
    expect(worker.ports).toBeUndefined();
    expect(worker.container_name).toBeUndefined();
    expect(durationMs(worker.stop_grace_period!)).toBeGreaterThan(Number(worker.environment!.SHUTDOWN_GRACE_MS));
  });

  test('the gateway publishes its API port for this host only, not metrics, and outlasts its drain', () => {
    const gateway = compose.services.gateway;
    const env = gateway.environment!;
    expect(gateway.ports).toEqual([`127.0.0.1:8000:${env.PORT}`]);
    expect(JSON.stringify(gateway.ports)).not.toContain(String(env.METRICS_PORT));
    expect(durationMs(gateway.stop_grace_period!)).toBeGreaterThan(Number(env.SHUTDOWN_DRAIN_MS) + Number(env.SHUTDOWN_TIMEOUT_MS));
  });

  test('web publishes nginx\'s port 3000 and waits for a healthy gateway', () => {
    expect(compose.services.web.ports).toEqual(['3000:3000']);
    expect(compose.services.web.depends_on?.gateway?.condition).toBe('service_healthy');
  });
});

describe('k8s (kustomize)', () => {
  const byKind = (kind: string) => k8s.filter((o) => o.kind === kind);
  const named = (kind: string, name: string) => k8s.find((o) => o.kind === kind && o.metadata.name === name) as (K8sObject & Record<string, any>) | undefined;
  const configMaps = new Map(byKind('ConfigMap').map((c) => [c.metadata.name, (c as unknown as { data: Record<string, string> }).data]));
  const secretKeys = new Map(secretTemplates.filter((s) => s.kind === 'Secret').map((s) => [s.metadata.name, Object.keys((s as unknown as { stringData: object }).stringData)]));

  interface Container {
    name: string;
    image: string;
    command?: string[];
    ports?: { name: string; containerPort: number }[];
    env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string } } }[];
    envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
    readinessProbe?: { httpGet?: { path: string; port: string } };
    livenessProbe?: { httpGet?: { path: string; port: string } };
    startupProbe?: { httpGet?: { path: string; port: string } };
    resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  }
  const workloads = [...byKind('Deployment'), ...byKind('Job')] as (K8sObject & { spec: { template: { spec: any } } })[];
  const containers = workloads.flatMap((w) =>
    [...(w.spec.template.spec.initContainers ?? []), ...w.spec.template.spec.containers].map((c: Container) => ({ workload: w.metadata.name, pod: w.spec.template.spec, c })),
  );
  const envOf = (c: Container): Map<string, string | undefined> => {
    const env = new Map<string, string | undefined>();
    for (const ref of c.envFrom ?? []) {
      expect(ref.secretRef).toBeUndefined(); // whole Secrets would hand every key to every app
      for (const [k, v] of Object.entries(configMaps.get(ref.configMapRef!.name) ?? {})) env.set(k, v);
    }
    for (const e of c.env ?? []) env.set(e.name, undefined);
    return env;
  };

  test('every object validates against the Kubernetes and KEDA schemas', () => {
    const validators: Record<string, (o: K8sObject) => void> = {};
    const models = {
      Namespace, ConfigMap, Service, PersistentVolumeClaim, Secret, Deployment, Job, HorizontalPodAutoscaler, PodDisruptionBudget, Ingress, ScaledObject, TriggerAuthentication,
    } as unknown as Record<string, new (o: unknown) => { validate(): void }>;
    for (const [kind, Model] of Object.entries(models)) validators[kind] = (o) => new Model(o).validate();
    for (const o of [...k8s, ...secretTemplates]) {
      expect(validators[o.kind]).toBeDefined();
      expect(() => validators[o.kind](o)).not.toThrow();
    }
    // The validator does catch mistakes.
    const broken = { ...named('Deployment', 'gateway')!, spec: { ...named('Deployment', 'gateway')!.spec, replicas: 'two' } };
    expect(() => validators.Deployment(broken)).toThrow();
  });

  test('each container runs an app entry point that exists and gets only variables its app reads', () => {
    for (const { workload, c } of containers) {
      if (c.image === 'openbench/web') continue;
      const app = appOfCommand(c.command ?? [])!;
      expect({ workload, container: c.name, app }).toEqual({ workload, container: c.name, app: expect.any(String) });
      expect(c.command).toEqual(dockerfile.get(APP_TARGETS[app])!.cmd);
      expect({ workload, container: c.name, unread: unread(app, envOf(c).keys()) }).toEqual({ workload, container: c.name, unread: [] });
    }
  });

  test('secret and config references point at keys that exist', () => {
    for (const { c } of containers) {
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref) expect(secretKeys.get(ref.name)).toContain(ref.key);
      }
      for (const ref of c.envFrom ?? []) expect(configMaps.has(ref.configMapRef!.name)).toBe(true);
    }
  });

  test('every container has resource requests and a memory limit', () => {
    for (const { c } of containers) {
      expect(c.resources?.requests?.cpu).toBeDefined();
      expect(c.resources?.requests?.memory).toBeDefined();
      expect(c.resources?.limits?.memory).toBeDefined();
    }
  });

  test('probes ask paths the apps serve, on ports the containers listen on', () => {
    const api = gatewayGetPaths();
    let probes = 0;
    for (const { c } of containers) {
      for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe]) {
        if (!probe?.httpGet) continue;
        probes++;
        const port = c.ports!.find((p) => p.name === probe.httpGet!.port)!;
        if (c.image === 'openbench/web') {
          expect(port.containerPort).toBe(3000);
          expect(nginx).toContain(`location = ${probe.httpGet.path} {`);
        } else if (c.image === 'openbench/worker') {
          // The worker's only HTTP is its metrics listener, which answers /healthz.
          expect(probe.httpGet.path).toBe('/healthz');
          expect(readFileSync(join(ROOT, 'packages/runtime/src/metrics.ts'), 'utf8')).toContain("path === '/healthz'");
          expect(String(port.containerPort)).toBe(envOf(c).get('METRICS_PORT'));
        } else {
          expect(api).toContain(probe.httpGet.path);
          expect(String(port.containerPort)).toBe(envOf(c).get('PORT'));
        }
      }
    }
    expect(probes).toBe(6);
    const gateway = containers.find((x) => x.c.name === 'gateway')!.c;
    expect(gateway.readinessProbe!.httpGet!.path).toBe('/api/ready');
  });

  test('grace periods outlast the apps\' shutdown', () => {
    const env = (name: string) => Object.assign({}, ...[...configMaps.values()].filter((d) => name in d)) as Record<string, string>;
    const grace = (name: string) => named('Deployment', name)!.spec.template.spec.terminationGracePeriodSeconds * 1000;
    expect(grace('worker')).toBeGreaterThan(Number(env('SHUTDOWN_GRACE_MS').SHUTDOWN_GRACE_MS));
    const g = env('SHUTDOWN_DRAIN_MS');
    expect(grace('gateway')).toBeGreaterThan(Number(g.SHUTDOWN_DRAIN_MS) + Number(g.SHUTDOWN_TIMEOUT_MS));
  });

  test('the gateway: Service on the API port only, HPA, PodDisruptionBudget, metrics port annotated for scraping', () => {
    const service = named('Service', 'gateway')!;
    expect(service.spec.ports).toEqual([{ name: 'http', port: 8000, targetPort: 'http' }]);
    expect(named('HorizontalPodAutoscaler', 'gateway')!.spec.scaleTargetRef.name).toBe('gateway');
    expect(named('PodDisruptionBudget', 'gateway')).toBeDefined();
    const pod = named('Deployment', 'gateway')!.spec.template;
    const gatewayConfig = configMaps.get('openbench-gateway-config')!;
    expect(pod.metadata.annotations['prometheus.io/port']).toBe(gatewayConfig.METRICS_PORT);
    expect(pod.spec.containers[0].ports).toContainEqual({ name: 'metrics', containerPort: Number(gatewayConfig.METRICS_PORT) });
  });

  test('KEDA scales the worker Deployment on BullMQ\'s real wait and active lists under the deployment prefix', () => {
    const scaled = named('ScaledObject', 'worker')!;
    expect(named('Deployment', scaled.spec.scaleTargetRef.name)).toBeDefined();
    expect(byKind('HorizontalPodAutoscaler').some((h) => (h as any).spec.scaleTargetRef.name === 'worker')).toBe(false);
    const prefix = configMaps.get('openbench-config')!.REDIS_PREFIX;
    const triggers = scaled.spec.triggers as { type: string; metadata: { listName: string; listLength: string }; authenticationRef: { name: string } }[];
    expect(triggers.map((t) => [t.type, t.metadata.listName])).toEqual([
      ['redis', runQueueListKey(prefix, 'wait')],
      ['redis', runQueueListKey(prefix, 'active')],
    ]);
    for (const t of triggers) {
      expect(t.metadata.listLength).toBe(configMaps.get('openbench-worker-config')!.WORKER_CONCURRENCY);
      const auth = named('TriggerAuthentication', t.authenticationRef.name)!;
      for (const ref of auth.spec.secretTargetRef) expect(secretKeys.get(ref.name)).toContain(ref.key);
    }
  });

  test('the Ingress sends API, admin and docs paths to the gateway and the rest to web, unbuffered for SSE', () => {
    const ingress = named('Ingress', 'openbench')!;
    const paths = new Map<string, string>(ingress.spec.rules[0].http.paths.map((p: any) => [p.path, p.backend.service.name]));
    expect(Object.fromEntries(paths)).toMatchObject({ '/api': 'gateway', '/admin': 'gateway', '/docs': 'gateway', '/': 'web' });
    const a = ingress.metadata.annotations!;
    expect(a['nginx.ingress.kubernetes.io/proxy-buffering']).toBe('off');
    expect(Number(a['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThan(60);
    for (const [, service] of paths) {
      const svc = named('Service', service)!;
      const target = svc.spec.ports[0].targetPort;
      const pod = named('Deployment', service)!.spec.template.spec;
      expect(pod.containers[0].ports.map((p: { name: string }) => p.name)).toContain(target);
    }
  });

  test('every image has an entry in the kustomization\'s images', () => {
    const images = new Set((kustomization.images as { name: string }[]).map((i) => i.name));
    for (const { c } of containers) expect(images).toContain(c.image);
  });

  const kubectl = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));
  (kubectl ? test : test.skip)('`kubectl kustomize k8s/` renders the same objects, in the namespace', () => {
    const rendered = parseAllDocuments(execFileSync(kubectl!, ['kustomize', join(ROOT, 'k8s')], { encoding: 'utf8' })).map((d) => d.toJS() as K8sObject);
    const key = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
    expect(rendered.map(key).sort()).toEqual(k8s.map(key).sort());
    for (const o of rendered) if (o.kind !== 'Namespace') expect(o.metadata.namespace).toBe('openbench');
  });
});

describe('Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(join(ROOT, 'infra/grafana/openbench-dashboard.json'), 'utf8')) as {
    panels: { id: number; type: string; targets?: { expr: string }[] }[];
  };

  function exported(registry: GatewayMetrics['registry']): string[] {
    return registry.getMetricsAsArray().flatMap((m) => {
      const { name, type } = m as unknown as { name: string; type: string };
      return type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
    });
  }

  test('asks only for metrics that gateway and worker export, and shows every OpenBench metric', () => {
    const gateway = new GatewayMetrics({ runQueue: {} as RunQueue, db: {} as Db, sseSubscribers: () => 0 });
    const workerRegistry = createMetricsRegistry('worker');
    new WorkerMetrics(workerRegistry, { activeRuns: () => 0, concurrency: 1 });
    const names = new Set([...exported(gateway.registry), ...exported(workerRegistry)]);
    const exprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
    const used = new Set(exprs.flatMap((e) => [...e.matchAll(/\b((?:openbench|nodejs|process)_[a-z0-9_]+)\b/g)].map((m) => m[1])));
    expect([...used].filter((n) => !names.has(n))).toEqual([]);
    const ours = [...names].filter((n) => n.startsWith('openbench_')).map((n) => n.replace(/_(bucket|sum|count)$/, ''));
    const shown = [...used].map((n) => n.replace(/_(bucket|sum|count)$/, ''));
    expect([...new Set(ours)].filter((n) => !shown.includes(n))).toEqual([]);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
  });
});
