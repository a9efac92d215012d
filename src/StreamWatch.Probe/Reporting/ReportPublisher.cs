using System.Diagnostics.Metrics;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;
using StreamWatch.Contracts.V1;
using StreamWatch.Grpc.Client;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Probe.Reporting;

/// <summary>
/// Streams the sink's reports to every alerting endpoint over <c>Ingest.Report</c> (ingest.proto): hello first, resume
/// after alerting's acked high-water mark, cumulative acks trim the outbox, reconnect with capped exponential backoff and
/// jitter, resend what was not acked. Each endpoint is independent, so alerting replicas can take over from each other.
/// </summary>
internal sealed partial class ReportPublisher : BackgroundService
{
    private static readonly string Version = typeof(ReportPublisher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private readonly IProbeReportSink _sink;
    private readonly ReportingOptions _options;
    private readonly ReportingMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<ReportPublisher> _logger;
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly int[] _connected;

    public ReportPublisher(IProbeReportSink sink, IOptions<ReportingOptions> options, ReportingMetrics metrics, TimeProvider time, ILogger<ReportPublisher> logger)
    {
        _sink = sink;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        var endpoints = _options.Endpoints.Count;
        Outbox = new ReportOutbox(sink.Reader, _options.MaxUnacked, endpoints);
        _connected = new int[endpoints];
        _tags = new KeyValuePair<string, object?>[endpoints];
        for (var i = 0; i < endpoints; i++)
        {
            _tags[i] = new("endpoint", i.ToString(CultureInfo.InvariantCulture));
        }

        metrics.Unacked = ObserveUnacked;
        metrics.Connected = ObserveConnected;
    }

    /// <summary>The outbox (for tests and the bench).</summary>
    public ReportOutbox Outbox { get; }

    /// <summary>Whether endpoint <paramref name="endpoint"/> has an open call past its hello.</summary>
    public bool IsConnected(int endpoint) => Volatile.Read(ref _connected[endpoint]) == 1;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Endpoints.Count == 0)
        {
            // Reports stay in the sink's bounded buffer, oldest dropped and counted; probing goes on.
            LogNoEndpoint(_logger, ReportingOptions.EndpointsSection + ":0", _options.BufferSize);
            return Task.CompletedTask;
        }

        var runs = new Task[_options.Endpoints.Count];
        for (var i = 0; i < runs.Length; i++)
        {
            runs[i] = RunEndpointAsync(i, new Uri(_options.Endpoints[i], UriKind.Absolute), stoppingToken);
        }

