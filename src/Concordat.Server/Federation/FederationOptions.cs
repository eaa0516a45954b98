namespace Concordat.Server.Federation;

/// <summary>A node's federation settings, bound from <c>Concordat:Federation</c> and validated on start.</summary>
public sealed class FederationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Concordat:Federation";

    /// <summary>Whether this hub runs as a federation node. Off, nothing below is read and no federation listener opens.</summary>
    public bool Enabled { get; set; }

    /// <summary>The member organisation this node acts for (its certificate must name it).</summary>
    public string? OrganisationId { get; set; }

    /// <summary>Where the signed configuration comes from: an https URL, or a file path.</summary>
    public string? ConfigurationSource { get; set; }

    /// <summary>The configuration signing key's signed-note verifier key, obtained from the operator out of band.</summary>
    public string? TrustedKey { get; set; }

    /// <summary>The federation listener's address and port, e.g. <c>0.0.0.0:8443</c>; mutual TLS only, apart from the public API.</summary>
    public string? ListenEndpoint { get; set; }

    /// <summary>The node certificate (PEM), issued by the federation; unset, <c>federation/node.crt</c> in the data directory.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>How often the configuration is fetched again.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the other members' public registers are fetched again.</summary>
    public TimeSpan RegisterRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a node-to-node access token lives.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait for another node (or the configuration source) before giving up on a request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The name of this node's witness cosigning key; unset, the audit origin's first segment and <c>/witness</c>.</summary>
    public string? WitnessName { get; set; }

    /// <summary>How often this node submits its newest checkpoint to the witnesses that have not cosigned it yet.</summary>
    public TimeSpan WitnessInterval { get; set; } = TimeSpan.FromSeconds(1);
}
