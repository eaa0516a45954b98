using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Hosting;

/// <summary>
/// The hub's public base address, used wherever the hub names itself (DCAT identifiers, ODRL uids, OpenAPI servers,
/// the start-up log). It is <see cref="ConcordatOptions.PublicBaseUrl"/> when set; otherwise the first address Kestrel
/// bound (a wildcard host reads as <c>localhost</c>), which suits a local run. The request's Host header is never used:
/// it is whatever the caller chose to send.
/// </summary>
internal sealed class PublicAddress
{
    private static readonly Uri Fallback = new("http://localhost:5080/");
    private readonly ConcordatOptions _options;
    private readonly IServer _server;

    public PublicAddress(IOptions<ConcordatOptions> options, IServer server)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _server = server;
    }

    /// <summary>The base address, ending in <c>/</c>.</summary>
    public Uri Base => WithSlash(_options.PublicBaseUrl ?? FromServer() ?? Fallback);

    /// <summary>The base address without a trailing slash, to append absolute paths to.</summary>
    public string Root => Base.AbsoluteUri.TrimEnd('/');

    /// <summary>The addresses Kestrel is listening on, as bound (empty before it starts or in an in-memory test server).</summary>
    public IReadOnlyList<string> BoundAddresses =>
        _server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    private Uri? FromServer()
    {
        foreach (var address in BoundAddresses)
        {
            var text = address.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal)
                .Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal);
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }
        }

        return null;
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