        return Task.WhenAll(runs);
    }

    private async Task RunEndpointAsync(int endpoint, Uri address, CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { TimeProvider = _time });
        var client = new Ingest.IngestClient(channel);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var greeted = false;
            try
            {
                greeted = await RunCallAsync(client, endpoint, address, stoppingToken);
                LogCallEnded(_logger, address);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever ends a call (UNAVAILABLE, a reset stream, a broken connection) is retried: a dead report
                // stream must never stop the probe host, which keeps probing and buffering meanwhile.
                LogCallFailed(_logger, address, ex.Message);
            }
            finally
            {
                Volatile.Write(ref _connected[endpoint], 0);
                Outbox.Disconnected(endpoint);
            }

            failures = greeted ? 1 : failures + 1;
            _metrics.Reconnects.Add(1, _tags[endpoint]);
            try
            {
                await Task.Delay(Backoff(failures), _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One Report call; true when it got past the hello (the backoff then starts over).</summary>
    private async Task<bool> RunCallAsync(Ingest.IngestClient client, int endpoint, Uri address, CancellationToken stoppingToken)
    {
        using var callCts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var ct = callCts.Token;
        using var call = client.Report(cancellationToken: ct);
        var hello = new ProbeHello { ProbeId = _options.ProbeId, LastAckedSequence = Outbox.Acked(endpoint), Version = Version };
        await call.RequestStream.WriteAsync(new ProbeEnvelope { Hello = hello }, ct);
        // A server that accepts the call but never answers would otherwise hold this endpoint forever (a TimeoutException
        // ends the call like any failure; disposing the call resets the stream).
        if (!await call.ResponseStream.MoveNext(ct).WaitAsync(_options.HelloTimeout, _time, ct))
        {
            return false;
        }

        var next = Outbox.Resume(endpoint, call.ResponseStream.Current.AckedSequence, out var gap);
        Volatile.Write(ref _connected[endpoint], 1);
        LogConnected(_logger, address, next - 1);
        if (gap > 0)
        {
            _metrics.Missed.Add(gap, _tags[endpoint]);
            LogGap(_logger, address, gap);
        }

        var acks = ReadAcksAsync(call.ResponseStream, endpoint, ct);
        try
        {
            await SendAsync(call.RequestStream, acks, endpoint, next, ct);
            await acks;
        }
        finally
        {
            await callCts.CancelAsync();
            await acks.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return true;
    }

    // Returns when the ack reader ends (the server closed the call or it failed); write failures throw.
    private async Task SendAsync(IClientStreamWriter<ProbeEnvelope> requests, Task acks, int endpoint, long next, CancellationToken ct)
    {
        var batched = new WriteOptions(WriteFlags.BufferHint);
        var envelope = new ProbeEnvelope();
        var sequenced = new SequencedReport();
        Task<bool>? waiting = null;
        var maxUnacked = _options.MaxUnacked;
        while (!acks.IsCompleted)
        {
            var changed = Outbox.Changed;
            var take = Outbox.TryTake(endpoint, maxUnacked, ref next, out var report);
            if (take == ReportOutbox.Take.Report)
            {
                // The envelope is reused: the writer serializes it before WriteAsync completes.
                sequenced.Sequence = next;
                sequenced.Report = report;
                envelope.Report = sequenced;
                requests.WriteOptions = Outbox.HasReady(endpoint, maxUnacked, next + 1) ? batched : WriteOptions.Default;
                await requests.WriteAsync(envelope, ct);
                _metrics.Sent.Add(1, _tags[endpoint]);
                next++;
                continue;
            }

            if (take == ReportOutbox.Take.Empty && waiting is null)
            {
                waiting = Outbox.Waiting.WaitToReadAsync(ct).AsTask();
            }

            var woke = take == ReportOutbox.Take.Empty
                ? await Task.WhenAny(changed, acks, waiting!)
                : await Task.WhenAny(changed, acks);
            if (woke == waiting)
            {
                waiting = null;

                // False: the sink was completed (never, today); end the call cleanly rather than spin.
                if (!await ((Task<bool>)woke).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    private async Task ReadAcksAsync(IAsyncStreamReader<IngestAck> acks, int endpoint, CancellationToken ct)
    {
        while (await acks.MoveNext(ct))
        {
            Outbox.Ack(endpoint, acks.Current.AckedSequence);
        }
    }

    private TimeSpan Backoff(int failures)
    {
        // Exponential from ReconnectDelay, capped, with "equal jitter": half fixed, half random, so replicas restarted
        // together do not reconnect in lockstep and the delay never collapses to zero.
        var ceiling = _options.ReconnectDelay.Ticks * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = Math.Min(ceiling, _options.MaxReconnectDelay.Ticks);
        return TimeSpan.FromTicks((long)((capped / 2) + (Random.Shared.NextDouble() * capped / 2)));
    }

    private IEnumerable<Measurement<long>> ObserveUnacked()
    {
        for (var i = 0; i < _tags.Length; i++)
        {
            yield return new Measurement<long>(Outbox.Unacked(i), _tags[i]);
        }
    }

    private IEnumerable<Measurement<int>> ObserveConnected()
    {
        for (var i = 0; i < _tags.Length; i++)
        {
            yield return new Measurement<int>(Volatile.Read(ref _connected[i]), _tags[i]);
        }
    }
}
