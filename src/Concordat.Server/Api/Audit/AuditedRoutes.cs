using System.Collections.Frozen;

namespace Concordat.Server.Api.Audit;

/// <summary>
/// Finds the data route (<see cref="AuditedRouteMetadata"/>) a request is aimed at. Usually that is the matched
/// endpoint's metadata; but when routing refuses a request before choosing an endpoint (a body of the wrong content
/// type gets 415, a wrong method 405, from an endpoint routing makes up), the path still names the data route, and the
/// request is audited as an attempt on it. Thread safe.
/// </summary>
internal sealed class AuditedRoutes
{
    private readonly EndpointDataSource _endpoints;
    private FrozenDictionary<string, AuditedRouteMetadata>? _byPath;

    public AuditedRoutes(EndpointDataSource endpoints) => _endpoints = endpoints;

    /// <summary>The data route of the request, or null when it is not aimed at one.</summary>
    public AuditedRouteMetadata? Find(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var endpoint = http.GetEndpoint();
        if (endpoint is null || endpoint is RouteEndpoint)
        {
            return endpoint?.Metadata.GetMetadata<AuditedRouteMetadata>();
        }

        // A rejection endpoint: only routes without parameters can be named by the path alone, and those are the ones
        // that take a body (the only requests routing refuses by content type).
        _byPath ??= _endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count == 0 && e.Metadata.GetMetadata<AuditedRouteMetadata>() is not null)
            .GroupBy(e => Normalise(e.RoutePattern.RawText), StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.First().Metadata.GetMetadata<AuditedRouteMetadata>()!, StringComparer.OrdinalIgnoreCase);
        return _byPath.GetValueOrDefault(Normalise(http.Request.Path.Value));
    }

    private static string Normalise(string? path) => "/" + (path ?? string.Empty).Trim('/');
}
