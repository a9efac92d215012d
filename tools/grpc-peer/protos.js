// Loads the StreamWatch .proto files from src/StreamWatch.Contracts/protos at runtime, exactly as the
// .NET side compiles them, so both peers speak from one source of truth.
'use strict';
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const protoRoot = process.env.STREAMWATCH_PROTOS
  || path.resolve(__dirname, '..', '..', 'src', 'StreamWatch.Contracts', 'protos');

function load() {
  const definition = protoLoader.loadSync(
    ['streamwatch/v1/testing/echo.proto', 'streamwatch/v1/ingest.proto', 'grpc/health/v1/health.proto'],
    { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [protoRoot] });
  const root = grpc.loadPackageDefinition(definition);
  return {
    Echo: root.streamwatch.v1.testing.Echo,
    Ingest: root.streamwatch.v1.Ingest,
    Health: root.grpc.health.v1.Health,
  };
}

// Minimal argument parsing: --name value pairs and --flag switches.
function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const key = a.slice(2);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) { out[key] = true; } else { out[key] = next; i++; }
  }
  return out;
}

module.exports = { grpc, load, args };
