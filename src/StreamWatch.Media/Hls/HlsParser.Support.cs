using System.Text;

namespace StreamWatch.Media.Hls;

/// <summary>Attribute access, variables, tag bookkeeping and the end-of-document checks.</summary>
internal sealed partial class HlsParser
{
    // RFC 8216bis attribute types that are the same in every tag that defines the attribute.
    private static readonly HashSet<string> QuotedStringAttributes = new(StringComparer.Ordinal)
    {
        "URI", "CODECS", "AUDIO", "VIDEO", "SUBTITLES", "GROUP-ID", "NAME", "LANGUAGE", "ASSOC-LANGUAGE", "KEYFORMAT",
        "KEYFORMATVERSIONS", "CHARACTERISTICS", "CHANNELS", "INSTREAM-ID", "DATA-ID", "VALUE", "ID", "CLASS", "START-DATE",
        "END-DATE", "RECENTLY-REMOVED-DATERANGES", "SERVER-URI", "PATHWAY-ID", "STABLE-VARIANT-ID", "STABLE-RENDITION-ID",
        "IMPORT", "QUERYPARAM", "BYTERANGE", "CUE",
    };

    private static readonly HashSet<string> EnumeratedAttributes = new(StringComparer.Ordinal)
    {
        "METHOD", "TYPE", "DEFAULT", "AUTOSELECT", "FORCED", "PRECISE", "INDEPENDENT", "GAP", "CAN-BLOCK-RELOAD",
        "CAN-SKIP-DATERANGES", "HDCP-LEVEL", "VIDEO-RANGE", "END-ON-NEXT",
    };

    private Dictionary<string, AttributeValue> Attributes(string tag, ReadOnlySpan<byte> value)
    {
        var result = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var reader = new AttributeReader(value);
        while (reader.Next(out var name, out var v, out var quoted))
        {
            var key = HlsText.Decode(name);

            // RFC 8216bis 4.4.2: variable references are substituted in quoted-string values only.
            var text = quoted && v.IndexOf("{$"u8) >= 0 ? HlsText.Decode(Substitute(v)) : HlsText.Decode(v);
            if (!quoted && QuotedStringAttributes.Contains(key))
            {
                _f.Add(HlsFindingCodes.AttributeNotQuoted, FindingSeverity.Warning,
                    Inv($"{tag} on line {_line} gives {key} without quotes; it is a quoted-string, and strict parsers reject the value."), _line);
            }
            else if (quoted && EnumeratedAttributes.Contains(key))
            {
                _f.Add(HlsFindingCodes.AttributeQuoted, FindingSeverity.Warning,
                    Inv($"{tag} on line {_line} quotes {key}=\"{text}\"; it is an enumerated-string and must not be quoted."), _line);
            }

            if (!result.TryAdd(key, new AttributeValue(text, quoted)))
            {
                _f.Add(HlsFindingCodes.AttributeDuplicate, FindingSeverity.Error, Inv($"{tag} on line {_line} repeats attribute {key}; each may appear once."), _line);
                result[key] = new AttributeValue(text, quoted);
            }
        }

        if (reader.Malformed)
        {
            _f.Add(HlsFindingCodes.AttributeListSyntax, FindingSeverity.Warning,
                Inv($"{tag} on line {_line} has a malformed attribute list ('{Excerpt(value)}'); unreadable parts were skipped."), _line);
        }

        return result;
    }

    private static string? String(Dictionary<string, AttributeValue> a, string name) => a.TryGetValue(name, out var v) ? v.Value : null;

    private static Dictionary<string, string> Plain(Dictionary<string, AttributeValue> a)
    {
        var d = new Dictionary<string, string>(a.Count, StringComparer.Ordinal);
        foreach (var kv in a)
        {
            d[kv.Key] = kv.Value.Value;
        }

        return d;
    }

