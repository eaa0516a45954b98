using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Concordat.Server.Auth;

/// <summary>Client credentials presented at the token endpoint, from HTTP Basic (RFC 6749 section 2.3.1) or the form body.</summary>
/// <param name="ClientId">The presented client id.</param>
/// <param name="ClientSecret">The presented secret.</param>
/// <param name="ViaBasic">True when they came in an <c>Authorization: Basic</c> header.</param>
internal sealed record ClientCredentials(string ClientId, string ClientSecret, bool ViaBasic)
{
    /// <summary>Reads an <c>Authorization: Basic</c> header, whose parts are form-urlencoded before base64 (RFC 6749 2.3.1).</summary>
    /// <returns>Null when there is no Basic header; a failure message when it is malformed.</returns>
    public static (ClientCredentials? Credentials, string? Problem) FromBasicHeader(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization) || !AuthenticationHeaderValue.TryParse(authorization, out var header))
        {
            return (null, null);
        }

        if (!string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "unsupported authorization scheme");
        }

        if (string.IsNullOrEmpty(header.Parameter))
        {
            return (null, "empty basic credentials");
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return (null, "malformed basic credentials");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return (null, "malformed basic credentials");
        }

        var clientId = WebUtility.UrlDecode(decoded[..colon]);
        var secret = WebUtility.UrlDecode(decoded[(colon + 1)..]);
        return (new ClientCredentials(clientId, secret, ViaBasic: true), null);
    }
}
