namespace StreamWatch.Probe.Measurement;

/// <summary>What <see cref="BoundedReader"/> read.</summary>
/// <param name="Body">The body when kept and complete.</param>
/// <param name="Bytes">Bytes received.</param>
/// <param name="TooLarge">True when the body passed the limit and was abandoned.</param>
internal readonly record struct BodyRead(byte[]? Body, long Bytes, bool TooLarge);
