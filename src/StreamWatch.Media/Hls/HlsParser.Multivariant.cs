namespace StreamWatch.Media.Hls;

/// <summary>Multivariant-playlist tags (RFC 8216bis 4.4.6).</summary>
internal sealed partial class HlsParser
{
    private void StreamInf(ReadOnlySpan<byte> value)
    {
        MultivariantTag("EXT-X-STREAM-INF");
        if (_pendingStreamInf is not null)
        {
            _f.Add(HlsFindingCodes.StreamInfWithoutUri, FindingSeverity.Error,
                Inv($"EXT-X-STREAM-INF on line {_pendingStreamInfLine} is not followed by a URI line before the next tag on line {_line}."), _pendingStreamInfLine);
        }

        _pendingStreamInf = Attributes("EXT-X-STREAM-INF", value);
        _pendingStreamInfLine = _line;
        if (!_pendingStreamInf.ContainsKey("BANDWIDTH"))
        {
            Missing("EXT-X-STREAM-INF", "BANDWIDTH");
        }

        if (!_pendingStreamInf.ContainsKey("CODECS"))
        {
            // RFC 8216bis 4.4.6.2: SHOULD; without it players must download media to learn whether they can play it.
            _f.Add(HlsFindingCodes.CodecsMissing, FindingSeverity.Warning,
                Inv($"EXT-X-STREAM-INF on line {_line} has no CODECS attribute; players cannot tell whether they can decode the variant before loading it."), _line);
        }
    }

    private void Variant(ReadOnlySpan<byte> uriLine)
    {
        var a = _pendingStreamInf!;
        _pendingStreamInf = null;
        var saved = _line;
        _line = _pendingStreamInfLine;
        var raw = HlsText.Decode(uriLine.IndexOf("{$"u8) >= 0 ? Substitute(uriLine) : uriLine);
        var variant = new HlsVariant(
            raw,
            HlsUris.Resolve(_url, raw),
            Integer(a, "EXT-X-STREAM-INF", "BANDWIDTH") ?? 0,
            Integer(a, "EXT-X-STREAM-INF", "AVERAGE-BANDWIDTH"),
            String(a, "CODECS"),
            Resolution(a, "EXT-X-STREAM-INF"),
            Double(a, "EXT-X-STREAM-INF", "FRAME-RATE"),
            String(a, "AUDIO"),
            String(a, "VIDEO"),
            String(a, "SUBTITLES"),
            String(a, "CLOSED-CAPTIONS"),
            Plain(a),
            _line);
        _variants.Add(variant);
        _line = saved;
    }

    private void IFrameStreamInf(ReadOnlySpan<byte> value)
    {
        MultivariantTag("EXT-X-I-FRAME-STREAM-INF");
        var a = Attributes("EXT-X-I-FRAME-STREAM-INF", value);
        var uri = String(a, "URI");
        if (uri is null)
        {
            Missing("EXT-X-I-FRAME-STREAM-INF", "URI");
        }

        if (!a.ContainsKey("BANDWIDTH"))
        {
            Missing("EXT-X-I-FRAME-STREAM-INF", "BANDWIDTH");
        }

        _iframes.Add(new HlsIFrameStream(
            uri ?? string.Empty,
            uri is null ? null : HlsUris.Resolve(_url, uri),
            Integer(a, "EXT-X-I-FRAME-STREAM-INF", "BANDWIDTH") ?? 0,
            Integer(a, "EXT-X-I-FRAME-STREAM-INF", "AVERAGE-BANDWIDTH"),
            String(a, "CODECS"),
            Resolution(a, "EXT-X-I-FRAME-STREAM-INF"),
            String(a, "VIDEO"),
            Plain(a),
            _line));
    }

    private void Media(ReadOnlySpan<byte> value)
    {
        MultivariantTag("EXT-X-MEDIA");
        var a = Attributes("EXT-X-MEDIA", value);
        var type = String(a, "TYPE");
        var group = String(a, "GROUP-ID");
        var name = String(a, "NAME");
        foreach (var (attr, present) in new[] { ("TYPE", type is not null), ("GROUP-ID", group is not null), ("NAME", name is not null) })
        {
            if (!present)
            {
                Missing("EXT-X-MEDIA", attr);
            }
        }

        if (type is not null && type is not ("AUDIO" or "VIDEO" or "SUBTITLES" or "CLOSED-CAPTIONS"))
        {
            Invalid("EXT-X-MEDIA", "TYPE", type, "AUDIO, VIDEO, SUBTITLES or CLOSED-CAPTIONS");
        }

        var uri = String(a, "URI");
        var instream = String(a, "INSTREAM-ID");
        if (type == "CLOSED-CAPTIONS")
        {
            if (uri is not null)
            {
                Invalid("EXT-X-MEDIA", "URI", uri, "absent: closed captions are carried in the video, not in a playlist");
            }

            if (instream is null)
            {
                Missing("EXT-X-MEDIA", "INSTREAM-ID");
            }
        }
        else if (type == "SUBTITLES" && uri is null)
        {
            Missing("EXT-X-MEDIA", "URI");
        }

        var isDefault = Bool(a, "EXT-X-MEDIA", "DEFAULT");
        var autoselect = Bool(a, "EXT-X-MEDIA", "AUTOSELECT");
        if (isDefault && a.ContainsKey("AUTOSELECT") && !autoselect)
        {
            _f.Add(HlsFindingCodes.AttributeInvalid, FindingSeverity.Error, Inv($"EXT-X-MEDIA NAME=\"{name}\" on line {_line} has DEFAULT=YES with AUTOSELECT=NO; AUTOSELECT must then be YES."), _line);
        }

        _renditions.Add(new HlsRendition(type ?? string.Empty, group ?? string.Empty, name ?? string.Empty, String(a, "LANGUAGE"),
            uri, uri is null ? null : HlsUris.Resolve(_url, uri), isDefault, autoselect, Bool(a, "EXT-X-MEDIA", "FORCED"),
            instream, String(a, "CHANNELS"), Plain(a), _line));
    }

