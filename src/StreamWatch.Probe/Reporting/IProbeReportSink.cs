using System.Threading.Channels;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Probe.Reporting;

/// <summary>Where the probe's reports go. Writing never blocks a poll.</summary>
public interface IProbeReportSink
{
    /// <summary>Queues a report; when the buffer is full the oldest report is dropped and counted.</summary>
    void Write(ProbeReport report);

    /// <summary>The reports, in the order written, for the consumer (the gRPC stream to alerting, next).</summary>
    ChannelReader<ProbeReport> Reader { get; }
}
