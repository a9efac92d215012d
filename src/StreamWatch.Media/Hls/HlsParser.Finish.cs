namespace StreamWatch.Media.Hls;

/// <summary>End-of-document checks (rules that need the whole playlist) and building the result.</summary>
internal sealed partial class HlsParser
{
    private HlsParseResult Finish(int totalBytes)
    {
        if (totalBytes == 0)
        {
            _f.Add(HlsFindingCodes.Empty, FindingSeverity.Error, "The playlist is empty (0 bytes).");
        }
        else if (!_sawExtM3U)
        {
            _f.Add(HlsFindingCodes.MissingExtM3U, FindingSeverity.Error, "The playlist does not start with #EXTM3U (RFC 8216bis 4.4.1.1); strict clients reject it.", 1);
        }

        if (_pendingStreamInf is not null)
        {
            _f.Add(HlsFindingCodes.StreamInfWithoutUri, FindingSeverity.Error,
                Inv($"EXT-X-STREAM-INF on line {_pendingStreamInfLine} is not followed by a URI line."), _pendingStreamInfLine);
        }

        var multivariant = _variants.Count > 0 || _iframes.Count > 0 || _firstMultivariantLine != 0;
        var media = _segCount > 0 || _firstMediaLine != 0;
        if (multivariant && media)
        {
            _f.Add(HlsFindingCodes.MixedPlaylistTypes, FindingSeverity.Error,
                Inv($"The playlist mixes multivariant tags ({_firstMultivariantTag} on line {_firstMultivariantLine}) with media playlist tags ({_firstMediaTag} on line {_firstMediaLine}); it must be one or the other."),
                Math.Max(_firstMultivariantLine, _firstMediaLine));
        }

        if (_firstMapLine != 0)
        {
            RequireVersion(_iframesOnly ? 5 : 6, "EXT-X-MAP", _firstMapLine);
        }

        // A document with variants is a multivariant playlist even when it also has (erroneous) segments.
        var isMultivariant = _variants.Count > 0 || (multivariant && _segCount == 0);
        if (isMultivariant)
        {
            return new HlsParseResult(null, FinishMultivariant(), Done());
        }

        return new HlsParseResult(FinishMedia(), null, Done());
    }

    private IReadOnlyList<Finding> Done()
    {
        if (_requiredVersion > (_version ?? 1))
        {
            _f.Add(HlsFindingCodes.VersionTooLow, FindingSeverity.Warning,
                Inv($"The playlist declares protocol version {_version ?? 1} but uses {_requiredVersionReason} (line {_requiredVersionLine}), which needs version {_requiredVersion} or later."),
                _versionLine == 0 ? _requiredVersionLine : _versionLine);
        }

        return _f.ToList();
    }

    private HlsMultivariantPlaylist FinishMultivariant()
    {
        CheckGroups();
        if (_variants.Count == 0)
        {
            _f.Add(HlsFindingCodes.NoVariants, FindingSeverity.Error, "The multivariant playlist has no EXT-X-STREAM-INF variant, so there is nothing to play.");
        }

        return new HlsMultivariantPlaylist(_url)
        {
            Version = _version,
            HasIndependentSegments = _independent,
            Start = _start,
            Variants = _variants,
            IFrameStreams = _iframes,
            Renditions = _renditions,
            SessionData = _sessionData,
            SessionKeys = _sessionKeys,
            ContentSteering = _contentSteering,
            Variables = _vars ?? new Dictionary<string, string>(StringComparer.Ordinal),
            UnknownTags = _unknown,
        };
    }

