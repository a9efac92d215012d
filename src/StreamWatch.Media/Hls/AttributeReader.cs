namespace StreamWatch.Media.Hls;

/// <summary>
/// Walks an attribute-list (RFC 8216bis 4.2) without allocating: <c>NAME=VALUE</c> pairs separated by
/// commas, where a quoted-string value may itself contain commas. Leniencies real encoders need
/// (spaces or tabs around names and values) are accepted; anything else sets <see cref="Malformed"/>.
/// </summary>
internal ref struct AttributeReader
{
    private readonly ReadOnlySpan<byte> _text;
    private int _pos;

    public AttributeReader(ReadOnlySpan<byte> text)
    {
        _text = text;
        _pos = 0;
        Malformed = false;
    }

    /// <summary>True once something that is not a valid attribute was skipped.</summary>
    public bool Malformed { get; private set; }

    /// <summary>Reads the next attribute; <paramref name="value"/> excludes the quotes of a quoted string.</summary>
    public bool Next(out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, out bool quoted)
    {
        while (true)
        {
            name = default;
            value = default;
            quoted = false;
            while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t' || _text[_pos] == ','))
            {
                if (_text[_pos] == ',' && _pos == 0)
                {
                    Malformed = true;
                }

                _pos++;
            }

            if (_pos >= _text.Length)
            {
                return false;
            }

            var rest = _text[_pos..];
            var eq = rest.IndexOfAny((byte)'=', (byte)',');
            if (eq < 0 || rest[eq] == ',')
            {
                // A bare word without '=': not an attribute. Skip it and keep going so one typo does not hide the rest.
                Malformed = true;
                _pos += eq < 0 ? rest.Length : eq + 1;
                continue;
            }

            name = HlsText.Trim(rest[..eq]);
            _pos += eq + 1;
            while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t'))
            {
                _pos++;
            }

            if (_pos < _text.Length && _text[_pos] == '"')
            {
                var close = _text[(_pos + 1)..].IndexOf((byte)'"');
                if (close < 0)
                {
                    Malformed = true;
                    value = _text[(_pos + 1)..];
                    _pos = _text.Length;
                }
                else
                {
                    value = _text.Slice(_pos + 1, close);
                    _pos += close + 2;
                    var after = _text[_pos..];
                    var comma = after.IndexOf((byte)',');
                    var junk = HlsText.Trim(comma < 0 ? after : after[..comma]);
                    if (!junk.IsEmpty)
                    {
                        Malformed = true;
                    }

                    _pos += comma < 0 ? after.Length : comma;
                }

                quoted = true;
            }
            else
            {
                var rest2 = _text[_pos..];
                var comma = rest2.IndexOf((byte)',');
                value = HlsText.Trim(comma < 0 ? rest2 : rest2[..comma]);
                _pos += comma < 0 ? rest2.Length : comma;
            }

            if (name.IsEmpty || !IsValidName(name))
            {
                Malformed = true;
                continue;
            }

            return true;
        }
    }

    private static bool IsValidName(ReadOnlySpan<byte> name)
    {
        // AttributeName: [A-Z0-9-]; lower case is tolerated by players, so accept it but the RFC does not.
        foreach (var b in name)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b == '-' || b == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