    private long? Integer(Dictionary<string, AttributeValue> a, string tag, string name, bool required = false)
    {
        if (!a.TryGetValue(name, out var v))
        {
            if (required)
            {
                Missing(tag, name);
            }

            return null;
        }

        if (HlsText.TryParseInteger(Encoding.UTF8.GetBytes(v.Value), out var n))
        {
            return n;
        }

        Invalid(tag, name, v.Value, "a decimal integer");
        return null;
    }

    private double? Double(Dictionary<string, AttributeValue> a, string tag, string name, bool required = false)
    {
        if (!a.TryGetValue(name, out var v))
        {
            if (required)
            {
                Missing(tag, name);
            }

            return null;
        }

        if (HlsText.TryParseDouble(Encoding.UTF8.GetBytes(v.Value), out var d))
        {
            return d;
        }

        Invalid(tag, name, v.Value, "a decimal number");
        return null;
    }

    private bool Bool(Dictionary<string, AttributeValue> a, string tag, string name)
    {
        if (!a.TryGetValue(name, out var v))
        {
            return false;
        }

        if (v.Value == "YES")
        {
            return true;
        }

        if (v.Value != "NO")
        {
            Invalid(tag, name, v.Value, "YES or NO");
        }

        return false;
    }

    private DateTimeOffset? Date(Dictionary<string, AttributeValue> a, string tag, string name)
    {
        if (!a.TryGetValue(name, out var v))
        {
            return null;
        }

        if (HlsText.TryParseDate(Encoding.UTF8.GetBytes(v.Value), out var d))
        {
            return d;
        }

        _f.Add(HlsFindingCodes.DateInvalid, FindingSeverity.Error, Inv($"{tag} on line {_line} has {name}=\"{v.Value}\", which is not an ISO 8601 date-time."), _line);
        return null;
    }

    private HlsResolution? Resolution(Dictionary<string, AttributeValue> a, string tag)
    {
        if (!a.TryGetValue("RESOLUTION", out var v))
        {
            return null;
        }

        if (HlsText.TryParseResolution(Encoding.UTF8.GetBytes(v.Value), out var r))
        {
            return r;
        }

        Invalid(tag, "RESOLUTION", v.Value, "WIDTHxHEIGHT in pixels");
        return null;
    }

    private void Missing(string tag, string attribute)
        => _f.Add(HlsFindingCodes.AttributeMissing, FindingSeverity.Error, Inv($"{tag} on line {_line} lacks the required attribute {attribute}."), _line);

    private void Invalid(string tag, string attribute, string value, string expected)
        => _f.Add(HlsFindingCodes.AttributeInvalid, FindingSeverity.Error, Inv($"{tag} on line {_line} has {attribute}={value}; expected {expected}."), _line);

    private void Invalid(string tag, ReadOnlySpan<byte> value, string expected)
        => _f.Add(HlsFindingCodes.TagInvalid, FindingSeverity.Error, Inv($"{tag} on line {_line} has value '{Excerpt(value)}'; expected {expected}."), _line);

    private void Once(string tag)
    {
        if (_onceTags.TryGetValue(tag, out var first))
        {
            _f.Add(HlsFindingCodes.DuplicateTag, FindingSeverity.Error,
                Inv($"{tag} appears again on line {_line} (first on line {first}); a playlist may contain it at most once. The last value is used."), _line);
        }
        else
        {
            _onceTags[tag] = _line;
        }
    }

    private void MediaTag(string tag)
    {
        if (_firstMediaLine == 0)
        {
            _firstMediaLine = _line;
            _firstMediaTag = tag;
        }
    }

    private void MultivariantTag(string tag)
    {
        if (_firstMultivariantLine == 0)
        {
            _firstMultivariantLine = _line;
            _firstMultivariantTag = tag;
        }
    }

    private void RequireVersion(int version, string feature, int line = 0)
    {
        if (version > _requiredVersion)
        {
            _requiredVersion = version;
            _requiredVersionReason = feature;
            _requiredVersionLine = line == 0 ? _line : line;
        }
    }

