namespace StreamWatch.Media.Dash.Internal;

/// <summary>One BaseURL element as written: text and its availabilityTimeOffset in seconds.</summary>
internal readonly record struct BaseUrlEntry(string Text, double? AvailabilityTimeOffset, int Line);
