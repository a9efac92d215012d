namespace StreamWatch.Media.Hls;

/// <summary>EXT-X-SERVER-CONTROL: delivery directives a low-latency server supports (RFC 8216bis 4.4.3.8).</summary>
/// <param name="CanSkipUntil">CAN-SKIP-UNTIL in seconds: how far back a delta update (_HLS_skip) may skip, or null.</param>
/// <param name="CanSkipDateRanges">CAN-SKIP-DATERANGES=YES.</param>
/// <param name="HoldBack">HOLD-BACK in seconds, or null.</param>
/// <param name="PartHoldBack">PART-HOLD-BACK in seconds, or null.</param>
/// <param name="CanBlockReload">CAN-BLOCK-RELOAD=YES: the server supports blocking playlist reload (_HLS_msn).</param>
/// <param name="Line">1-based line number.</param>
public sealed record HlsServerControl(double? CanSkipUntil, bool CanSkipDateRanges, double? HoldBack, double? PartHoldBack, bool CanBlockReload, int Line);
