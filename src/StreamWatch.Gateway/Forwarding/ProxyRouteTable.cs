using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace StreamWatch.Gateway.Forwarding;

/// <summary>
/// The proxied routes precomputed for the fast path (<see cref="ProxyFastPathMiddleware"/>): each
/// route whose pattern is literal segments with an optional trailing catch-all (<c>/api/v1/{**rest}</c>)
/// becomes a prefix, tried in endpoint routing's own order (route <c>Order</c>, then
/// route precedence, then methods). The table only ever answers when endpoint routing
/// would pick the same route: a request that another endpoint (or a proxied route the table cannot
/// express) could also match is left to the normal pipeline, which decides as it always did.
/// </summary>
internal sealed class ProxyRouteTable
{
    private readonly FastRoute[] _routes;

    private ProxyRouteTable(FastRoute[] routes) => _routes = routes;

    /// <summary>True when no route can take the fast path (every request goes the normal way).</summary>
    public bool IsEmpty => _routes.Length == 0;

    /// <summary>
    /// Builds the table from the validated routes, their clusters and every other endpoint the app
    /// maps. Endpoints carrying <see cref="ProxyRouteMetadata"/> are the proxied routes themselves.
    /// </summary>
    public static ProxyRouteTable Build(ReverseProxyOptions options, ProxyState state, IEnumerable<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(endpoints);

        // What other endpoints could match, as literal prefixes (a superset of what they really match).
        var others = new List<Claim>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<ProxyRouteMetadata>() is not null)
            {
                continue;
            }

            if (endpoint is not RouteEndpoint route)
            {
                // An endpoint without a pattern could match anything: no shortcut is safe.
                return new ProxyRouteTable([]);
            }

