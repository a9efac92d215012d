using System.Globalization;

namespace StreamWatch.Media.Hls;

/// <summary>
/// Collects findings for one document and enforces <see cref="MediaLimits.MaxFindings"/>:
/// past the limit findings are only counted, and one summary finding reports how many were dropped.
/// </summary>
internal sealed class FindingCollector
{
    private readonly List<Finding> _findings = [];
    private readonly Uri _url;
    private readonly int _max;
    private readonly string _summaryCode;
    private int _dropped;

    public FindingCollector(Uri url, int max, string summaryCode = HlsFindingCodes.TooManyFindings)
    {
        _url = url;
        _max = Math.Max(1, max);
        _summaryCode = summaryCode;
    }

    public int Count => _findings.Count + _dropped;

    public void Add(string code, FindingSeverity severity, string message, int? line = null)
    {
        if (_findings.Count >= _max)
        {
            _dropped++;
            return;
        }

        _findings.Add(new Finding(code, severity, message, _url, line));
    }

    public bool Has(string code)
    {
        foreach (var f in _findings)
        {
            if (string.Equals(f.Code, code, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public IReadOnlyList<Finding> ToList()
    {
        if (_dropped == 0)
        {
            return _findings.ToArray();
        }

        var result = new Finding[_findings.Count + 1];
        _findings.CopyTo(result);
        result[^1] = new Finding(
            _summaryCode,
            FindingSeverity.Warning,
            string.Create(CultureInfo.InvariantCulture, $"{_dropped} more findings were not reported: the limit is {_max} per document."),
            _url);
        return result;
    }
}
