namespace StreamWatch.Lab.Streams;

/// <summary>The live edge: <paramref name="Completed"/> segments are complete, and so are the first <paramref name="Parts"/> parts of the next.</summary>
internal readonly record struct LivePosition(long Completed, int Parts);
