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
    public static async Task<Result<WitnessPolicy>> PolicyAsync(FileInfo? policyFile, FileInfo? configurationFile, FileInfo? trustedKeyFile, CancellationToken cancellationToken)
    {
        if ((policyFile is null) == (configurationFile is null))
        {
            return Error.Validation("cli.invalid", "With --witnessed, give exactly one of --witness-policy and --configuration.");
        }

        if (policyFile is not null)
        {
            return policyFile.Exists
                ? WitnessPolicy.Parse(await File.ReadAllTextAsync(policyFile.FullName, cancellationToken))
                : Error.Validation("cli.invalid", $"The witness policy {policyFile.FullName} does not exist.");
        }

        if (trustedKeyFile is null || !trustedKeyFile.Exists || !configurationFile!.Exists)
        {
            return Error.Validation("cli.invalid", "--configuration needs the configuration note and --trusted-key, the operator's signing.vkey; both files must exist.");
        }

        var key = NoteVerifierKey.Parse((await File.ReadAllTextAsync(trustedKeyFile.FullName, cancellationToken)).Trim());
        if (!key.IsSuccess)
        {
            return Result<WitnessPolicy>.Failure(key.Errors);
        }

        var configuration = FederationConfigurationNote.Open(await File.ReadAllBytesAsync(configurationFile.FullName, cancellationToken), key.Value);
        return configuration.IsSuccess
            ? configuration.Value.WitnessPolicy
            : Error.Validation(configuration.Errors[0].Code, $"The configuration {configurationFile.FullName} is refused: {configuration.Errors[0].Message}");
    }

    /// <summary>
    /// Opens the witnessed note and checks its quorum. A failure of kind <see cref="ErrorKind.Forbidden"/> is a
    /// verification failure (exit 1); any other is bad input.
    /// </summary>
    public static async Task<Result<(Checkpoint Checkpoint, WitnessQuorum Quorum)>> CheckAsync(FileInfo witnessed, WitnessPolicy policy, AuditPublicKey key, CancellationToken cancellationToken)
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
        var quorum = Cosignature.CheckQuorum(note, policy);
        return quorum.Satisfied
            ? (checkpoint, quorum)
            : Error.Forbidden(Unwitnessed, $"The checkpoint of {checkpoint.TreeSize} entries is not witnessed: {quorum.Describe()}.");
    }
}
