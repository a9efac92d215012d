using System.Globalization;

namespace StreamWatch.Media.Dash.Internal;

/// <summary>Collects findings up to <see cref="MediaLimits.MaxFindings"/>, then only counts them.</summary>
internal sealed class FindingSink
{
    private readonly List<Finding> _findings = [];
    private readonly int _max;
    private int _dropped;
    private HashSet<string>? _once;

    public FindingSink(Uri url, int maxFindings)
    {
        Url = url;
        _max = Math.Max(1, maxFindings);
    }

    public Uri Url { get; }

    public void Add(string code, FindingSeverity severity, string message, string? path = null, int line = 0)
    {
        if (_findings.Count >= _max)
        {
            _dropped++;
            return;
        }

        _findings.Add(new Finding(code, severity, message, Url, line > 0 ? line : null, path));
    }

    /// <summary>
    /// Adds a finding about a shared element (e.g. an AdaptationSet-level SegmentTemplate) once, not once per representation inheriting it.
    /// </summary>
    public void AddOnce(string code, FindingSeverity severity, string message, string? path = null, int line = 0)
    {
        if ((_once ??= new HashSet<string>(StringComparer.Ordinal)).Add(string.Concat(code, "\u001f", path, "\u001f", message)))
        {
            Add(code, severity, message, path, line);
        }
    }

    public bool Has(string code)
    {
        foreach (var finding in _findings)
        {
            if (finding.Code == code)
            {
                return true;
            }
        }

        return false;
    }

    public IReadOnlyList<Finding> ToList()
    {
        if (_dropped > 0)
        {
            _findings.Add(new Finding(
                "DASH-FINDINGS-TRUNCATED",
                FindingSeverity.Info,
                string.Create(CultureInfo.InvariantCulture, $"{_dropped} further findings were dropped after the limit of {_max}."),
                Url));
            _dropped = 0;
        }

        return _findings;
    }
}
