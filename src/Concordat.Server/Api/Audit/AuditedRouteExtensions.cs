namespace Concordat.Server.Api.Audit;

/// <summary>Marks endpoints as data routes (<see cref="AuditedRouteMetadata"/>).</summary>
public static class AuditedRouteExtensions
{
    /// <summary>Every request reaching the endpoint with a valid token gets exactly one audit entry, recorded as <paramref name="action"/>.</summary>
    /// <param name="builder">The endpoint.</param>
    /// <param name="action">The action its entries record.</param>
    /// <param name="datasetRouteValue">The route value that names the dataset read, if any (see <see cref="AuditedRouteMetadata"/>).</param>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action, string? datasetRouteValue = null)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(action);
        builder.WithMetadata(new AuditedRouteMetadata(action, datasetRouteValue));
        return builder;
    }
}
