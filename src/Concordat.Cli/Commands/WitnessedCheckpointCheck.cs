using Concordat.Core;
using Concordat.Core.Audit;
using Concordat.Core.Federation;

namespace Concordat.Cli.Commands;

/// <summary>
/// <c>audit verify --witnessed</c>: opens a witnessed checkpoint note (the log's signature must verify with the pinned
/// audit key) and checks its cosignatures against a witness policy, given as a tlog-policy file or taken from a
/// federation configuration that the pinned configuration key signed.
/// </summary>
internal static class WitnessedCheckpointCheck
{
    /// <summary>The problem code when the cosignatures do not meet the quorum.</summary>
    public const string Unwitnessed = "checkpoint.unwitnessed";

    /// <summary>Reads the policy: from <paramref name="policyFile"/>, or from a configuration note checked against its signing key.</summary>
    public static async Task<Result<(WitnessPolicy Policy, FederationConfiguration? Configuration)>> PolicyAsync(FileInfo? policyFile, FileInfo? configurationFile, FileInfo? trustedKeyFile, CancellationToken cancellationToken)
    {
        if ((policyFile is null) == (configurationFile is null))
        {
            return Error.Validation("cli.invalid", "With --witnessed, give exactly one of --witness-policy and --configuration.");
        }

        if (policyFile is not null)
        {
            if (!policyFile.Exists)
            {
                return Error.Validation("cli.invalid", $"The witness policy {policyFile.FullName} does not exist.");
            }

            var parsed = WitnessPolicy.Parse(await File.ReadAllTextAsync(policyFile.FullName, cancellationToken));
            return parsed.IsSuccess ? (parsed.Value, null) : Result<(WitnessPolicy, FederationConfiguration?)>.Failure(parsed.Errors);
        }

        if (trustedKeyFile is null || !trustedKeyFile.Exists || !configurationFile!.Exists)
        {
            return Error.Validation("cli.invalid", "--configuration needs the configuration note and --trusted-key, the operator's signing.vkey; both files must exist.");
        }

        var key = NoteVerifierKey.Parse((await File.ReadAllTextAsync(trustedKeyFile.FullName, cancellationToken)).Trim());
        if (!key.IsSuccess)
        {
            return Result<(WitnessPolicy, FederationConfiguration?)>.Failure(key.Errors);
        }

        var configuration = FederationConfigurationNote.Open(await File.ReadAllBytesAsync(configurationFile.FullName, cancellationToken), key.Value);
        return configuration.IsSuccess
            ? (configuration.Value.WitnessPolicy, configuration.Value)
            : Error.Validation(configuration.Errors[0].Code, $"The configuration {configurationFile.FullName} is refused: {configuration.Errors[0].Message}");
    }

    /// <summary>
    /// Opens the witnessed note and checks its quorum. A failure of kind <see cref="ErrorKind.Forbidden"/> is a
    /// verification failure (exit 1); any other is bad input.
    /// </summary>
    /// <remarks>
    /// With a configuration, the log must be a member's whose listed audit key is the pinned key, and that member's own
    /// witness does not count towards its log's quorum (a node never witnesses itself).
    /// </remarks>
    public static async Task<Result<(Checkpoint Checkpoint, WitnessQuorum Quorum)>> CheckAsync(FileInfo witnessed, WitnessPolicy policy, FederationConfiguration? configuration, AuditPublicKey key, CancellationToken cancellationToken)
    {
        if (!witnessed.Exists)
        {
            return Error.Validation("cli.invalid", $"The witnessed checkpoint {witnessed.FullName} does not exist.");
        }

        var opened = CheckpointNote.Open(await File.ReadAllBytesAsync(witnessed.FullName, cancellationToken), key);
        if (!opened.IsSuccess)
        {
            return Error.Forbidden("checkpoint.forged", $"The witnessed checkpoint is not a checkpoint signed by this log's key: {opened.Errors[0].Message}");
        }

        var (note, checkpoint) = opened.Value;
        string? owner = null;
        if (configuration is not null)
        {
            var member = configuration.Members.FirstOrDefault(m => string.Equals(m.AuditLog.Origin, checkpoint.Origin, StringComparison.Ordinal));
            if (member is null || !member.AuditLog.Key.Equals(AuditLogVerifierKey.For(key, checkpoint.Origin)))
            {
                return Error.Forbidden("checkpoint.not_a_member_log", $"The configuration lists no member whose audit log is '{checkpoint.Origin}' with the public key given.");
            }

            owner = member.OrganisationId;
        }

        var quorum = Cosignature.CheckQuorum(note, policy, owner);
        return quorum.Satisfied
            ? (checkpoint, quorum)
            : Error.Forbidden(Unwitnessed, $"The checkpoint of {checkpoint.TreeSize} entries is not witnessed: {quorum.Describe()}.");
    }
}
