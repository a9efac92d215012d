using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using StreamWatch.Buffers;
using StreamWatch.Contracts.V1;
using StreamWatch.Grpc.Core;
using StreamWatch.Grpc.Internal;

namespace StreamWatch.Benchmarks.Grpc;

/// <summary>
/// The gRPC hot path without the network: framing and serializing a probe report in place, and
/// reading frames back from pooled pipe segments and parsing them. Per message (1,000 per invoke).
/// </summary>
[MemoryDiagnoser]
public class GrpcFramingBenchmarks
{
    private const int Messages = 1_000;
    private static readonly Marshaller<ProbeEnvelope> Marshaller = Marshallers.Protobuf(ProbeEnvelope.Parser);
    private readonly PooledBufferWriter _output = new();
    private readonly FramingSerializationContext _serializer = new(maxSendSize: null);
    private ProbeEnvelope[] _samples = [];
    private ReadOnlySequence<byte> _frames;

    [GlobalSetup]
    public void Setup()
    {
        _samples = ReportSamples.Create(64);
        var writer = new PooledBufferWriter();
        for (var i = 0; i < Messages; i++)
        {
            _serializer.WriteMessage(writer, _samples[i % _samples.Length], Marshaller, MessageCompression.None);
        }

        _frames = new ReadOnlySequence<byte>(writer.WrittenMemory.ToArray());
        writer.Dispose();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _output.Dispose();
        _serializer.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int WriteFramed()
    {
        _output.Clear();
        for (var i = 0; i < Messages; i++)
        {
            _serializer.WriteMessage(_output, _samples[i % _samples.Length], Marshaller, MessageCompression.None);
        }

        return _output.WrittenCount;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task<long> ReadAndParse()
    {
        using var reader = new MessageReader(PipeReader.Create(_frames), maxReceiveSize: 4 * 1024 * 1024, decompress: false);
        long sum = 0;
        while (true)
        {
            var (hasMessage, message) = await reader.ReadAsync(Marshaller, CancellationToken.None).ConfigureAwait(false);
            if (!hasMessage)
            {
                return sum;
            }

            sum += message!.Report.Sequence;
        }
    }
}
