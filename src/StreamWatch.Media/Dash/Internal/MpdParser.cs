using System.Buffers;
using System.Globalization;
using System.Xml;

namespace StreamWatch.Media.Dash.Internal;

/// <summary>
/// Forward-only MPD reader (ISO/IEC 23009-1 5.3) over <see cref="XmlReader"/>: no DOM, no DTDs, no external resolution,
/// bounded size and depth. It records what is written; inheritance and timing are resolved afterwards by <see cref="MpdResolver"/>
/// because the schema lets a SegmentList follow the Representations it applies to.
/// Unknown elements and attributes are skipped. Each element handler returns positioned on its own end.
/// </summary>
internal sealed class MpdParser
{
    public const string MpdNamespace = "urn:mpeg:dash:schema:mpd:2011";

    private const string XlinkNamespace = "http://www.w3.org/1999/xlink";

    private readonly XmlReader _r;
    private readonly IXmlLineInfo? _lineInfo;
    private readonly FindingSink _findings;
    private readonly MediaLimits _limits;
    private readonly Uri _url;
    private readonly DashManifest _manifest = new();

    // Scratch for reading numeric attribute values without allocating a string per attribute (SegmentTimeline S elements
    // dominate large live MPDs). 64 chars holds any valid integer with generous whitespace.
    private readonly char[] _chunk = new char[64];
    private bool _aborted;

    private MpdParser(XmlReader reader, FindingSink findings, MediaLimits limits, Uri url)
    {
        _r = reader;
        _lineInfo = reader as IXmlLineInfo;
        _findings = findings;
        _limits = limits;
        _url = url;
    }

    /// <summary>Parses what can be parsed; problems become findings. Null when no MPD element was found.</summary>
    public static DashManifest? Parse(ReadOnlySpan<byte> content, Uri url, MediaLimits limits, FindingSink findings)
    {
        if (content.Length > limits.MaxManifestBytes)
        {
            findings.Add("DASH-MANIFEST-TOO-LARGE", FindingSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                $"The MPD is {content.Length} bytes, above the limit of {limits.MaxManifestBytes} bytes; it was not parsed."));
            return null;
        }

        if (content.IsEmpty)
        {
            findings.Add("DASH-XML-NOT-WELL-FORMED", FindingSeverity.Error, "The MPD is empty.", line: 1);
            return null;
        }

        // XmlReader needs a Stream; a pooled copy keeps the span API without a per-parse large allocation.
        var buffer = ArrayPool<byte>.Shared.Rent(content.Length);
        try
        {
            content.CopyTo(buffer);
            using var stream = new MemoryStream(buffer, 0, content.Length, writable: false);
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                IgnoreWhitespace = true,
                MaxCharactersInDocument = Math.Max(1, limits.MaxManifestBytes),
                MaxCharactersFromEntities = 1024,
                CloseInput = false,
            };
            using var reader = XmlReader.Create(stream, settings);
            var parser = new MpdParser(reader, findings, limits, url);
            return parser.Run();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int Line => _lineInfo?.LineNumber ?? 0;

    private DashManifest? Run()
    {
        var sawRoot = false;
        try
        {
            if (_r.MoveToContent() != XmlNodeType.Element)
            {
                _findings.Add("DASH-XML-NOT-WELL-FORMED", FindingSeverity.Error, "The document has no root element.", line: Line);
                return null;
            }

            if (_r.LocalName != "MPD")
            {
                var what = _r.LocalName == "Patch" ? " (this is an MPD Patch document, which only updates a previously fetched MPD)" : "";
                _findings.Add("DASH-ROOT-NOT-MPD", FindingSeverity.Error, $"The root element is '{_r.Name}', not 'MPD'{what}.", _r.LocalName, Line);
                return null;
            }

            sawRoot = true;
            if (_r.NamespaceURI != MpdNamespace)
            {
                _findings.Add("DASH-MPD-NAMESPACE", FindingSeverity.Warning,
                    $"The MPD element is in namespace '{_r.NamespaceURI}', not '{MpdNamespace}'.", "MPD", Line);
            }

            ParseMpd();
            if (!_aborted)
            {
                // Read to the end so trailing garbage or an unclosed root is reported as not well-formed.
                while (_r.Read())
                {
                }
            }
        }
        catch (XmlException ex)
        {
            _findings.Add("DASH-XML-NOT-WELL-FORMED", FindingSeverity.Error,
                string.Create(CultureInfo.InvariantCulture, $"The MPD is not well-formed XML at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message}"),
                line: ex.LineNumber);
        }

        return sawRoot ? _manifest : null;
    }

