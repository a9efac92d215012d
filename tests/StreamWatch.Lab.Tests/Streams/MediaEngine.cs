using StreamWatch.Media;

namespace StreamWatch.Lab.Tests.Streams;

/// <summary>Calls the shared media engine, skipping the test (with the reason) while the engine is still a placeholder.</summary>
internal static class MediaEngine
{
    public static ManifestAnalysis Analyze(byte[] body, Uri url, DateTimeOffset at)
        => Guard(() => ManifestAnalyzer.Analyze(body, url, at), "Analyze");

    public static IReadOnlyList<Finding> Compare(ManifestAnalysis previous, ManifestAnalysis current)
        => Guard(() => ManifestAnalyzer.Compare(previous, current), "Compare");

    public static IReadOnlyList<Finding> CrossCheck(ManifestAnalysis multivariant, IReadOnlyList<ManifestAnalysis> renditions)
        => Guard(() => ManifestAnalyzer.CrossCheck(multivariant, renditions), "CrossCheck");

    public static string Describe(IEnumerable<Finding> findings)
        => string.Join('\n', findings.Select(f => $"{f.Severity} {f.Code} {f.Url} line {f.Line} {f.Path}: {f.Message}"));

    private static T Guard<T>(Func<T> call, string what)
    {
        try
        {
            return call();
        }
        catch (NotImplementedException)
        {
            Assert.Skip($"ManifestAnalyzer.{what} still throws NotImplementedException: the HLS/DASH engine (branches hls, dash) has not landed in this branch yet.");
            throw;
        }
    }
}
