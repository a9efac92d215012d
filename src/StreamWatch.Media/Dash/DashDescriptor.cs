namespace StreamWatch.Media.Dash;

/// <summary>A descriptor element (Role, ContentProtection, Accessibility, ...): scheme and value.</summary>
/// <param name="SchemeIdUri"><c>@schemeIdUri</c>, empty when absent.</param>
/// <param name="Value"><c>@value</c>, when present.</param>
public sealed record DashDescriptor(string SchemeIdUri, string? Value);
