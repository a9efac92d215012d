using System.Threading.Channels;
using StreamWatch.Contracts.V1;
using StreamWatch.Probe.Measurement;

namespace StreamWatch.Probe.Reporting;

/// <summary>A bounded in-memory buffer: the newest reports win when the consumer falls behind.</summary>
internal sealed class ChannelProbeReportSink : IProbeReportSink
{
    /// <summary>Reports buffered before the oldest is dropped.</summary>
    public const int Capacity = 10_000;

    private readonly Channel<ProbeReport> _channel;

    public ChannelProbeReportSink(ProbeMetrics metrics)
    {
        _channel = Channel.CreateBounded<ProbeReport>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => metrics.ReportsDropped.Add(1));
    }

    public ChannelReader<ProbeReport> Reader => _channel.Reader;

    public void Write(ProbeReport report) => _channel.Writer.TryWrite(report);
}
