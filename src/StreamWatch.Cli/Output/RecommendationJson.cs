namespace StreamWatch.Cli.Output;

/// <summary>A webhook's <c>recommendation</c> as the drill's JSON repeats it: <c>{action, from, to, reason}</c>.</summary>
internal sealed record RecommendationJson(string? Action, string? From, string? To, string? Reason);
