using System.Net;
using Concordat.Core;
using Concordat.Core.Federation;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Federation;

/// <summary>
/// Fetches the signed configuration from where the operator publishes it: an https URL (plain http only on loopback,
/// for tests and local set-ups; the signature, not the transport, is what a node trusts) or a file path. Bounded in
/// size and time. Thread safe.
/// </summary>
internal sealed class FederationConfigurationSource : IDisposable
{
    private readonly Uri? _url;
    private readonly string? _path;
    private readonly HttpClient? _http;

    public FederationConfigurationSource(IOptions<FederationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = options.Value.ConfigurationSource ?? string.Empty;
        if (Uri.TryCreate(source, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            _url = url;
            _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = options.Value.RequestTimeout,
                MaxResponseContentBufferSize = FederationConfigurationNote.MaxBytes,
            };
            Display = url.GetLeftPart(UriPartial.Path);
        }
        else
        {
            _path = Path.GetFullPath(source);
            Display = _path;
        }
    }

    /// <summary>The source as logs name it (a URL without its query, or a full path).</summary>
    public string Display { get; }

    /// <summary>Whether a URL may serve the configuration: https, or http to a loopback address.</summary>
    public static bool IsAllowedUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Scheme == Uri.UriSchemeHttps
            || (url.Scheme == Uri.UriSchemeHttp && (url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address))));
    }

    /// <summary>The bytes the source serves now, or why it could not be read.</summary>
    public async Task<Result<byte[]>> FetchAsync(CancellationToken cancellationToken)
    {
        if (_path is not null)
        {
            try
            {
                var info = new FileInfo(_path);
                if (!info.Exists)
                {
                    return Unreachable($"the file {_path} does not exist");
                }

                if (info.Length > FederationConfigurationNote.MaxBytes)
                {
                    return Error.Validation("federation_configuration.too_large", $"The configuration is larger than {FederationConfigurationNote.MaxBytes} bytes.");
                }

                return await File.ReadAllBytesAsync(_path, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Unreachable(ex.Message);
            }
        }

        try
        {
            using var response = await _http!.GetAsync(_url, HttpCompletionOption.ResponseContentRead, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK
                ? await response.Content.ReadAsByteArrayAsync(cancellationToken)
                : Unreachable($"it answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            return Unreachable(ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unreachable("it did not answer in time");
        }
    }

    public void Dispose() => _http?.Dispose();

    private static Error Unreachable(string reason) => Error.Unavailable("federation.source_unreachable", reason);
}
