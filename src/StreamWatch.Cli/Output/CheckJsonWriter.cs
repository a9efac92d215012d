using StreamWatch.Cli.Check;
using StreamWatch.Media;

namespace StreamWatch.Cli.Output;

/// <summary>Writes a check report as the CONTRACTS.md document (<c>streamwatch check --format json</c>).</summary>
internal static class CheckJsonWriter
{
    public static void Write(TextWriter writer, CheckReport report)
    {
        var playlists = new List<PlaylistJson>(report.Playlists.Count);
        foreach (var p in report.Playlists)
        {
            playlists.Add(new PlaylistJson(p.Url.AbsoluteUri, p.Kind, p.Live, p.TargetDuration, p.MediaSequence, p.Segments, p.DurationSeconds, p.Name));
        }

        var findings = new List<FindingJson>(report.Findings.Count);
        foreach (var f in report.Findings)
        {
            findings.Add(ToJson(f));
        }

        var document = new CheckReportJson(report.Url.AbsoluteUri, ContractNames.Kind(report.Kind), playlists, findings);
        JsonOutput.WriteLine(writer, document, CliJsonContext.Default.CheckReportJson, indented: true);
    }

    public static FindingJson ToJson(Finding finding)
        => new(finding.Code, ContractNames.Severity(finding.Severity), finding.Message, finding.Url?.AbsoluteUri, finding.Line, finding.Path);
}
