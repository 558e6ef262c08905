// What one HTTP request costs a process through Node's fetch (undici) and through node:http:
// a local server answers a 1 KB JSON body; after a warm-up, N requests one after another;
// CPU time, RSS and heap every 2 000 requests (BENCHMARKS.md, "Where it goes", session 6).
//
//   npx tsx bench/profile/fetch-vs-http.ts fetch|http [N=1000]
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const mode = process.argv[2];
const n = Number(process.argv[3] ?? 1_000);
if (mode !== 'fetch' && mode !== 'http') {
  process.stderr.write('usage: fetch-vs-http.ts fetch|http [N]\n');
  process.exit(2);
}
const answer = JSON.stringify({ items: Array.from({ length: 20 }, (_, id) => ({ id, name: 'x'.repeat(30) })) });
const server = http.createServer((_req, res) => res.end(answer)).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/items`;

const viaFetch = async () => {
  await (await fetch(url)).text();
};
const viaHttp = () =>
  new Promise<string>((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
const one = mode === 'fetch' ? viaFetch : viaHttp;
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

for (let i = 0; i < 300; i++) await one();
const cpu0 = process.cpuUsage();
for (let i = 0; i < n; i++) {
  await one();
  if (i % 2_000 === 0)
    console.log(
      `${i} requests: RSS ${mb(process.memoryUsage().rss)} MB, heap ${mb(process.memoryUsage().heapUsed)} MB`,
    );
}
const cpu = process.cpuUsage(cpu0);
console.log(
  `${mode}: ${((cpu.user + cpu.system) / n / 1000).toFixed(2)} ms of CPU per request (server included), RSS ${mb(process.memoryUsage().rss)} MB`,
);
server.close();
