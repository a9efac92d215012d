using System.Globalization;
using System.Text;

namespace StreamWatch.Media.Dash.Internal;

/// <summary>
/// A SegmentTemplate <c>@media</c> / <c>@initialization</c> compiled once per representation (ISO/IEC 23009-1 5.3.9.4.4):
/// <c>$RepresentationID$</c> and <c>$Bandwidth$</c> are fixed per representation and substituted at compile time,
/// so expanding a segment only formats <c>$Number$</c> / <c>$Time$</c>.
/// </summary>
internal sealed class UrlTemplate
{
    private readonly Part[] _parts;

    private UrlTemplate(Part[] parts, bool usesNumber, bool usesTime, string? error)
    {
        _parts = parts;
        UsesNumber = usesNumber;
        UsesTime = usesTime;
        Error = error;
    }

    private enum PartKind
    {
        Literal,
        Number,
        Time,
        SubNumber,
    }

    public bool UsesNumber { get; }

    public bool UsesTime { get; }

    /// <summary>Why the template is invalid (unknown identifier, unterminated <c>$</c>, bad format tag); null when valid.</summary>
    public string? Error { get; }

    public static UrlTemplate Compile(string template, string representationId, long bandwidth)
    {
        var parts = new List<Part>(4);
        var literal = new StringBuilder(template.Length);
        string? error = null;
        var usesNumber = false;
        var usesTime = false;
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c != '$')
            {
                literal.Append(c);
                i++;
                continue;
            }

            var close = template.IndexOf('$', i + 1);
            if (close < 0)
            {
                error ??= string.Create(CultureInfo.InvariantCulture, $"unterminated '$' at position {i}");
                literal.Append(template, i, template.Length - i);
                break;
            }

            var body = template.AsSpan(i + 1, close - i - 1);
            i = close + 1;
            if (body.IsEmpty)
            {
                literal.Append('$'); // "$$" is an escaped dollar sign.
                continue;
            }

            var percent = body.IndexOf('%');
            var name = percent < 0 ? body : body[..percent];
            var width = 1;
            if (percent >= 0 && !TryParseFormat(body[(percent + 1)..], out width))
            {
                error ??= $"invalid format tag in '${body}$' (only %0<width>d is defined)";
                width = 1;
            }

            switch (name)
            {
                case "RepresentationID":
                    if (percent >= 0)
                    {
                        error ??= "a format tag is not allowed on $RepresentationID$";
                    }

                    literal.Append(representationId);
                    break;
                case "Bandwidth":
                    literal.Append(bandwidth.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
                    break;
                case "Number":
                case "Time":
                case "SubNumber":
                    if (literal.Length > 0)
                    {
                        parts.Add(new Part(PartKind.Literal, literal.ToString(), 0));
                        literal.Clear();
                    }

                    var kind = name is "Number" ? PartKind.Number : name is "Time" ? PartKind.Time : PartKind.SubNumber;
                    usesNumber |= kind == PartKind.Number;
                    usesTime |= kind == PartKind.Time;
                    parts.Add(new Part(kind, null, width));
                    break;
                default:
                    error ??= $"unknown identifier '${name}$'";
                    literal.Append('$').Append(body).Append('$');
                    break;
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(new Part(PartKind.Literal, literal.ToString(), 0));
        }

        return new UrlTemplate([.. parts], usesNumber, usesTime, error);
    }

    /// <summary>The template with <c>$Number$</c>, <c>$Time$</c> (and <c>$SubNumber$</c> = 1) substituted.</summary>
    public string Expand(long number, long time)
    {
        if (_parts.Length == 1 && _parts[0].Kind == PartKind.Literal)
        {
            return _parts[0].Literal!;
        }

        Span<char> buffer = stackalloc char[24];
        var sb = new StringBuilder(64);
        foreach (var part in _parts)
        {
            long value;
            switch (part.Kind)
            {
                case PartKind.Literal:
                    sb.Append(part.Literal);
                    continue;
                case PartKind.Number:
                    value = number;
                    break;
                case PartKind.Time:
                    value = time;
                    break;
                default:
                    value = 1;
                    break;
            }

            value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
            var digits = value < 0 ? written - 1 : written;
            if (value < 0)
            {
                sb.Append('-');
            }

            sb.Append('0', Math.Max(0, part.Width - digits));
            sb.Append(buffer[(value < 0 ? 1 : 0)..written]);
        }

        return sb.ToString();
    }

    private static bool TryParseFormat(ReadOnlySpan<char> format, out int width)
    {
        // ISO/IEC 23009-1 Table 18: the format tag is %0[width]d; width is a positive integer.
        width = 1;
        if (format.Length < 3 || format[0] != '0' || format[^1] != 'd')
        {
            return false;
        }

        return int.TryParse(format[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out width) && width is > 0 and <= 64;
    }

    private readonly record struct Part(PartKind Kind, string? Literal, int Width);
}