    private HlsMediaPlaylist FinishMedia()
    {
        if (_hasExtinf)
        {
            _f.Add(HlsFindingCodes.ExtInfWithoutUri, FindingSeverity.Error, Inv($"EXTINF on line {_extinfLine} is not followed by a segment URI."), _extinfLine);
        }

        if (!_onceTags.ContainsKey("EXT-X-TARGETDURATION") && !_f.Has(HlsFindingCodes.Empty))
        {
            _f.Add(HlsFindingCodes.TargetDurationMissing, FindingSeverity.Error,
                "The media playlist has no EXT-X-TARGETDURATION; it is required, and live clients derive their reload interval from it.");
        }

        if (_extinfWithoutComma > 0)
        {
            _f.Add(HlsFindingCodes.ExtInfSyntax, FindingSeverity.Warning,
                Inv($"{_extinfWithoutComma} EXTINF tag(s), the first on line {_firstExtinfWithoutComma}, lack the comma RFC 8216bis 4.4.4.1 requires after the duration (#EXTINF:<duration>,[<title>]); strict parsers reject them."),
                _firstExtinfWithoutComma);
        }

        if (_dateRanges.Count > 0 && !HasExplicitDate())
        {
            _f.Add(HlsFindingCodes.DateRangeWithoutPdt, FindingSeverity.Error,
                Inv($"The playlist has EXT-X-DATERANGE (line {_dateRanges[0].Line}) but no EXT-X-PROGRAM-DATE-TIME, so the range cannot be placed on the timeline (RFC 8216bis 4.4.5.1)."),
                _dateRanges[0].Line);
        }

        BackfillDates();
        CheckSegmentDurations();
        CheckParts();
        CheckServerControl();

        if (_playlistType == HlsPlaylistType.Vod && !_endList)
        {
            _f.Add(HlsFindingCodes.VodWithoutEndlist, FindingSeverity.Warning,
                "EXT-X-PLAYLIST-TYPE is VOD but EXT-X-ENDLIST is missing; a VOD playlist never changes, so players wait in vain for more segments.");
        }

        var trailing = _parts.Count > _segmentPartStart ? _parts.GetRange(_segmentPartStart, _parts.Count - _segmentPartStart) : [];
        var keys = new List<HlsKey[]>(_keySets);
        return new HlsMediaPlaylist(_url, _src, _side, _segs, _segCount, keys, _parts)
        {
            Version = _version,
            TargetDuration = _targetDuration,
            MediaSequence = _mediaSequence,
            DiscontinuitySequence = _discontinuitySequence,
            PlaylistType = _playlistType,
            HasEndList = _endList,
            IsIFramesOnly = _iframesOnly,
            HasIndependentSegments = _independent,
            Start = _start,
            PartTarget = _partTarget,
            ServerControl = _serverControl,
            Skip = _skip,
            TrailingParts = trailing,
            PreloadHints = _preloadHints,
            RenditionReports = _renditionReports,
            DateRanges = _dateRanges,
            AdMarkers = _adMarkers,
            Maps = _maps,
            KeyTags = _keyTags,
            UnknownTags = _unknown,
            Variables = _vars ?? new Dictionary<string, string>(StringComparer.Ordinal),
        };
    }

    private bool HasExplicitDate()
    {
        for (var i = 0; i < _segCount; i++)
        {
            if ((_segs[i].Flags & SegmentFlags.ExplicitProgramDateTime) != 0)
            {
                return true;
            }
        }

        return false;
    }

    // Segments before the first EXT-X-PROGRAM-DATE-TIME get dates counted back from it, as players do,
    // unless a discontinuity lies between them (the timeline may jump there).
    private void BackfillDates()
    {
        for (var i = _segCount - 2; i >= 0; i--)
        {
            ref var s = ref _segs[i];
            ref var next = ref _segs[i + 1];
            if (s.PdtUtcTicks != 0 || next.PdtUtcTicks == 0 || (next.Flags & SegmentFlags.Discontinuity) != 0)
            {
                continue;
            }

            var ticks = next.PdtUtcTicks - (long)Math.Round(s.Duration * TimeSpan.TicksPerSecond);
            if (ticks > TimeSpan.TicksPerDay)
            {
                s.PdtUtcTicks = ticks;
                s.PdtOffsetMinutes = next.PdtOffsetMinutes;
            }
        }
    }

