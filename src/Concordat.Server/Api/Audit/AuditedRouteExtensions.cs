namespace Concordat.Server.Api.Audit;

/// <summary>Marks endpoints as data routes (<see cref="AuditedRouteMetadata"/>).</summary>
public static class AuditedRouteExtensions
{
    /// <summary>Every request reaching the endpoint with a valid token gets exactly one audit entry, recorded as <paramref name="action"/>.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(action);
        builder.WithMetadata(new AuditedRouteMetadata(action));
        return builder;
    }
}
