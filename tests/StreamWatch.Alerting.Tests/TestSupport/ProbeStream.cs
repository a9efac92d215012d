using Google.Protobuf.WellKnownTypes;
using StreamWatch.Contracts.V1;
using StreamWatch.Grpc.Client;
using StreamWatch.Grpc.Core;

namespace StreamWatch.Alerting.Tests.TestSupport;

/// <summary>A probe's side of one ingest call, through the real gRPC client: hello, sequenced reports, acks collected.</summary>
internal sealed class ProbeStream : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<ProbeEnvelope, IngestAck> _call;
    private readonly Task _reader;
    private readonly Lock _gate = new();
    private readonly List<IngestAck> _acks = [];

    private ProbeStream(GrpcChannel channel, AsyncDuplexStreamingCall<ProbeEnvelope, IngestAck> call)
    {
        _channel = channel;
        _call = call;
        _reader = Task.Run(ReadAsync);
    }

    public IReadOnlyList<IngestAck> Acks
    {
        get
        {
            lock (_gate)
            {
                return [.. _acks];
            }
        }
    }

    public long Acked
    {
        get
        {
            lock (_gate)
            {
                return _acks.Count == 0 ? -1 : _acks[^1].AckedSequence;
            }
        }
    }

    public long Duplicates
    {
        get
        {
            lock (_gate)
            {
                return _acks.Sum(a => a.Duplicates);
            }
        }
    }

    /// <summary>The call's error, once it failed.</summary>
    public Exception? Error { get; private set; }

    public static Task<ProbeStream> OpenAsync(AlertingTestHost host, string probeId = "probe-1")
        => OpenAsync(host.GrpcAddress, probeId);

    public static async Task<ProbeStream> OpenAsync(Uri grpcAddress, string probeId = "probe-1")
    {
        var channel = GrpcChannel.ForAddress(grpcAddress);
        var call = new StreamWatch.Contracts.V1.Ingest.IngestClient(channel).Report(deadline: DateTime.UtcNow.AddMinutes(5), cancellationToken: TestContext.Current.CancellationToken);
        await call.RequestStream.WriteAsync(new ProbeEnvelope { Hello = new ProbeHello { ProbeId = probeId, Version = "test" } });
        var stream = new ProbeStream(channel, call);
        await stream.WaitForAckAsync(0);
        return stream;
    }

    public Task SendAsync(long sequence, ProbeReport report)
        => _call.RequestStream.WriteAsync(new ProbeEnvelope { Report = new SequencedReport { Sequence = sequence, Report = report } });

    /// <summary>Waits (hang guard 30 s) until an ack of at least <paramref name="sequence"/> arrived.</summary>
    public async Task WaitForAckAsync(long sequence)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(30));
        while (Acked < sequence)
        {
            if (Error is not null)
            {
                throw new InvalidOperationException($"The ingest call failed before ack {sequence}.", Error);
            }

            await Task.Delay(10, guard.Token);
        }
    }

    public async Task CompleteAsync()
    {
        await _call.RequestStream.CompleteAsync();
        await _reader.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _call.Dispose();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
        }

        _channel.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None))
            {
                lock (_gate)
                {
                    _acks.Add(_call.ResponseStream.Current);
                }
            }
        }
        catch (Exception exception) when (exception is RpcException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            Error = exception;
        }
    }

    /// <summary>A manifest poll of final-hindi on <paramref name="cdn"/>, 720p: ok, or failed with 503.</summary>
    public static ProbeReport Poll(DateTimeOffset at, bool ok, string cdn = "cdn-a", string stream = EngineHarness.StreamId) => new()
    {
        ObservedAt = Timestamp.FromDateTimeOffset(at),
        Manifest = new ManifestPoll
        {
            Ref = new StreamRef { StreamId = stream, Cdn = cdn, RenditionId = "720p" },
            Fetch = new FetchResult { Outcome = ok ? FetchOutcome.Ok : FetchOutcome.HttpError, HttpStatus = ok ? 200 : 503 },
            MediaSequence = 100,
            TargetDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(6)),
            PlaylistAge = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
            SegmentCount = 5,
        },
    };
}
