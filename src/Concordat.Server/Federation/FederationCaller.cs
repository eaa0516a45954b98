using Concordat.Core.Federation;

namespace Concordat.Server.Federation;

/// <summary>
/// The member node calling a federation endpoint, as its mutual-TLS certificate proves under the current
/// configuration (set by the federation gate before any endpoint runs). Endpoints take it as a parameter, or read it
/// with <see cref="From"/>.
/// </summary>
/// <param name="Member">The calling member as the configuration lists it.</param>
/// <param name="CertificateThumbprint">The SHA-256 thumbprint (base64url) of the certificate on the connection.</param>
/// <param name="ConfigurationVersion">The configuration version the decision was made under.</param>
public sealed record FederationCaller(FederationMember Member, string CertificateThumbprint, long ConfigurationVersion)
{
    /// <summary>The calling organisation's id.</summary>
    public string OrganisationId => Member.OrganisationId;

    /// <summary>The caller of a request on the federation listener; throws when the gate did not run (a bug).</summary>
    public static FederationCaller From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<FederationCaller>()
            ?? throw new InvalidOperationException("The request did not pass the federation gate; federation endpoints must be mapped with MapFederationEndpoints.");
    }

    /// <summary>Minimal API binding: a <see cref="FederationCaller"/> parameter receives the gate's decision.</summary>
    public static ValueTask<FederationCaller?> BindAsync(HttpContext context) => ValueTask.FromResult<FederationCaller?>(From(context));
}