    private void CheckSegmentDurations()
    {
        if (_targetDuration is not { } target)
        {
            return;
        }

        // RFC 8216bis 4.4.3.1: each EXTINF duration, rounded to the nearest integer, MUST be <= the target duration.
        var reported = 0;
        var more = 0;
        double longest = 0;
        for (var i = 0; i < _segCount; i++)
        {
            ref var s = ref _segs[i];
            if ((s.Flags & SegmentFlags.MissingExtinf) != 0)
            {
                continue;
            }

            var rounded = Math.Round(s.Duration, MidpointRounding.AwayFromZero);
            if (rounded <= target)
            {
                continue;
            }

            longest = Math.Max(longest, s.Duration);
            if (reported < MaxReportedLongSegments)
            {
                reported++;
                _f.Add(HlsFindingCodes.ExtInfExceedsTarget, FindingSeverity.Error,
                    Inv($"Segment {_mediaSequence + (_skip?.SkippedSegments ?? 0) + i} ('{Excerpt(Bytes(s.Uri))}') lasts {s.Duration:0.###} s, which rounds to {rounded:0} s, above the target duration of {target} s (line {_targetDurationLine}); players may stall or reload too early."),
                    s.Line);
            }
            else
            {
                more++;
            }
        }

        if (more > 0)
        {
            _f.Add(HlsFindingCodes.ExtInfExceedsTarget, FindingSeverity.Error,
                Inv($"{more} more segments exceed the target duration of {target} s (longest {longest:0.###} s)."));
        }
    }

    private void CheckParts()
    {
        if (_parts.Count == 0)
        {
            return;
        }

        if (_partTarget is not { } partTarget)
        {
            _f.Add(HlsFindingCodes.PartWithoutPartInf, FindingSeverity.Error,
                Inv($"EXT-X-PART on line {_parts[0].Line} appears but the playlist has no EXT-X-PART-INF, which is required with partial segments."), _parts[0].Line);
            return;
        }

        foreach (var p in _parts)
        {
            // Tolerate rounding in the last printed digit.
            if (p.Duration > partTarget + 0.0005)
            {
                _f.Add(HlsFindingCodes.PartExceedsPartTarget, FindingSeverity.Error,
                    Inv($"EXT-X-PART on line {p.Line} lasts {p.Duration:0.#####} s, above PART-TARGET {partTarget:0.#####} s."), p.Line);
            }
        }
    }

    private void CheckServerControl()
    {
        var sc = _serverControl;
        if (_partTarget is { } partTarget)
        {
            if (sc?.PartHoldBack is not { } phb)
            {
                _f.Add(HlsFindingCodes.AttributeMissing, FindingSeverity.Error,
                    "The playlist has EXT-X-PART-INF but no EXT-X-SERVER-CONTROL PART-HOLD-BACK, which is then required.", sc?.Line);
            }
            else if (phb < 2 * partTarget)
            {
                _f.Add(HlsFindingCodes.PartHoldBackTooSmall, FindingSeverity.Error,
                    Inv($"PART-HOLD-BACK is {phb:0.###} s; it must be at least twice PART-TARGET ({2 * partTarget:0.###} s)."), sc.Line);
            }
        }

        if (sc?.HoldBack is { } hb && _targetDuration is { } td && hb < 3 * td)
        {
            _f.Add(HlsFindingCodes.HoldBackTooSmall, FindingSeverity.Error,
                Inv($"HOLD-BACK is {hb:0.###} s; it must be at least three target durations ({3 * td} s)."), sc.Line);
        }

        if (_skip is not null && sc?.CanSkipUntil is null)
        {
            _f.Add(HlsFindingCodes.SkipNotAllowed, FindingSeverity.Error,
                Inv($"EXT-X-SKIP on line {_skip.Line} appears but EXT-X-SERVER-CONTROL has no CAN-SKIP-UNTIL, so delta updates are not offered."), _skip.Line);
        }
    }
}
