namespace Concordat.Server.Hosting;

/// <summary>Describes a request for logs without its path values, which can hold identifiers such as a NINO record key.</summary>
internal static class RequestLabel
{
    /// <summary>The matched route template, e.g. <c>/api/v1/datasets/{id}/records/{key}</c>, or <c>(unmatched)</c>.</summary>
    public static string Route(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Route(context.GetEndpoint());
    }

    /// <summary>The route template of an endpoint, or <c>(unmatched)</c>.</summary>
    public static string Route(Endpoint? endpoint) =>
        endpoint is RouteEndpoint route ? "/" + route.RoutePattern.RawText?.Trim('/') : "(unmatched)";

    /// <summary>The caller's address, or <c>unknown</c>.</summary>
    public static string RemoteAddress(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
