namespace StreamWatch.ServiceDefaults.Health;

/// <summary>Health check tags with a meaning to the default endpoints.</summary>
public static class HealthTags
{
    /// <summary>
    /// Checks tagged <c>live</c> run for <c>/alive</c> (liveness: is the process able to work at all).
    /// Every check, tagged or not, runs for <c>/health</c> (readiness, dependencies included).
    /// </summary>
    public const string Live = "live";

    /// <summary>Conventional tag for dependency checks (Redis, other services); informational.</summary>
    public const string Dependency = "dependency";
}
