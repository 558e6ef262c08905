// Believable, deterministic data for the simulated services.

/** A small seeded PRNG (mulberry32): the same seed gives the same clinic every time. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Anna',
  'Olga',
  'Ivan',
  'Maria',
  'Sergei',
  'Elena',
  'Dmitry',
  'Natalia',
  'Pavel',
  'Irina',
  'Alexei',
  'Tatiana',
];
const LAST = [
  'Ivanova',
  'Petrov',
  'Smirnova',
  'Kuznetsov',
  'Popova',
  'Sokolov',
  'Lebedeva',
  'Kozlov',
  'Novikova',
  'Morozov',
];
const SOURCES = ['website form', 'Yandex Direct', 'Google Ads', 'ProDoctorov', 'SberZdorovie', 'Instagram'];
const SERVICES = [
  'dental cleaning',
  'implant consultation',
  'braces check-up',
  'tooth whitening',
  'root canal',
  'first visit',
];

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

export function phone(rand: () => number): string {
  const d = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
  return `+7 9${d(2)} ${d(3)}-${d(2)}-${d(2)}`;
}

export function person(rand: () => number): string {
  return `${pick(rand, FIRST)} ${pick(rand, LAST)}`;
}

export function call(id: number, at: number) {
  const rand = random(id * 7919);
  const answered = rand() > 0.15;
  return {
    id,
    startedAt: new Date(at).toISOString(),
    direction: rand() > 0.3 ? 'incoming' : 'outgoing',
    from: phone(rand),
    to: '+7 495 120-45-67',
    extension: 100 + Math.floor(rand() * 6),
    answered,
    durationSec: answered ? 20 + Math.floor(rand() * 400) : 0,
  };
}

export function recording(id: number) {
  const rand = random(id * 104729);
  const durationSec = 30 + Math.floor(rand() * 600);
  return { id: `rec-${id}`, callId: 5000 + id, durationSec, sizeBytes: durationSec * 16_000, format: 'mp3' };
}

export function lead(id: number) {
  const rand = random(id * 31337);
  return {
    id: `L-${id}`,
    name: person(rand),
    phone: phone(rand),
    source: pick(rand, SOURCES),
    service: pick(rand, SERVICES),
  };
}

export const REJECT_REASONS = [
  'phone number missing',
  'duplicate of an existing patient',
  'spam filter: too many requests from one address',
];
