// The grpc-js peer's server: Echo (interop tests) and Ingest (benchmark), same behaviour as the .NET
// test services. Usage: node server.js --port N [--max-receive BYTES] [--gzip]
// Prints "listening on N" once bound.
'use strict';
const { grpc, load, args } = require('./protos');

const opts = args(process.argv.slice(2));
const port = Number(opts.port || process.env.PORT || 0);
const { Echo, Ingest } = load();

function echoHeaders(metadata) {
  const headers = {};
  for (const [key, values] of Object.entries(metadata.getMap())) {
    if (!key.startsWith('x-echo-')) continue;
    headers[key] = Buffer.isBuffer(values) ? values.toString('base64') : String(values);
  }
  return headers;
}

function fail(call, callback, request) {
  const err = { code: request.status_code, details: request.status_message };
  const trailers = new grpc.Metadata();
  trailers.set('x-echo-trailer', 'failed');
  err.metadata = trailers;
  callback ? callback(err) : call.emit('error', err);
}

function response(request, count, metadata) {
  let payload = request.payload || Buffer.alloc(0);
  if (request.response_size > 0) payload = Buffer.concat([payload, Buffer.alloc(request.response_size)]);
  return { message: request.message, payload, count, headers: echoHeaders(metadata) };
}

function later(call, ms, fn) {
  if (!ms) return fn();
  const timer = setTimeout(fn, ms);
  call.on('cancelled', () => clearTimeout(timer));
}

const echo = {
  Unary(call, callback) {
    const r = call.request;
    later(call, r.delay_ms, () => {
      if (r.status_code) return fail(call, callback, r);
      const trailers = new grpc.Metadata();
      trailers.set('x-echo-trailer', 'ok');
      callback(null, response(r, 1, call.metadata), trailers);
    });
  },
  ClientStream(call, callback) {
    const parts = [];
    let last = null;
    call.on('data', (r) => { parts.push(r.message); last = r; });
    call.on('end', () => {
      if (last && last.status_code) return fail(call, callback, last);
      callback(null, { message: parts.join(''), count: parts.length, headers: echoHeaders(call.metadata) });
    });
  },
  ServerStream(call) {
    const r = call.request;
    let i = 0;
    const next = () => {
      if (call.cancelled) return;
      if (i === r.repeat) {
        if (r.status_code) return fail(call, null, r);
        return call.end();
      }
      i++;
      call.write(response(r, i, call.metadata));
      later(call, r.delay_ms, next);
    };
    next();
  },
  Bidi(call) {
    let count = 0;
    call.on('data', (r) => {
      if (r.status_code) return fail(call, null, r);
      count++;
      call.write(response(r, count, call.metadata));
    });
    call.on('end', () => call.end());
  },
};

// Ingest: cumulative acks every 512 reports and at the end of the request stream.
const ingest = {
  Report(call) {
    let acked = 0;
    let highest = 0;
    let duplicates = 0;
    call.on('data', (envelope) => {
      if (envelope.body === 'hello') {
        call.write({ acked_sequence: String(acked), duplicates: '0' });
        return;
      }
      const seq = Number(envelope.report.sequence);
      if (seq <= highest) { duplicates++; return; }
      highest = seq;
      if (highest - acked >= 512) {
        acked = highest;
        call.write({ acked_sequence: String(acked), duplicates: String(duplicates) });
        duplicates = 0;
      }
    });
    call.on('end', () => {
      call.write({ acked_sequence: String(highest), duplicates: String(duplicates) });
      call.end();
    });
  },
};

const serverOptions = {};
if (opts['max-receive']) serverOptions['grpc.max_receive_message_length'] = Number(opts['max-receive']);
if (opts.gzip) serverOptions['grpc.default_compression_algorithm'] = 2;
const server = new grpc.Server(serverOptions);
server.addService(Echo.service, echo);
server.addService(Ingest.service, ingest);
server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => {
  if (err) { console.error(err); process.exit(1); }
  console.log(`listening on ${bound}`);
});
process.on('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
