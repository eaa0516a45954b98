using System.Net;
using Concordat.Core.Catalogue;
using Concordat.Core.Federation;
using Microsoft.Extensions.Options;

namespace Concordat.Server.Federation;

/// <summary>Refuses to start a federation node with missing or unsafe settings, naming the setting.</summary>
internal sealed class FederationOptionsValidator : IValidateOptions<FederationOptions>
{
    public ValidateOptionsResult Validate(string? name, FederationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!SchemaRules.IsValidSlug(options.OrganisationId))
        {
            failures.Add("Concordat:Federation:OrganisationId must be this node's organisation id (lower-case letters, digits and hyphens).");
        }

        if (string.IsNullOrWhiteSpace(options.ConfigurationSource))
        {
            failures.Add("Concordat:Federation:ConfigurationSource must be an https URL or a file path.");
        }
        else if (Uri.TryCreate(options.ConfigurationSource, UriKind.Absolute, out var source) && !source.IsFile && !FederationConfigurationSource.IsAllowedUrl(source))
        {
            failures.Add("Concordat:Federation:ConfigurationSource must be an https URL (http only on loopback) or a file path.");
        }

        var key = NoteVerifierKey.Parse(options.TrustedKey);
        if (!key.IsSuccess || key.Value.SignatureType != NoteVerifierKey.Ed25519Type)
        {
            failures.Add("Concordat:Federation:TrustedKey must be the configuration signing key's verifier key (name+keyid+key), from the federation's operator.");
        }

        if (!IPEndPoint.TryParse(options.ListenEndpoint ?? string.Empty, out var endpoint) || endpoint.Port == 0)
        {
            failures.Add("Concordat:Federation:ListenEndpoint must be an address and port such as 0.0.0.0:8443.");
        }

        if (options.RefreshInterval < TimeSpan.FromSeconds(1) || options.RefreshInterval > TimeSpan.FromDays(1))
        {
            failures.Add("Concordat:Federation:RefreshInterval must be between 00:00:01 and 1.00:00:00.");
        }

        if (options.RegisterRefreshInterval < TimeSpan.FromSeconds(1) || options.RegisterRefreshInterval > TimeSpan.FromDays(1))
        {
            failures.Add("Concordat:Federation:RegisterRefreshInterval must be between 00:00:01 and 1.00:00:00.");
        }

        if (options.TokenLifetime < TimeSpan.FromSeconds(30) || options.TokenLifetime > TimeSpan.FromHours(1))
        {
            failures.Add("Concordat:Federation:TokenLifetime must be between 00:00:30 and 01:00:00.");
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add("Concordat:Federation:RequestTimeout must be between 00:00:01 and 00:10:00.");
        }

        if (options.WitnessName is not null && !Concordat.Core.Federation.NoteVerifierKey.IsValidName(options.WitnessName))
        {
            failures.Add("Concordat:Federation:WitnessName must be a key name: no space, control character or '+'.");
        }

        if (options.WitnessInterval < TimeSpan.FromMilliseconds(100) || options.WitnessInterval > TimeSpan.FromHours(1))
        {
            failures.Add("Concordat:Federation:WitnessInterval must be between 00:00:00.1 and 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
