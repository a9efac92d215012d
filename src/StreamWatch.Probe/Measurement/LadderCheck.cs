using StreamWatch.Media;
using MediaFinding = StreamWatch.Media.Finding;

namespace StreamWatch.Probe.Measurement;

/// <summary>
/// Cross-rendition alignment of one HLS source (a stream on one CDN): <see cref="ManifestAnalyzer.CrossCheck"/> of its
/// multivariant playlist against the latest analysis of each of its renditions (RFC 8216bis 6.2.4: equal target
/// durations, all or none dated, matching media sequences, discontinuity sequences and dates), the check the CLI runs once.
/// </summary>
/// <remarks>
/// Throttled: a rendition's poll runs it only when something changed since the last run (a rendition's playlist, the
/// multivariant playlist, the set of renditions) and at most once per target duration, so 1,000 ladders cost one check
/// per ladder per target duration, not one per poll. It reuses one list of analyses; the analyses themselves are the
/// ones the polls keep anyway. The findings describe the ladder as it is now, so every poll of its renditions reports
/// them while they last (like a playlist's own findings), which alerting reads as state, never adding them up.
/// </remarks>
internal sealed class LadderCheck
{
    private readonly Lock _gate = new();
    private readonly List<ManifestAnalysis> _analyses = [];
    private ManifestAnalysis? _multivariant;
    private RenditionState[] _renditions = [];
    private DateTimeOffset _lastRun = DateTimeOffset.MinValue;
    private bool _dirty;
    private IReadOnlyList<MediaFinding> _findings = [];

    /// <summary>How many times the check ran (for debugging; the throttle keeps it near one per target duration).</summary>
    public int Runs { get; private set; }

    /// <summary>The findings of the last run.</summary>
    public IReadOnlyList<MediaFinding> Findings
    {
        get
        {
            lock (_gate)
            {
                return _findings;
            }
        }
    }

    /// <summary>The source's multivariant playlist as last discovered (anything else: no check).</summary>
    public void SetMultivariant(ManifestAnalysis? multivariant)
    {
        lock (_gate)
        {
            _dirty |= !ReferenceEquals(_multivariant, multivariant);
            _multivariant = multivariant?.Kind == ManifestKind.HlsMultivariant ? multivariant : null;
            if (_multivariant is null)
            {
                _findings = [];
            }
        }
    }

    /// <summary>The renditions polled for this source now.</summary>
    public void SetRenditions(RenditionState[] renditions)
    {
        lock (_gate)
        {
            _renditions = renditions;
            _dirty = true;
        }
    }

    /// <summary>
    /// Called by a rendition's poll after it stored its analysis: runs the check when due (see remarks) and returns the
    /// ladder's current findings.
    /// </summary>
    /// <param name="changed">The poll saw a new playlist.</param>
    /// <param name="targetDuration">The rendition's target duration (the throttle); null before one is known.</param>
    /// <param name="now">The poll's time.</param>
    public IReadOnlyList<MediaFinding> Observe(bool changed, TimeSpan? targetDuration, DateTimeOffset now)
    {
        lock (_gate)
        {
            _dirty |= changed;
            if (!_dirty || _multivariant is not { } multivariant || now - _lastRun < (targetDuration ?? ReloadCadence.UnknownTargetDuration))
            {
                return _findings;
            }

            _analyses.Clear();
            foreach (var rendition in _renditions)
            {
                if (rendition.Previous is { Kind: ManifestKind.HlsMedia } analysis)
                {
                    _analyses.Add(analysis);
                }
            }

            // A rendition not yet (or never) fetched is left out: the findings are about the ones seen.
            if (_analyses.Count >= 2 || (_analyses.Count > 0 && _analyses.Count == _renditions.Length))
            {
                _findings = ManifestAnalyzer.CrossCheck(multivariant, _analyses);
                Runs++;
            }

            _analyses.Clear();
            _lastRun = now;
            _dirty = false;
            return _findings;
        }
    }
}
