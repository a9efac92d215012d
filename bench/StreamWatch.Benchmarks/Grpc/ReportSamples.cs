using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using StreamWatch.Contracts.V1;

namespace StreamWatch.Benchmarks.Grpc;

/// <summary>Realistic probe reports (manifest polls and segment results, 300-600 bytes encoded).</summary>
public static class ReportSamples
{
    /// <summary>Envelopes cycling through CDNs, renditions and outcomes; the caller sets the sequence.</summary>
    public static ProbeEnvelope[] Create(int count)
    {
        var cdns = new[] { "cdn-a", "cdn-b", "cdn-c" };
        var renditions = new[] { "1080p", "720p", "480p", "360p" };
        var start = new DateTime(2026, 11, 21, 20, 0, 0, DateTimeKind.Utc);
        var envelopes = new ProbeEnvelope[count];
        for (var i = 0; i < count; i++)
        {
            var cdn = cdns[i % cdns.Length];
            var rendition = renditions[i % renditions.Length];
            var reference = new StreamRef { StreamId = "final-hindi", Cdn = cdn, RenditionId = rendition };
            var fetch = new FetchResult
            {
                Outcome = i % 17 == 0 ? FetchOutcome.HttpError : FetchOutcome.Ok,
                HttpStatus = i % 17 == 0 ? 503 : 200,
                BodyBytes = 1800 + (i * 37 % 900),
                Url = $"https://{cdn}.example.net/live/final-hindi/{rendition}/index.m3u8",
                Timings = new FetchTimings
                {
                    Dns = Duration.FromTimeSpan(TimeSpan.FromMicroseconds(800 + i)),
                    Connect = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(3.2)),
                    Tls = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(9.7)),
                    FirstByte = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(41 + (i % 30))),
                    Total = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(58 + (i % 50))),
                },
            };
            fetch.CdnHeaders.Add("Age", (i % 12).ToString(System.Globalization.CultureInfo.InvariantCulture));
            fetch.CdnHeaders.Add("X-Cache", i % 5 == 0 ? "MISS" : "HIT");
            fetch.CdnHeaders.Add("Via", "1.1 varnish, 1.1 edge-fra-3");
            fetch.CdnHeaders.Add("Server", "ECAcc (frc/4C9A)");
            fetch.CdnHeaders.Add("X-Request-Id", $"b3f1c2d4-{i:x8}-4e1a-9c7d-2f6a8e0b1c3d");

            var report = new ProbeReport { ObservedAt = Timestamp.FromDateTime(start.AddMilliseconds(i * 250)) };
            if (i % 2 == 0)
            {
                var poll = new ManifestPoll
                {
                    Ref = reference,
                    Fetch = fetch,
                    MediaSequence = 48_213 + i,
                    TargetDuration = Duration.FromTimeSpan(TimeSpan.FromSeconds(6)),
                    PlaylistAge = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(2300 + (i % 4000))),
                    Stale = i % 23 == 0,
                    LiveEdgeLatency = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(14_200 + (i % 900))),
                    CdnSkew = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(i % 3 * 1100)),
                    SegmentCount = 6,
                };
                if (i % 4 == 0)
                {
                    poll.Findings.Add(new Finding
                    {
                        Code = "HLS-EXTINF-EXCEEDS-TARGET",
                        Severity = Severity.Error,
                        Message = "EXTINF 6.4 s exceeds EXT-X-TARGETDURATION 6 s",
                        Url = fetch.Url,
                        Line = 12,
                    });
                }

                report.Manifest = poll;
            }
            else
            {
                fetch.Url = $"https://{cdn}.example.net/live/final-hindi/{rendition}/seg_{48_213 + i}.ts";
                fetch.BodyBytes = 1_450_000 + (i * 9173 % 400_000);
                report.Segment = new SegmentResult
                {
                    Ref = reference,
                    Fetch = fetch,
                    MediaSequence = 48_213 + i,
                    Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(6)),
                    ThroughputBps = 48_000_000 + (i * 7919 % 9_000_000),
                    DownloadRatio = 12.5 + (i % 10),
                    MeasuredBitrateBps = 1_950_000 + (i * 1301 % 200_000),
                    DeclaredBandwidthBps = 2_000_000,
                };
            }

            envelopes[i] = new ProbeEnvelope { Report = new SequencedReport { Sequence = 1, Report = report } };
        }

        return envelopes;
    }

    public static (int Min, int Max, double Mean) Sizes(ProbeEnvelope[] envelopes)
    {
        int min = int.MaxValue, max = 0;
        long total = 0;
        foreach (var envelope in envelopes)
        {
            envelope.Report.Sequence = 1_000_000;
            var size = envelope.CalculateSize();
            min = Math.Min(min, size);
            max = Math.Max(max, size);
            total += size;
        }

        return (min, max, (double)total / envelopes.Length);
    }
}
