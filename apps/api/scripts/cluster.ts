import { type ChildProcess, spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { buildBundle, HARBOR_NODE_FLAGS } from './bundle.ts';

// `pnpm cluster`: Harbor as separate processes on this machine, each with its roles
// (HARBOR_ROLES), sharing NATS JetStream (BUS_URL) and PostgreSQL (DATABASE_URL), for demos
// and benchmarks. The first api process migrates and seeds; the others start after it.
// Ctrl-C stops them all. Ports: api i on 3000+i, gateway i on JT/T 808 6808+i and AIS
// 10110+i (health and metrics on 3100+i), tracker i's health and metrics on 3200+i.

const USAGE = 'usage: pnpm cluster -- [--gateways N] [--trackers N] [--apis N]   (N from 1 to 16)';

function options() {
  // pnpm passes on the `--` of `pnpm cluster -- --gateways 2` (the README's form).
  const argv = process.argv.slice(2);
  try {
    return parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : argv,
      options: {
        apis: { type: 'string', default: '1' },
        gateways: { type: 'string', default: '2' },
        trackers: { type: 'string', default: '2' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`cluster: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
}
const values = options();
const count = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16) {
    process.stderr.write(`cluster: --${name} expects a whole number from 1 to 16\n`);
    process.exit(2);
  }
  return n;
};
const apis = count('apis', values.apis);
const gateways = count('gateways', values.gateways);
const trackers = count('trackers', values.trackers);

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write(
    'cluster: set DATABASE_URL to a PostgreSQL database the processes share, e.g.\n' +
      '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/harbor pnpm cluster\n',
  );
  process.exit(2);
}
const busUrl = process.env.BUS_URL ?? 'nats://127.0.0.1:4222';
// Every process runs the bundle of the sources as they are now (scripts/bundle.ts).
const MAIN = await buildBundle();

type Member = { name: string; child: ChildProcess; health: string; describe: string };
const members: Member[] = [];

function launch(name: string, env: Record<string, string>, describe: string): Member {
  const child = spawn(process.execPath, [...HARBOR_NODE_FLAGS, MAIN], {
    env: { ...process.env, DATABASE_URL: databaseUrl, BUS_URL: busUrl, SEED: 'false', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const member = { name, child, health: `http://127.0.0.1:${env.PORT}/readyz`, describe };
  child.once('exit', (code, signal) => {
    process.stderr.write(`cluster: ${name} exited (${signal ?? `code ${code}`})\n`);
    if (!stopping) stop(1);
  });
  members.push(member);
  return member;
}

async function ready(member: Member): Promise<void> {
  for (;;) {
    const ok = await fetch(member.health).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (member.child.exitCode !== null) throw new Error(`${member.name} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const member of members) member.child.kill('SIGTERM');
  const left = () => members.filter((member) => member.child.exitCode === null).length;
  const check = setInterval(() => {
    if (left() === 0) {
      clearInterval(check);
      process.exit(code);
    }
  }, 100);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const first = launch(
  'api-0',
  { HARBOR_ROLES: 'api', PORT: '3000', SEED: 'true' },
  'http://127.0.0.1:3000',
);
await ready(first);
for (let i = 1; i < apis; i++)
  launch(
    `api-${i}`,
    { HARBOR_ROLES: 'api', PORT: String(3000 + i) },
    `http://127.0.0.1:${3000 + i}`,
  );
for (let i = 0; i < gateways; i++)
  launch(
    `gateway-${i}`,
    {
      HARBOR_ROLES: 'gateway',
      PORT: String(3100 + i),
      JT808_PORT: String(6808 + i),
      AIS_PORT: String(10110 + i),
    },
    `JT/T 808 :${6808 + i}, AIS :${10110 + i}, metrics :${3100 + i}`,
  );
for (let i = 0; i < trackers; i++)
  launch(
    `tracker-${i}`,
    { HARBOR_ROLES: 'tracker', PORT: String(3200 + i) },
    `metrics :${3200 + i}`,
  );
await Promise.all(members.map(ready));
process.stdout.write(
  `Harbor cluster ready on ${busUrl} and ${databaseUrl.replace(/\/\/[^@]*@/, '//')}:\n${members
    .map((member) => `  ${member.name.padEnd(11)} ${member.describe}`)
    .join('\n')}\n`,
);
