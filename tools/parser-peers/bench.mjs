// Parses each file given on the command line with videojs m3u8-parser (HLS) or mpd-parser (DASH)
// for a fixed wall-clock budget and prints one JSON line per file with the throughput.
// Usage: node bench.mjs <seconds-per-file> <file>...
// The file is read and decoded before timing starts: the peer is measured on parsing alone.
import { readFileSync } from 'node:fs';
import { Parser } from 'm3u8-parser';
import { parse as parseMpd } from 'mpd-parser';

const seconds = Number(process.argv[2]);
const files = process.argv.slice(3);
if (!(seconds > 0) || files.length === 0) {
  console.error('usage: node bench.mjs <seconds-per-file> <file>...');
  process.exit(2);
}

function parseHls(text) {
  const parser = new Parser();
  parser.push(text);
  parser.end();
  return parser.manifest;
}

function parseDash(text) {
  return parseMpd(text, { manifestUri: 'http://127.0.0.1/manifest.mpd' });
}

for (const file of files) {
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  const isDash = text.trimStart().startsWith('<');
  const run = isDash ? parseDash : parseHls;
  let sink = 0;
  // Warm-up lets V8 optimise the parser before measuring, as BenchmarkDotNet does for .NET.
  const warmUntil = performance.now() + Math.min(500, seconds * 250);
  while (performance.now() < warmUntil) sink += run(text) ? 1 : 0;
  let iterations = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let now = start;
  while (now < end) {
    sink += run(text) ? 1 : 0;
    iterations++;
    now = performance.now();
  }
  const elapsed = (now - start) / 1000;
  console.log(JSON.stringify({
    file,
    parser: isDash ? 'mpd-parser' : 'm3u8-parser',
    bytes: bytes.length,
    iterations,
    seconds: elapsed,
    mbPerSecond: (bytes.length * iterations) / elapsed / 1e6,
    sink,
  }));
}
