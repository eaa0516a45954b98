namespace Concordat.Server.Hosting;

/// <summary>Declares an endpoint's request body limit; without one an endpoint gets <see cref="ConcordatOptions.MaxRequestBodyBytes"/>.</summary>
public static class RequestBodyLimitExtensions
{
    /// <summary>Limits the request body to <paramref name="maxBytes"/>.</summary>
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, long maxBytes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        return builder.WithMetadata(new RequestBodyLimitMetadata(maxBytes));
    }

    /// <summary>Gives an upload endpoint the larger <see cref="ConcordatOptions.MaxIngestBodyBytes"/> limit.</summary>
    public static TBuilder WithIngestBodyLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequestBodyLimitMetadata(null));
}