    private void Define(ReadOnlySpan<byte> value)
    {
        RequireVersion(8, "EXT-X-DEFINE");
        var a = Attributes("EXT-X-DEFINE", value);
        var name = String(a, "NAME");
        var import = String(a, "IMPORT");
        var query = String(a, "QUERYPARAM");
        var given = (name is null ? 0 : 1) + (import is null ? 0 : 1) + (query is null ? 0 : 1);
        if (given != 1)
        {
            _f.Add(HlsFindingCodes.DefineInvalid, FindingSeverity.Error, Inv($"EXT-X-DEFINE on line {_line} must have exactly one of NAME, IMPORT and QUERYPARAM."), _line);
            return;
        }

        string variable;
        string? resolved;
        if (name is not null)
        {
            variable = name;
            resolved = String(a, "VALUE");
            if (resolved is null)
            {
                Missing("EXT-X-DEFINE", "VALUE");
                return;
            }
        }
        else if (import is not null)
        {
            variable = import;
            if (_parentVariables is null || !_parentVariables.TryGetValue(import, out resolved))
            {
                // RFC 8216bis 4.4.2.3: IMPORT of a name the multivariant playlist does not define is an error.
                _f.Add(HlsFindingCodes.DefineInvalid, FindingSeverity.Error,
                    _parentVariables is null
                        ? Inv($"EXT-X-DEFINE:IMPORT=\"{import}\" on line {_line} needs the multivariant playlist's variables, which were not supplied.")
                        : Inv($"EXT-X-DEFINE:IMPORT=\"{import}\" on line {_line} names a variable the multivariant playlist does not define."), _line);
                return;
            }
        }
        else
        {
            variable = query!;
            RequireVersion(11, "EXT-X-DEFINE QUERYPARAM");
            resolved = QueryParameter(query!);
            if (resolved is null)
            {
                _f.Add(HlsFindingCodes.DefineInvalid, FindingSeverity.Error,
                    Inv($"EXT-X-DEFINE:QUERYPARAM=\"{query}\" on line {_line}: the playlist URL has no query parameter of that name."), _line);
                return;
            }
        }

        if (!IsVariableName(variable))
        {
            Invalid("EXT-X-DEFINE", "NAME", variable, "a name of [a-zA-Z0-9_-] characters");
            return;
        }

        _vars ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (!_vars.TryAdd(variable, resolved))
        {
            _f.Add(HlsFindingCodes.DefineInvalid, FindingSeverity.Error, Inv($"EXT-X-DEFINE on line {_line} defines \"{variable}\" again; a variable may be defined once."), _line);
        }
    }

    private string? QueryParameter(string name)
    {
        var query = _url.IsAbsoluteUri ? _url.Query : string.Empty;
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            if (key == name)
            {
                return eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }

    private static bool IsVariableName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Replaces each <c>{$name}</c> with the variable's value; undefined names are reported and left as written.</summary>
    private byte[] Substitute(ReadOnlySpan<byte> text)
    {
        var output = new List<byte>(text.Length + 32);
        var i = 0;
        while (i < text.Length)
        {
            var open = text[i..].IndexOf("{$"u8);
            if (open < 0)
            {
                output.AddRange(text[i..]);
                break;
            }

            output.AddRange(text.Slice(i, open));
            var start = i + open + 2;
            var close = text[start..].IndexOf((byte)'}');
            if (close < 0)
            {
                output.AddRange(text[(i + open)..]);
                break;
            }

            var name = HlsText.Decode(text.Slice(start, close));
            if (_vars is not null && _vars.TryGetValue(name, out var value))
            {
                output.AddRange(Encoding.UTF8.GetBytes(value));
            }
            else
            {
                _f.Add(HlsFindingCodes.UndefinedVariable, FindingSeverity.Error,
                    Inv($"Line {_line} references variable {{${name}}}, which no EXT-X-DEFINE before it defines."), _line);
                output.AddRange(text.Slice(i + open, close + 3));
            }

            i = start + close + 1;
        }

        return [.. output];
    }
}
