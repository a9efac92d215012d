namespace StreamWatch.Media.Http;

/// <summary>What <see cref="BoundedBody.ReadAsync"/> read.</summary>
/// <param name="Body">The whole body when it was kept and fit the limit; null otherwise.</param>
/// <param name="Bytes">Bytes received, at most the limit + 1 (reading stops there).</param>
/// <param name="TooLarge">True when the body passed the limit and was abandoned.</param>
public readonly record struct BoundedBodyRead(byte[]? Body, long Bytes, bool TooLarge);
