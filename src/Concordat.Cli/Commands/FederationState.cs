using System.Text.Json;
using Concordat.Core;

namespace Concordat.Cli.Commands;

/// <summary>
/// The operator's working copy of a federation (<c>federation.json</c> in the federation directory): what the next
/// published configuration will say. Not signed and not read by nodes; <c>concordat federation publish</c> turns it into
/// the signed configuration.
/// </summary>
internal sealed record FederationState
{
    public const string FileName = "federation.json";

    public required string Federation { get; init; }

    /// <summary>The version last published; 0 before the first.</summary>
    public long Version { get; init; }

    /// <summary>Where the operator keeps the plain CA and signing keys, or null when they are sealed in the federation directory.</summary>
    public string? KeyDirectory { get; init; }

    /// <summary>How long a published configuration is current (ISO 8601 duration).</summary>
    public string Lifetime { get; init; } = "P7D";

    /// <summary>How long nodes keep federating on it after it expires (ISO 8601 duration).</summary>
    public string GracePeriod { get; init; } = "P3D";

    public IReadOnlyList<FederationStateMember> Members { get; init; } = [];

    public IReadOnlyList<string> RevokedCertificates { get; init; } = [];

    /// <summary>The witness policy text (c2sp.org/tlog-policy).</summary>
    public string WitnessPolicy { get; init; } = "quorum none\n";

    public static FederationState Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new CliInputException($"{directory} is not a federation directory (no {FileName}); run `concordat federation init` first.");
        }

        try
        {
            return JsonSerializer.Deserialize<FederationState>(File.ReadAllText(path), ConcordatJson.Options)
                ?? throw new CliInputException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new CliInputException($"{path} is not a valid federation state file: {ex.Message}");
        }
    }

    public void Save(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, ConcordatJson.Indented) + "\n");
}