    private void SessionData(ReadOnlySpan<byte> value)
    {
        MultivariantTag("EXT-X-SESSION-DATA");
        var a = Attributes("EXT-X-SESSION-DATA", value);
        var id = String(a, "DATA-ID");
        if (id is null)
        {
            Missing("EXT-X-SESSION-DATA", "DATA-ID");
        }

        var v = String(a, "VALUE");
        var uri = String(a, "URI");
        if ((v is null) == (uri is null))
        {
            _f.Add(HlsFindingCodes.AttributeInvalid, FindingSeverity.Error, Inv($"EXT-X-SESSION-DATA on line {_line} must have exactly one of VALUE and URI."), _line);
        }

        _sessionData.Add(new HlsSessionData(id ?? string.Empty, v, uri, String(a, "LANGUAGE"), _line));
    }

    private void SessionKey(ReadOnlySpan<byte> value)
    {
        MultivariantTag("EXT-X-SESSION-KEY");
        var key = ParseKey("EXT-X-SESSION-KEY", value);
        if (key is not null)
        {
            _sessionKeys.Add(key);
        }
    }

    private void ContentSteering(ReadOnlySpan<byte> value)
    {
        MultivariantTag("EXT-X-CONTENT-STEERING");
        Once("EXT-X-CONTENT-STEERING");
        var a = Attributes("EXT-X-CONTENT-STEERING", value);
        var server = String(a, "SERVER-URI");
        if (server is null)
        {
            Missing("EXT-X-CONTENT-STEERING", "SERVER-URI");
            return;
        }

        _contentSteering = new HlsContentSteering(server, HlsUris.Resolve(_url, server), String(a, "PATHWAY-ID"), _line);
    }

    private void CheckGroups()
    {
        // RFC 8216bis 4.4.6.1.1: within a group at most one DEFAULT=YES, and NAMEs are unique.
        var defaults = new Dictionary<(string, string), int>();
        var names = new HashSet<(string, string, string)>();
        foreach (var r in _renditions)
        {
            if (r.Default && !defaults.TryAdd((r.Type, r.GroupId), r.Line))
            {
                _f.Add(HlsFindingCodes.RenditionGroupInvalid, FindingSeverity.Error,
                    Inv($"EXT-X-MEDIA on line {r.Line} is a second DEFAULT=YES rendition in {r.Type} group \"{r.GroupId}\" (the first is on line {defaults[(r.Type, r.GroupId)]})."), r.Line);
            }

            if (!names.Add((r.Type, r.GroupId, r.Name)))
            {
                _f.Add(HlsFindingCodes.RenditionGroupInvalid, FindingSeverity.Error,
                    Inv($"EXT-X-MEDIA on line {r.Line} repeats NAME=\"{r.Name}\" in {r.Type} group \"{r.GroupId}\"; names must be unique within a group."), r.Line);
            }
        }

        foreach (var v in _variants)
        {
            Check(v.Audio, "AUDIO", "AUDIO", v.Line);
            Check(v.Video, "VIDEO", "VIDEO", v.Line);
            Check(v.Subtitles, "SUBTITLES", "SUBTITLES", v.Line);
            if (v.ClosedCaptions is not null && v.Attributes.TryGetValue("CLOSED-CAPTIONS", out _) && v.ClosedCaptions != "NONE")
            {
                Check(v.ClosedCaptions, "CLOSED-CAPTIONS", "CLOSED-CAPTIONS", v.Line);
            }
        }

        foreach (var i in _iframes)
        {
            Check(i.Video, "VIDEO", "VIDEO", i.Line);
        }

        void Check(string? group, string attribute, string type, int line)
        {
            if (group is null)
            {
                return;
            }

            foreach (var r in _renditions)
            {
                if (r.Type == type && r.GroupId == group)
                {
                    return;
                }
            }

            _f.Add(HlsFindingCodes.GroupUndefined, FindingSeverity.Error,
                Inv($"The variant on line {line} has {attribute}=\"{group}\" but no EXT-X-MEDIA with TYPE={type} and GROUP-ID=\"{group}\" exists."), line);
        }
    }
}
