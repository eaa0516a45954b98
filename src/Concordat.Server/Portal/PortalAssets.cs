using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Concordat.Server.Portal;

/// <summary>
/// Serves the GOV.UK Frontend stylesheet, script, fonts and images embedded in the assembly at build time under
/// <c>/assets/</c>, the path the stylesheet's font and image URLs expect. Only embedded names are served, so a path
/// can never reach the file system.
/// </summary>
internal static class PortalAssets
{
    /// <summary>The URL path the assets are served from.</summary>
    public const string BasePath = "/assets";

    private const string RootPrefix = "portal/";
    private const string ResourcePrefix = "portal/assets/";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private static readonly FrozenDictionary<string, string> Resources = typeof(PortalAssets).Assembly
        .GetManifestResourceNames()
        .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) || name.StartsWith(RootPrefix, StringComparison.Ordinal))
        .ToFrozenDictionary(UrlPath, StringComparer.Ordinal);

    /// <summary>True when the GOV.UK Frontend stylesheet was embedded by the build.</summary>
    public static bool Available => Resources.ContainsKey("govuk-frontend.min.css");

    // portal/assets/fonts/x.woff2 -> fonts/x.woff2; portal/govuk-frontend.min.css -> govuk-frontend.min.css
    private static string UrlPath(string resource) => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal)
        ? resource[ResourcePrefix.Length..]
        : resource[RootPrefix.Length..];

    /// <summary>Maps <c>GET /assets/{path}</c>.</summary>
    public static IEndpointRouteBuilder MapPortalAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(BasePath + "/{**path}", Serve)
            .AllowAnonymous()
            .DisableRateLimiting()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Serve(string path, HttpContext context)
    {
        if (!Resources.TryGetValue(path, out var resource))
        {
            return TypedResults.NotFound();
        }

        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource);
        if (stream is null)
        {
            return TypedResults.NotFound();
        }

        if (!ContentTypes.TryGetContentType(path, out var contentType))
        {
            contentType = "application/octet-stream";
        }

        // Fingerprinted fonts and a versioned package: a day's caching is safe and spares the hub.
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.Stream(stream, contentType);
    }
}
