// The grpc-js peer's client: runs one scenario against a server and prints "RESULT <json>".
// Usage: node client.js --target 127.0.0.1:N --scenario NAME
// Scenarios: unary, client_stream, server_stream, bidi, deadline, unimplemented_method,
// unimplemented_service, oversize_request, oversize_response, gzip, status, metadata.
'use strict';
const { grpc, load, args } = require('./protos');

const opts = args(process.argv.slice(2));
const { Echo } = load();
const gzip = opts.scenario === 'gzip';
const client = new Echo(opts.target, grpc.credentials.createInsecure(),
  gzip ? { 'grpc.default_compression_algorithm': 2 } : {});

function done(result) {
  console.log('RESULT ' + JSON.stringify(result));
  client.close();
  process.exit(0);
}

function fromError(err) {
  return { ok: false, code: err.code, details: err.details, trailer: err.metadata ? err.metadata.get('x-echo-trailer')[0] || null : null };
}

function unary(request, extra) {
  // Resolves once both the callback (message or error) and the 'status' event (trailers) arrived,
  // whichever grpc-js delivers first.
  return new Promise((resolve) => {
    const metadata = extra && extra.metadata ? extra.metadata : new grpc.Metadata();
    const options = extra && extra.deadline ? { deadline: extra.deadline } : {};
    let result = null;
    let trailer;
    const finish = () => { if (result && trailer !== undefined) resolve({ ...result, trailer: result.trailer || trailer }); };
    const call = client.Unary(request, metadata, options, (err, res) => {
      result = err ? fromError(err)
        : { ok: true, message: res.message, payloadLength: res.payload.length, count: res.count, headers: res.headers };
      finish();
    });
    call.on('status', (s) => { trailer = s.metadata.get('x-echo-trailer')[0] || null; finish(); });
  });
}

const scenarios = {
  async unary() { return unary({ message: 'hello from grpc-js', payload: Buffer.from([1, 2, 3]) }); },
  async client_stream() {
    return new Promise((resolve) => {
      const call = client.ClientStream((err, res) => resolve(err ? fromError(err) : { ok: true, message: res.message, count: res.count }));
      for (const m of ['a', 'b', 'c']) call.write({ message: m });
      call.end();
    });
  },
  async server_stream() {
    return new Promise((resolve) => {
      const messages = [];
      const call = client.ServerStream({ message: 'tick', repeat: 5 });
      call.on('data', (r) => messages.push(`${r.message}#${r.count}`));
      call.on('error', (err) => resolve(fromError(err)));
      call.on('end', () => resolve({ ok: true, messages }));
    });
  },
  async bidi() {
    return new Promise((resolve) => {
      const messages = [];
      const call = client.Bidi();
      const sent = ['x', 'y', 'z'];
      call.on('data', (r) => {
        messages.push(`${r.message}#${r.count}`);
        if (messages.length < sent.length) call.write({ message: sent[messages.length] });
        else call.end();
      });
      call.on('error', (err) => resolve(fromError(err)));
      call.on('end', () => resolve({ ok: true, messages }));
      call.write({ message: sent[0] });
    });
  },
  async deadline() { return unary({ message: 'slow', delay_ms: 5000 }, { deadline: Date.now() + 300 }); },
  async unimplemented_method() {
    return new Promise((resolve) => {
      client.makeUnaryRequest('/streamwatch.v1.testing.Echo/DoesNotExist', (x) => x, (x) => x, Buffer.alloc(0),
        (err) => resolve(err ? fromError(err) : { ok: true }));
    });
  },
  async unimplemented_service() {
    return new Promise((resolve) => {
      client.makeUnaryRequest('/streamwatch.v1.NoSuchService/Method', (x) => x, (x) => x, Buffer.alloc(0),
        (err) => resolve(err ? fromError(err) : { ok: true }));
    });
  },
  async oversize_request() { return unary({ message: 'big', payload: Buffer.alloc(5 * 1024 * 1024, 7) }); },
  async oversize_response() { return unary({ message: 'big reply', response_size: 5 * 1024 * 1024 }); },
  async gzip() { return unary({ message: 'squeeze me', payload: Buffer.alloc(64 * 1024, 65) }); },
  async status() {
    return unary({ message: 'fail', status_code: 9, status_message: opts.message || 'bad: 100% \u2713 "quoted"\nline two' });
  },
  async metadata() {
    const metadata = new grpc.Metadata();
    metadata.set('x-echo-plain', 'plain value');
    metadata.set('x-echo-data-bin', Buffer.from([0, 1, 2, 250, 255]));
    return unary({ message: 'meta' }, { metadata });
  },
};

const run = scenarios[opts.scenario];
if (!run) { console.error(`unknown scenario ${opts.scenario}`); process.exit(2); }
run().then(done, (err) => { console.error(err); process.exit(1); });
