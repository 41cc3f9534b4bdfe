import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../../src/config/config.js';
import { KURRENTDB_IMAGE } from '../../src/eventStore/kurrentdb/version.js';

// No container engine runs where these tests run: they check the files, `docker compose config` does the rest.
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, unknown>;
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = Object.entries(compose.services);
const inCluster = services.filter(([, s]) => s.profiles?.includes('cluster'));
const isPinned = (image: string) => /^[\w./-]+:(?!latest$)[\w.-]*\d[\w.-]*$/.test(image);

describe('docker-compose.yml', () => {
  it('pins every image it pulls to a version tag (never latest)', () => {
    for (const [name, service] of services) {
      if (service.build) continue;
      expect(service.image, name).toBeDefined();
      expect(isPinned(service.image ?? ''), `${name}: ${service.image}`).toBe(true);
    }
  });

  it('runs the KurrentDB image the adapter is tested with on every node', () => {
    const nodes = services.filter(([name]) => name.startsWith('kurrentdb'));
    expect(nodes.map(([name]) => name).sort()).toEqual([
      'kurrentdb',
      'kurrentdb-node1',
      'kurrentdb-node2',
      'kurrentdb-node3',
    ]);
    for (const [, node] of nodes) expect(node.image).toBe(KURRENTDB_IMAGE);
  });

  it('has the API and one KurrentDB node outside any profile', () => {
    const always = services.filter(([, s]) => !s.profiles).map(([name]) => name);
    expect(always.sort()).toEqual(['api', 'kurrentdb']);
    expect(compose.services.api?.build).toBe('.');
    expect(compose.services.api?.environment?.LEDGER_KURRENTDB_URL).toBe('kurrentdb://kurrentdb:2113?tls=false');
  });

  it('has a cluster profile: three gossiping nodes, two API instances on their own volumes, a proxy', () => {
    const nodes = inCluster.filter(([name]) => name.startsWith('kurrentdb-node'));
    expect(nodes).toHaveLength(3);
    for (const [name, node] of nodes) {
      expect(node.environment?.KURRENTDB_CLUSTER_SIZE).toBe('3');
      const seeds = (node.environment?.KURRENTDB_GOSSIP_SEED ?? '').split(',').map((seed) => seed.split(':')[0]);
      expect(seeds.sort()).toEqual(nodes.map(([other]) => other).filter((other) => other !== name));
    }
    const apis = inCluster.filter(([name]) => name.startsWith('api-'));
    expect(apis).toHaveLength(2);
    const dataVolumes = apis.map(([, api]) => api.volumes?.find((v) => v.endsWith(':/data')));
    expect(new Set(dataVolumes).size).toBe(2);
    for (const [, api] of apis) {
      expect(api.environment?.LEDGER_STORE).toBe('kurrentdb');
      for (const [node] of nodes) expect(api.environment?.LEDGER_KURRENTDB_URL).toContain(`${node}:2113`);
      expect(Object.keys(api.depends_on ?? {}).sort()).toEqual(nodes.map(([node]) => node));
    }
    expect(inCluster.map(([name]) => name)).toContain('proxy');
  });

  it('only sets configuration variables the service knows', () => {
    const known = new Set(Object.keys(configSchema.shape));
    for (const [name, service] of services)
      for (const variable of Object.keys(service.environment ?? {}))
        if (!variable.startsWith('KURRENTDB_')) expect(known.has(variable), `${name}: ${variable}`).toBe(true);
  });

  it('declares every named volume it mounts', () => {
    for (const [, service] of services)
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] ?? '';
        if (source.startsWith('.')) expect(existsSync(new URL(`../../${source}`, import.meta.url)), source).toBe(true);
        else expect(compose.volumes).toHaveProperty(source);
      }
  });
});

describe('deploy/nginx.conf', () => {
  it('balances over both cluster API instances', () => {
    const conf = read('deploy/nginx.conf');
    const upstreams = [...conf.matchAll(/^\s*server\s+([\w-]+):3000\b/gm)].map((m) => m[1]);
    expect(upstreams).toEqual(inCluster.filter(([name]) => name.startsWith('api-')).map(([name]) => name));
    expect(conf).toMatch(/proxy_set_header X-Request-Id/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds in stages from pinned images and runs as a non-root user', () => {
    const bases = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1] ?? '');
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const base of bases) expect(isPinned(base), base).toBe(true);
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    const lastStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(lastStage).toMatch(/^USER node$/m);
    expect(lastStage).not.toMatch(/python3|g\+\+/);
  });

  it('listens on all interfaces, keeps data in a volume and checks /health', () => {
    expect(dockerfile).toMatch(/LEDGER_HOST=0\.0\.0\.0/);
    expect(dockerfile).toMatch(/LEDGER_DATA_DIR=\/data/);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/health/m);
    expect(dockerfile).toMatch(/^CMD \["serve"\]$/m);
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    const sources = [...dockerfile.matchAll(/^COPY\s+(?!--from)(.+)\s+\S+$/gm)].flatMap((m) =>
      (m[1] ?? '').split(/\s+/).filter((part) => !part.startsWith('--')),
    );
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'src']));
    for (const source of sources) {
      if (source.includes('[')) continue;
      expect(existsSync(new URL(`../../${source}`, import.meta.url)), source).toBe(true);
      expect(ignored, source).not.toContain(source);
    }
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', '.git', '.env']));
  });
});
