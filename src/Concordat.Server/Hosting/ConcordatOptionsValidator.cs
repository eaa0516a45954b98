using Microsoft.Extensions.Options;

namespace Concordat.Server.Hosting;

/// <summary>Refuses to start the hub with settings that would make it unsafe or broken.</summary>
internal sealed class ConcordatOptionsValidator : IValidateOptions<ConcordatOptions>
{
    public ValidateOptionsResult Validate(string? name, ConcordatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Concordat:DataDirectory must name a directory.");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("Concordat:Issuer must not be empty.");
        }

        if (options.TokenLifetime < TimeSpan.FromMinutes(1) || options.TokenLifetime > TimeSpan.FromHours(24))
        {
            failures.Add("Concordat:TokenLifetime must be between 00:01:00 and 24:00:00.");
        }

        if (options.PublicBaseUrl is { } baseUrl
            && (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp)
                || baseUrl.UserInfo.Length > 0 || baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0))
        {
            failures.Add("Concordat:PublicBaseUrl must be an absolute http or https address with no user info, query or fragment.");
        }

        if (options.MaxRequestBodyBytes < 1024)
        {
            failures.Add("Concordat:MaxRequestBodyBytes must be at least 1024.");
        }

        if (options.MaxIngestBodyBytes < options.MaxRequestBodyBytes)
        {
            failures.Add("Concordat:MaxIngestBodyBytes must be at least Concordat:MaxRequestBodyBytes.");
        }

        if (options.RateLimitPermits < 1)
        {
            failures.Add("Concordat:RateLimitPermits must be at least 1.");
        }

        if (options.RateLimitWindow < TimeSpan.FromSeconds(1))
        {
            failures.Add("Concordat:RateLimitWindow must be at least 00:00:01.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