    /// <summary>Moves to the next child element of the element at <paramref name="depth"/>; false at its end.</summary>
    private bool NextChild(int depth)
    {
        if (_aborted)
        {
            return false;
        }

        while (_r.Read())
        {
            switch (_r.NodeType)
            {
                case XmlNodeType.EndElement when _r.Depth == depth:
                    return false;
                case XmlNodeType.Element:
                    if (_r.Depth >= _limits.MaxXmlDepth)
                    {
                        _findings.Add("DASH-XML-TOO-DEEP", FindingSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                            $"Element '{_r.Name}' is nested {_r.Depth + 1} levels deep, beyond the limit of {_limits.MaxXmlDepth}; parsing stopped there."), line: Line);
                        _aborted = true;
                        return false;
                    }

                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    private void Skip()
    {
        if (_r.IsEmptyElement)
        {
            return;
        }

        var depth = _r.Depth;
        while (NextChild(depth))
        {
            Skip();
        }
    }

    private string ReadText()
    {
        if (_r.IsEmptyElement)
        {
            return "";
        }

        var depth = _r.Depth;
        string? text = null;
        while (!_aborted && _r.Read())
        {
            switch (_r.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    text = text is null ? _r.Value : text + _r.Value;
                    break;
                case XmlNodeType.Element:
                    if (_r.Depth >= _limits.MaxXmlDepth)
                    {
                        _aborted = true;
                        _findings.Add("DASH-XML-TOO-DEEP", FindingSeverity.Error, "Nesting exceeds the depth limit; parsing stopped there.", line: Line);
                        return text?.Trim() ?? "";
                    }

                    Skip();
                    break;
                case XmlNodeType.EndElement when _r.Depth == depth:
                    return text?.Trim() ?? "";
                default:
                    break;
            }
        }

        return text?.Trim() ?? "";
    }

    private void ParseMpd()
    {
        var m = _manifest;
        var line = Line;
        m.Line = line;
        string? type = null;
        var hasProfiles = false;
        var hasMinBuffer = false;
        while (_r.MoveToNextAttribute())
        {
            if (_r.NamespaceURI.Length != 0)
            {
                continue;
            }

            var v = _r.Value;
            switch (_r.LocalName)
            {
                case "type": type = v; break;
                case "id": m.Id = v; break;
                case "profiles": m.Profiles = v; hasProfiles = true; break;
                case "availabilityStartTime": m.AvailabilityStartTime = Date("availabilityStartTime", v, "MPD", line); break;
                case "availabilityEndTime": m.AvailabilityEndTime = Date("availabilityEndTime", v, "MPD", line); break;
                case "publishTime": m.PublishTime = Date("publishTime", v, "MPD", line); break;
                case "mediaPresentationDuration": m.MediaPresentationDuration = Duration("mediaPresentationDuration", v, "MPD", line); break;
                case "minimumUpdatePeriod": m.MinimumUpdatePeriod = Duration("minimumUpdatePeriod", v, "MPD", line); break;
                case "minBufferTime": m.MinBufferTime = Duration("minBufferTime", v, "MPD", line); hasMinBuffer = true; break;
                case "timeShiftBufferDepth": m.TimeShiftBufferDepth = Duration("timeShiftBufferDepth", v, "MPD", line); break;
                case "suggestedPresentationDelay": m.SuggestedPresentationDelay = Duration("suggestedPresentationDelay", v, "MPD", line); break;
                case "maxSegmentDuration": m.MaxSegmentDuration = Duration("maxSegmentDuration", v, "MPD", line); break;
                default: break;
            }
        }

        _r.MoveToElement();
        if (type is "dynamic")
        {
            m.IsDynamic = true;
        }
        else if (type is not null and not "static")
        {
            _findings.Add("DASH-INVALID-TYPE", FindingSeverity.Error, $"MPD@type is '{type}'; only 'static' and 'dynamic' are defined. Treated as static.", "MPD", line);
        }

        if (!hasProfiles)
        {
            _findings.Add("DASH-MISSING-PROFILES", FindingSeverity.Error, "MPD@profiles is required and absent.", "MPD", line);
        }
        else if (string.IsNullOrWhiteSpace(m.Profiles))
        {
            _findings.Add("DASH-EMPTY-PROFILES", FindingSeverity.Warning, "MPD@profiles is empty; it should name at least one profile.", "MPD", line);
        }

        if (!hasMinBuffer)
        {
            _findings.Add("DASH-MISSING-MIN-BUFFER-TIME", FindingSeverity.Error, "MPD@minBufferTime is required and absent.", "MPD", line);
        }

        if (_r.IsEmptyElement)
        {
            return;
        }

        var depth = _r.Depth;
        while (NextChild(depth))
        {
            switch (_r.LocalName)
            {
                case "BaseURL": m.OwnBaseUrls.Add(ParseBaseUrl()); break;
                case "Location": AddUri(m.LocationList, "Location"); break;
                case "PatchLocation": AddUri(m.PatchLocationList, "PatchLocation"); break;
                case "UTCTiming": m.UtcTimingList.Add(ParseUtcTiming()); break;
                case "Period": ParsePeriod(); break;
                default: Skip(); break;
            }
        }
    }

    private void AddUri(List<Uri> list, string element)
    {
        var line = Line;
        var text = ReadText();
        if (Uri.TryCreate(_url, text, out var uri))
        {
            list.Add(uri);
        }
        else
        {
            _findings.Add("DASH-INVALID-URL", FindingSeverity.Error, $"{element} '{text}' is not a valid URL.", "MPD/" + element, line);
        }
    }

    private DashUtcTiming ParseUtcTiming()
    {
        var (scheme, value) = ParseSchemeAndValue();
        return new DashUtcTiming(scheme, value);
    }

    private BaseUrlEntry ParseBaseUrl()
    {
        var line = Line;
        double? ato = null;
        if (_r.MoveToAttribute("availabilityTimeOffset"))
        {
            ato = Double("availabilityTimeOffset", _r.Value, "BaseURL", line);
            _r.MoveToElement();
        }

        return new BaseUrlEntry(ReadText(), ato, line);
    }

    private void ParsePeriod()
    {
        var period = new DashPeriod(_manifest, _manifest.PeriodList.Count, Line);
        _manifest.PeriodList.Add(period);
        var path = period.Path;
        while (_r.MoveToNextAttribute())
        {
            if (_r.NamespaceURI.Length != 0)
            {
                if (_r.LocalName == "href" && _r.NamespaceURI == XlinkNamespace)
                {
                    _findings.Add("DASH-XLINK-NOT-RESOLVED", FindingSeverity.Info,
                        $"The Period is a remote element (xlink:href='{Clip(_r.Value)}'); its content is not fetched, so its segments are not analysed.", path, period.Line);
                }

                continue;
            }

            switch (_r.LocalName)
            {
                case "id": period.Id = _r.Value; break;
                case "start": period.DeclaredStart = Duration("start", _r.Value, path, period.Line); break;
                case "duration": period.DeclaredDuration = Duration("duration", _r.Value, path, period.Line); break;
                default: break;
            }
        }

        _r.MoveToElement();
        if (_r.IsEmptyElement)
        {
            return;
        }

        var depth = _r.Depth;
        while (NextChild(depth))
        {
            switch (_r.LocalName)
            {
                case "BaseURL": period.OwnBaseUrls.Add(ParseBaseUrl()); break;
                case "SegmentBase" or "SegmentList" or "SegmentTemplate": period.OwnSegmentInfo = ParseSegmentInfo(period.OwnSegmentInfo, path); break;
                case "AdaptationSet": ParseAdaptationSet(period); break;
                case "EventStream": period.EventStreamList.Add(ParseEventStream(path + "/EventStream", inband: false)); break;
                default: Skip(); break;
            }
        }
    }

    private void ParseAdaptationSet(DashPeriod period)
    {
        var set = new DashAdaptationSet(period, period.AdaptationSetList.Count, Line);
        period.AdaptationSetList.Add(set);
        var path = set.Path;
        while (_r.MoveToNextAttribute())
        {
            if (_r.NamespaceURI.Length != 0)
            {
                continue;
            }

            var v = _r.Value;
            switch (_r.LocalName)
            {
                case "id": set.Id = v; break;
                case "contentType": set.ContentType = v; break;
                case "lang": set.Lang = v; break;
                default: CommonAttribute(set.Common, v, path, set.Line); break;
            }
        }

        _r.MoveToElement();
        if (_r.IsEmptyElement)
        {
            return;
        }

        var depth = _r.Depth;
        while (NextChild(depth))
        {
            switch (_r.LocalName)
            {
                case "BaseURL": set.OwnBaseUrls.Add(ParseBaseUrl()); break;
                case "SegmentBase" or "SegmentList" or "SegmentTemplate": set.OwnSegmentInfo = ParseSegmentInfo(set.OwnSegmentInfo, path); break;
                case "Representation": ParseRepresentation(set); break;
                case "Role": set.RoleList.Add(ParseDescriptor()); break;
                case "ContentProtection": set.ProtectionList.Add(ParseDescriptor()); break;
                case "Label": set.LabelList.Add(ReadText()); break;
                case "InbandEventStream": set.InbandList.Add(ParseEventStream(path + "/InbandEventStream", inband: true)); break;
                default: Skip(); break;
            }
        }
    }

    // The reader stands on one attribute of an AdaptationSet or Representation; other names are ignored.
    private void CommonAttribute(CommonAttributes common, string v, string path, int line)
    {
        switch (_r.LocalName)
        {
            case "mimeType": common.MimeType = v; break;
            case "codecs": common.Codecs = v; break;
            case "width": common.Width = Int("width", v, path, line); break;
            case "height": common.Height = Int("height", v, path, line); break;
            case "frameRate": common.FrameRate = v; break;
            case "audioSamplingRate": common.AudioSamplingRate = v; break;
            default: break;
        }
    }

    private void ParseRepresentation(DashAdaptationSet set)
    {
        var rep = new DashRepresentation(set, set.RepresentationList.Count, Line);
        set.RepresentationList.Add(rep);
        var path = rep.Path;
        var hasId = false;
        var hasBandwidth = false;
        while (_r.MoveToNextAttribute())
        {
            if (_r.NamespaceURI.Length != 0)
            {
                continue;
            }

            var v = _r.Value;
            switch (_r.LocalName)
            {
                case "id": rep.Id = v; hasId = true; break;
                case "bandwidth":
                    hasBandwidth = true;
                    rep.Bandwidth = Long("bandwidth", v, path, rep.Line, allowNegative: false) ?? 0;
                    break;
                default: CommonAttribute(rep.Common, v, path, rep.Line); break;
            }
        }

        _r.MoveToElement();
        if (!hasId || rep.Id.Length == 0)
        {
            _findings.Add("DASH-MISSING-REPRESENTATION-ID", FindingSeverity.Error, "Representation@id is required and absent or empty.", path, rep.Line);
        }

        if (!hasBandwidth)
        {
            _findings.Add("DASH-MISSING-BANDWIDTH", FindingSeverity.Error, $"Representation '{rep.Id}' has no @bandwidth, which is required.", path, rep.Line);
        }

        if (_r.IsEmptyElement)
        {
            return;
        }

        var depth = _r.Depth;
        while (NextChild(depth))
        {
            switch (_r.LocalName)
            {
                case "BaseURL": rep.OwnBaseUrls.Add(ParseBaseUrl()); break;
                case "SegmentBase" or "SegmentList" or "SegmentTemplate": rep.OwnSegmentInfo = ParseSegmentInfo(rep.OwnSegmentInfo, path); break;
                case "ContentProtection": set.ProtectionList.Add(ParseDescriptor()); break;
                case "InbandEventStream": rep.InbandList.Add(ParseEventStream(path + "/InbandEventStream", inband: true)); break;
                default: Skip(); break;
            }
        }
    }

    private DashDescriptor ParseDescriptor()
    {
        var (scheme, value) = ParseSchemeAndValue();
        return new DashDescriptor(scheme, value);
    }

    // UTCTiming and every descriptor (Role, Accessibility, EssentialProperty, …) share the
    // DescriptorType shape: @schemeIdUri and @value, children ignored.
    private (string Scheme, string? Value) ParseSchemeAndValue()
    {
        string scheme = "";
        string? value = null;
        while (_r.MoveToNextAttribute())
        {
            if (_r.NamespaceURI.Length == 0)
            {
                if (_r.LocalName == "schemeIdUri")
                {
                    scheme = _r.Value;
                }
                else if (_r.LocalName == "value")
                {
                    value = _r.Value;
                }
            }
        }

        _r.MoveToElement();
        Skip();
        return (scheme, value);
    }

    private SegmentLevel ParseSegmentInfo(SegmentLevel? level, string parentPath)
    {
        level ??= new SegmentLevel();
        var name = _r.LocalName;
        var path = parentPath + "/" + name;
        var line = Line;
        var b = new SegmentInfoBuilder { Line = line, Path = path };
        switch (name)
        {
            case "SegmentBase":
                level.Base = b;
                break;
            case "SegmentList":
                level.List = b;
                break;
            default:
                level.Template = b;
                break;
        }

        while (_r.MoveToNextAttribute())
        {
            if (_r.NamespaceURI.Length != 0)
            {
                continue;
            }

            var v = _r.Value;
            switch (_r.LocalName)
            {
                case "timescale":
                    b.Timescale = Long("timescale", v, path, line, allowNegative: false);
                    if (b.Timescale == 0)
                    {
                        _findings.Add("DASH-TIMESCALE-ZERO", FindingSeverity.Error, $"{name}@timescale is 0; no time can be expressed in it. Treated as 1.", path, line);
                        b.Timescale = 1;
                    }

                    break;
                case "duration":
                    b.Duration = Long("duration", v, path, line, allowNegative: false);
                    if (b.Duration == 0)
                    {
                        _findings.Add("DASH-SEGMENT-DURATION-ZERO", FindingSeverity.Error, $"{name}@duration is 0; segments cannot be computed from it.", path, line);
                        b.Duration = null;
                    }

                    break;
                case "startNumber": b.StartNumber = Long("startNumber", v, path, line, allowNegative: false); break;
                case "endNumber": b.EndNumber = Long("endNumber", v, path, line, allowNegative: false); break;
                case "presentationTimeOffset": b.PresentationTimeOffset = Long("presentationTimeOffset", v, path, line, allowNegative: false); break;
                case "availabilityTimeOffset": b.AvailabilityTimeOffset = Double("availabilityTimeOffset", v, path, line); break;
                case "media": b.Media = v; break;
                case "initialization": b.Initialization = v; break;
                case "indexRange": b.IndexRange = Range("indexRange", v, path, line); break;
                default: break;
            }
        }

        _r.MoveToElement();
        if (_r.IsEmptyElement)
        {
            return level;
        }

        var depth = _r.Depth;
        while (NextChild(depth))
        {
            switch (_r.LocalName)
            {
                case "SegmentTimeline": b.Timeline = ParseTimeline(path + "/SegmentTimeline"); break;
                case "Initialization": ParseInitialization(b, path + "/Initialization"); break;
                case "SegmentURL":
                    (b.SegmentUrls ??= []).Add(ParseSegmentUrl(path));
                    break;
                default: Skip(); break;
            }
        }

        return level;
    }

    private void ParseInitialization(SegmentInfoBuilder b, string path)
    {
        var line = Line;
        while (_r.MoveToNextAttribute())
        {
            if (_r.NamespaceURI.Length != 0)
            {
                continue;
            }

            if (_r.LocalName == "sourceURL")
            {
                b.Initialization = _r.Value;
            }
            else if (_r.LocalName == "range")
            {
                b.InitializationRange = Range("range", _r.Value, path, line);
            }
        }

        // An Initialization element without sourceURL means the BaseURL itself (possibly with a range).
        b.Initialization ??= "";
        _r.MoveToElement();
        Skip();
    }

    private DashSegmentUrl ParseSegmentUrl(string path)
    {
        var line = Line;
        string? media = null;
        DashByteRange? range = null;
        while (_r.MoveToNextAttribute())
        {
            if (_r.NamespaceURI.Length != 0)
            {
                continue;
            }

            if (_r.LocalName == "media")
            {
                media = _r.Value;
            }
            else if (_r.LocalName == "mediaRange")
            {
                range = Range("mediaRange", _r.Value, path + "/SegmentURL", line);
            }
        }

        _r.MoveToElement();
        Skip();
        return new DashSegmentUrl(media, range);
    }

    private List<DashTimelineEntry> ParseTimeline(string path)
    {
        var list = new List<DashTimelineEntry>();
        if (_r.IsEmptyElement)
        {
            return list;
        }

        var sPath = path + "/S";
        var depth = _r.Depth;
        while (NextChild(depth))
        {
            if (_r.LocalName != "S")
            {
                Skip();
                continue;
            }

            var line = Line;
            long? t = null;
            long d = -1;
            long r = 0;
            while (_r.MoveToNextAttribute())
            {
                if (_r.NamespaceURI.Length != 0)
                {
                    continue;
                }

                switch (_r.LocalName)
                {
                    case "t": t = LongChunk("t", sPath, line, allowNegative: false); break;
                    case "d": d = LongChunk("d", sPath, line, allowNegative: false) ?? -1; break;
                    case "r":
                        r = LongChunk("r", sPath, line, allowNegative: true) ?? 0;
                        if (r < -1)
                        {
                            _findings.Add("DASH-INVALID-NUMBER", FindingSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                                $"S@r is {r}; only -1 (repeat until the next S@t or the period end) or a non-negative count is allowed. Treated as 0."), sPath, line);
                            r = 0;
                        }

                        break;
                    default: break;
                }
            }

            _r.MoveToElement();
            Skip();
            if (d < 0)
            {
                _findings.Add("DASH-MISSING-ATTRIBUTE", FindingSeverity.Error, "S@d is required; the entry was ignored.", sPath, line);
                continue;
            }

            if (d == 0)
            {
                _findings.Add("DASH-SEGMENT-DURATION-ZERO", FindingSeverity.Error, "S@d is 0; the entry was ignored.", sPath, line);
                continue;
            }

            list.Add(new DashTimelineEntry(t, d, r, line));
        }

        return list;
    }

    /// <summary>The current attribute as an integer, read through <see cref="_chunk"/> instead of a string; null (reported) when invalid.</summary>
    private long? LongChunk(string attribute, string path, int line, bool allowNegative)
    {
        var n = _r.ReadAttributeValue() ? _r.ReadValueChunk(_chunk, 0, _chunk.Length) : 0;
        var styles = allowNegative ? NumberStyles.AllowLeadingSign : NumberStyles.None;
        if (n < _chunk.Length && long.TryParse(_chunk.AsSpan(0, n).Trim(), styles, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        return Long(attribute, new string(_chunk, 0, n), path, line, allowNegative);
    }

    private DashEventStream ParseEventStream(string path, bool inband)
    {
        var line = Line;
        string scheme = "";
        string? value = null;
        long timescale = 1;
        long pto = 0;
        while (_r.MoveToNextAttribute())
        {
            if (_r.NamespaceURI.Length != 0)
            {
                continue;
            }

            switch (_r.LocalName)
            {
                case "schemeIdUri": scheme = _r.Value; break;
                case "value": value = _r.Value; break;
                case "timescale":
                    timescale = Long("timescale", _r.Value, path, line, allowNegative: false) ?? 1;
                    if (timescale == 0)
                    {
                        _findings.Add("DASH-TIMESCALE-ZERO", FindingSeverity.Error, "EventStream@timescale is 0. Treated as 1.", path, line);
                        timescale = 1;
                    }

                    break;
                case "presentationTimeOffset": pto = Long("presentationTimeOffset", _r.Value, path, line, allowNegative: false) ?? 0; break;
                default: break;
            }
        }

        _r.MoveToElement();
        if (scheme.Length == 0)
        {
            _findings.Add("DASH-MISSING-ATTRIBUTE", FindingSeverity.Error, "EventStream@schemeIdUri is required and absent.", path, line);
        }

        var stream = new DashEventStream(scheme, value, inband) { Timescale = timescale, PresentationTimeOffset = pto };
        if (_r.IsEmptyElement)
        {
            return stream;
        }

        var depth = _r.Depth;
        while (NextChild(depth))
        {
            if (_r.LocalName != "Event")
            {
                Skip();
                continue;
            }

            var eventLine = Line;
            long? id = null;
            long presentationTime = 0;
            long? duration = null;
            while (_r.MoveToNextAttribute())
            {
                if (_r.NamespaceURI.Length != 0)
                {
                    continue;
                }

                switch (_r.LocalName)
                {
                    case "id": id = Long("id", _r.Value, path + "/Event", eventLine, allowNegative: false); break;
                    case "presentationTime": presentationTime = Long("presentationTime", _r.Value, path + "/Event", eventLine, allowNegative: false) ?? 0; break;
                    case "duration": duration = Long("duration", _r.Value, path + "/Event", eventLine, allowNegative: false); break;
                    default: break;
                }
            }

            _r.MoveToElement();
            Skip(); // The payload (SCTE-35 XML, base64 binary, ...) is not needed for monitoring.
            stream.EventList.Add(new DashEvent(id, presentationTime, duration, TimeSpan.Zero));
        }

        return stream;
    }

    private TimeSpan? Duration(string attribute, string value, string path, int line)
    {
        if (XsdValues.TryParseDuration(value, out var d) && d >= TimeSpan.Zero)
        {
            return d;
        }

        _findings.Add("DASH-INVALID-DURATION", FindingSeverity.Error, $"@{attribute}='{Clip(value)}' is not a valid non-negative xs:duration.", path, line);
        return null;
    }

    private DateTimeOffset? Date(string attribute, string value, string path, int line)
    {
        if (XsdValues.TryParseDateTime(value, out var d, out var hadZone))
        {
            if (!hadZone)
            {
                _findings.Add("DASH-DATETIME-WITHOUT-ZONE", FindingSeverity.Warning,
                    $"@{attribute}='{Clip(value)}' has no time zone; UTC was assumed, but clients may read it as local time.", path, line);
            }

            return d;
        }

        _findings.Add("DASH-INVALID-DATETIME", FindingSeverity.Error, $"@{attribute}='{Clip(value)}' is not a valid xs:dateTime.", path, line);
        return null;
    }

    private long? Long(string attribute, string value, string path, int line, bool allowNegative)
    {
        if (allowNegative ? XsdValues.TryParseSigned(value.Trim(), out var n) : XsdValues.TryParseUnsigned(value.Trim(), out n))
        {
            return n;
        }

        _findings.Add("DASH-INVALID-NUMBER", FindingSeverity.Error, $"@{attribute}='{Clip(value)}' is not a valid {(allowNegative ? "integer" : "non-negative integer")}.", path, line);
        return null;
    }

    private int? Int(string attribute, string value, string path, int line)
        => Long(attribute, value, path, line, allowNegative: false) is { } n && n <= int.MaxValue ? (int)n : null;

    private double? Double(string attribute, string value, string path, int line)
    {
        if (XsdValues.TryParseDouble(value, out var d))
        {
            return d;
        }

        _findings.Add("DASH-INVALID-NUMBER", FindingSeverity.Error, $"@{attribute}='{Clip(value)}' is not a valid xs:double.", path, line);
        return null;
    }

    private DashByteRange? Range(string attribute, string value, string path, int line)
    {
        if (XsdValues.TryParseByteRange(value, out var range))
        {
            return range;
        }

        _findings.Add("DASH-INVALID-BYTE-RANGE", FindingSeverity.Error, $"@{attribute}='{Clip(value)}' is not a byte range 'first-last'.", path, line);
        return null;
    }

    private static string Clip(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");
}
