namespace StreamWatch.Probe.Measurement;

/// <summary>
/// What the HTTP <c>Date</c> headers of one rendition's responses prove about the server's clock minus the probe's
/// (θ). A Date of D (whole seconds) was written at a server instant in [D, D + 1 s) while the probe was between sending
/// the request (t₀) and reading the first byte (t₁), so θ lies in (D − t₁, D + 1 s − t₀). Samples are intersected, so
/// the interval narrows as polls fall at different sub-second phases; when a sample contradicts it (the server's clock
/// was stepped) the interval restarts from that sample.
/// </summary>
/// <remarks>
/// <see cref="Correction"/> is the value in the interval closest to zero, not its midpoint: clocks that agree to within
/// what the Date headers can show are taken to agree exactly (a midpoint would invent up to half a second of skew from
/// the header's truncation), while a server proven to be off by more is corrected by no more than the evidence demands.
/// </remarks>
internal struct ServerClock
{
    private TimeSpan _lower;
    private TimeSpan _upper;
    private bool _known;

    /// <summary>Adds one response's Date header, sent at <paramref name="sent"/> and answered at <paramref name="firstByte"/> (probe clock).</summary>
    public void Observe(DateTimeOffset date, DateTimeOffset sent, DateTimeOffset firstByte)
    {
        var lower = date - firstByte;
        var upper = date + TimeSpan.FromSeconds(1) - sent;
        if (_known && lower < _upper && upper > _lower)
        {
            _lower = lower > _lower ? lower : _lower;
            _upper = upper < _upper ? upper : _upper;
            return;
        }

        (_lower, _upper, _known) = (lower, upper, true);
    }

    /// <summary>Server minus probe: the smallest offset the Date headers allow (zero while they allow zero, or nothing seen).</summary>
    public readonly TimeSpan Correction => !_known || (_lower <= TimeSpan.Zero && _upper >= TimeSpan.Zero)
        ? TimeSpan.Zero
        : _lower > TimeSpan.Zero ? _lower : _upper;
}