            others.Add(Claim.Of(route.RoutePattern));
        }

        var candidates = new List<(FastRoute Route, RoutePattern Pattern)>();
        foreach (var (id, route) in options.Routes)
        {
            var pattern = RoutePatternFactory.Parse(route.Match.Path!);
            if (!TryLiteralPrefix(pattern, out var prefix, out var catchAll))
            {
                // Not expressible here; whatever it could match goes the normal way.
                others.Add(Claim.Of(pattern));
                continue;
            }

            var methods = route.Match.Methods.Count == 0 ? null : route.Match.Methods.Select(static m => m.ToUpperInvariant()).ToArray();
            var fast = new FastRoute(id, new PathString(prefix), catchAll, route.Order, RoutePrecedence.ComputeInbound(new RouteTemplate(pattern)), methods, state.Clusters[route.ClusterId!], route.Timeout);
            candidates.Add((fast, pattern));
        }

        var routes = new List<FastRoute>();
        foreach (var (route, _) in candidates)
        {
            route.Conflicts = [.. others.Where(claim => claim.Overlaps(route.Prefix, route.CatchAll))];
            routes.Add(route);
        }

        // Endpoint routing's order: lower Order first, then the more specific pattern (lower precedence value).
        routes.Sort(static (a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Precedence.CompareTo(b.Precedence));
        return new ProxyRouteTable([.. routes]);
    }

    /// <summary>
    /// The route endpoint routing would pick for this request, or null when none of the table's
    /// routes matches or the answer is not certain (another endpoint could match, or two routes tie).
    /// </summary>
    public FastRoute? Match(PathString path, string method)
    {
        var routes = _routes;
        for (var i = 0; i < routes.Length; i++)
        {
            var route = routes[i];
            if (!route.MatchesPath(path))
            {
                continue;
            }

            foreach (var conflict in route.Conflicts)
            {
                if (conflict.Matches(path))
                {
                    return null;
                }
            }

            if (!route.MatchesMethod(method))
            {
                // Routing would try the next candidate (or answer 405): keep looking.
                continue;
            }

            // Two equally ranked routes both matching is an ambiguity routing reports; leave it to routing.
            for (var j = i + 1; j < routes.Length && routes[j].Order == route.Order && routes[j].Precedence == route.Precedence; j++)
            {
                if (routes[j].MatchesPath(path) && routes[j].MatchesMethod(method))
                {
                    return null;
                }
            }

            return route;
        }

        return null;
    }

    // Literal segments and an optional trailing catch-all without constraints; anything else is not a plain prefix.
    private static bool TryLiteralPrefix(RoutePattern pattern, out string prefix, out bool catchAll)
    {
        prefix = string.Empty;
        catchAll = false;
        var segments = pattern.PathSegments;
        var literal = new List<string>(segments.Count);
        for (var i = 0; i < segments.Count; i++)
        {
            var parts = segments[i].Parts;
            if (parts is [RoutePatternLiteralPart text])
            {
                literal.Add(text.Content);
                continue;
            }

            if (i == segments.Count - 1 && parts is [RoutePatternParameterPart { IsCatchAll: true, ParameterPolicies.Count: 0, Default: null }])
            {
                catchAll = true;
                continue;
            }

            return false;
        }

        prefix = literal.Count == 0 ? string.Empty : "/" + string.Join('/', literal);
        return true;
    }

    /// <summary>One proxied route on the fast path.</summary>
    internal sealed class FastRoute(string id, PathString prefix, bool catchAll, int order, decimal precedence, string[]? methods, ClusterState cluster, TimeSpan timeout)
    {
        public string Id { get; } = id;

        /// <summary>The literal segments, e.g. <c>/api/v1</c>; empty for a root catch-all.</summary>
        public PathString Prefix { get; } = prefix;

        /// <summary>True when the pattern ends in a catch-all (any path under the prefix matches).</summary>
        public bool CatchAll { get; } = catchAll;

        public int Order { get; } = order;

        public decimal Precedence { get; } = precedence;

        public ClusterState Cluster { get; } = cluster;

        public TimeSpan Timeout { get; } = timeout;

        /// <summary>Other endpoints that could match some of this route's paths.</summary>
        public Claim[] Conflicts { get; set; } = [];

        public bool MatchesPath(PathString path) => CatchAll
            ? !Prefix.HasValue || path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase)
            : Claim.EqualsIgnoringTrailingSlash(path, Prefix);

        public bool MatchesMethod(string method)
        {
            if (methods is null)
            {
                return true;
            }

            foreach (var allowed in methods)
            {
                if (string.Equals(allowed, method, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>What another endpoint could match: exactly its literal path, or anything under its literal prefix.</summary>
    internal readonly record struct Claim(PathString Prefix, bool Exact)
    {
        public static Claim Of(RoutePattern pattern)
        {
            var literal = new List<string>();
            var exact = true;
            foreach (var segment in pattern.PathSegments)
            {
                if (segment.Parts is [RoutePatternLiteralPart text])
                {
                    literal.Add(text.Content);
                    continue;
                }

                exact = false;
                break;
            }

            return new Claim(new PathString(literal.Count == 0 ? string.Empty : "/" + string.Join('/', literal)), exact);
        }

        public bool Matches(PathString path) => Exact
            ? EqualsIgnoringTrailingSlash(path, Prefix)
            : !Prefix.HasValue || path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

        /// <summary>True when some path matches both this claim and a route with <paramref name="prefix"/>.</summary>
        public bool Overlaps(PathString prefix, bool catchAll)
        {
            if (IsUnder(Prefix, prefix))
            {
                // Our literal path lies inside the route's space (or is its exact path).
                return catchAll || EqualsIgnoringTrailingSlash(Prefix, prefix) || !Exact;
            }

            // The route's space lies under our prefix.
            return !Exact && IsUnder(prefix, Prefix);
        }

        public static bool EqualsIgnoringTrailingSlash(PathString path, PathString literal)
        {
            var value = (path.Value ?? string.Empty).AsSpan().TrimEnd('/');
            var expected = (literal.Value ?? string.Empty).AsSpan();
            return value.Equals(expected, StringComparison.OrdinalIgnoreCase);
        }

        private static bool IsUnder(PathString path, PathString prefix)
            => !prefix.HasValue || path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Marks the endpoint of a proxied route, so the fast path's table knows it is one.</summary>
internal sealed record ProxyRouteMetadata(string RouteId);
