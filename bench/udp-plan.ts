// What bench/udp-ingest offers — the datagrams it hands the sender, and the last update of every record it then
// expects in the database: hosts × apps × instances records, visited in a scattered order round after round;
// each round, 2 % of the records move to a new version, the others repeat theirs.
export interface SenderPlan {
  port: number;
  hosts: number;
  apps: number;
  instances: number;
  phases: { rate: number; updates: number }[];
}

export const recordCount = (p: SenderPlan): number => p.hosts * p.apps * p.instances;

/** Update number `i` of the whole run. */
export function updateAt(p: SenderPlan, i: number): { app: string; ver: string; host: string; instance: number } {
  const n = recordCount(p);
  const round = Math.floor(i / n);
  // 7919 is prime and does not divide n here, so (i * 7919) mod n visits every record once per round.
  const k = (i * 7919) % n;
  const instance = k % p.instances;
  const app = Math.floor(k / p.instances) % p.apps;
  const host = Math.floor(k / (p.instances * p.apps));
  // Record k changes version in the rounds where round ≡ k (mod 50): 2 % of records per round.
  const changes = Math.floor((round + 50 - (k % 50)) / 50);
  return { app: `bench-app-${app}`, ver: `1.${changes}.0`, host: `bench-host-${host}.example`, instance };
}
