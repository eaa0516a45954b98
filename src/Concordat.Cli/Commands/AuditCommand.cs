using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using Concordat.Core;
using Concordat.Core.Audit;
using Concordat.Core.Federation;

namespace Concordat.Cli.Commands;

/// <summary>
/// <c>concordat audit verify|verify-proof|export|checkpoint|public-key</c>. Verify needs only an export (or a hub's
/// address) and the public key, verify-proof only a downloaded proof and the public key; the others work on the local data directory and its keys.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo?>("--file") { Description = "An exported log (NDJSON) to verify." };
        var hub = new Option<string?>("--hub") { Description = "A hub's base address, e.g. https://hub.example.gov.uk; its export is fetched and verified." };
        var token = new Option<string?>("--token") { Description = "Bearer token for --hub (default: $CONCORDAT_TOKEN)." };
        var publicKey = new Option<FileInfo>("--public-key") { Description = "The hub's audit public key (JWK), obtained out of band.", Required = true };
        var trusted = new Option<FileInfo?>("--checkpoint") { Description = "A checkpoint saved earlier (JSON); the log must still contain it." };
        var witnessed = new Option<FileInfo?>("--witnessed") { Description = "A checkpoint note with witness cosignatures (GET /api/v1/audit/checkpoints/witnessed); its quorum is checked and the log must contain it." };
        var witnessPolicy = new Option<FileInfo?>("--witness-policy") { Description = "With --witnessed: the witness policy (c2sp.org/tlog-policy) whose quorum the cosignatures must meet." };
        var configuration = new Option<FileInfo?>("--configuration") { Description = "With --witnessed: take the witness policy from this federation configuration note instead." };
        var trustedKey = new Option<FileInfo?>("--trusted-key") { Description = "With --configuration: the configuration signing key (the operator's signing.vkey)." };
        var verify = new Command("verify", "Verify an audit log offline: every entry, the Merkle tree and each signed checkpoint.") { file, hub, token, publicKey, trusted, witnessed, witnessPolicy, configuration, trustedKey };
        verify.SetAction((parse, ct) => VerifyAsync(parse.GetValue(file), parse.GetValue(hub), parse.GetValue(token), parse.GetValue(publicKey)!, parse.GetValue(trusted),
            new WitnessInputs(parse.GetValue(witnessed), parse.GetValue(witnessPolicy), parse.GetValue(configuration), parse.GetValue(trustedKey)), ct));

        var output = new Option<FileInfo>("--out") { Description = "Where to write the export.", Required = true };
        var export = new Command("export", "Export the local audit log as NDJSON (entries and checkpoints).") { output };
        export.SetAction(async (parse, ct) =>
        {
            var log = CliContext.Open(parse).AuditLog;
            var path = parse.GetValue(output)!.FullName;
            long count;
            await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                count = await AuditExporter.WriteAsync(log, stream, ct);
            }

            CliOutput.Done($"Exported {N(count)} audit entries to {path}.");
            return ExitCodes.Success;
        });

        var checkpoint = new Command("checkpoint", "Sign a checkpoint of the local audit log now.");
        checkpoint.SetAction(async (parse, ct) =>
        {
            var log = CliContext.Open(parse).AuditLog;
            Checkpoint signed;
            try
            {
                signed = await log.CheckpointAsync(ct);
            }
            catch (AuditLogException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Failed;
            }

            Console.Out.Write(AuditJson.Checkpoint(signed));
            Console.Out.WriteLine();
            return ExitCodes.Success;
        });

        var keyOut = new Option<FileInfo?>("--out") { Description = "Write the JWK to this file instead of standard output." };
        var key = new Command("public-key", "Print the local hub's audit public key (JWK) for verifiers.") { keyOut };
        key.SetAction(async (parse, ct) =>
        {
            var jwk = CliContext.Open(parse).Get<AuditSigningKey>().PublicKey.ToJwk();
            if (parse.GetValue(keyOut) is { } target)
            {
                await File.WriteAllTextAsync(target.FullName, jwk + "\n", ct);
            }
            else
            {
                Console.Out.WriteLine(jwk);
            }

            return ExitCodes.Success;
        });

        var proofFile = new Option<FileInfo>("--file") { Description = "A proof of one entry (concordat-audit-proof/1), as the portal's audit page downloads it.", Required = true };
        var proofKey = new Option<FileInfo>("--public-key") { Description = "The hub's audit public key (JWK), obtained out of band (not the copy inside the proof).", Required = true };
        var verifyProof = new Command("verify-proof", "Verify offline that one entry is in the log of a signed checkpoint.") { proofFile, proofKey };
        verifyProof.SetAction((parse, ct) => VerifyProofAsync(parse.GetValue(proofFile)!, parse.GetValue(proofKey)!, ct));

        return new Command("audit", "The tamper-evident audit log.") { verify, verifyProof, export, checkpoint, key };
    }

    private static async Task<int> VerifyAsync(FileInfo? file, string? hub, string? token, FileInfo publicKey, FileInfo? trustedFile, WitnessInputs witness, CancellationToken cancellationToken)
    {
        if ((file is null) == (hub is null))
        {
            return CliOutput.Invalid("Give exactly one of --file and --hub.");
        }

        if (witness.Witnessed is not null && trustedFile is not null)
        {
            return CliOutput.Invalid("Give at most one of --checkpoint and --witnessed.");
        }

        if (witness.Witnessed is null && (witness.Policy ?? witness.Configuration ?? witness.TrustedKey) is not null)
        {
            return CliOutput.Invalid("--witness-policy, --configuration and --trusted-key go with --witnessed.");
        }

        if (!publicKey.Exists)
        {
            return CliOutput.Invalid($"The public key file {publicKey.FullName} does not exist.");
        }

        var key = AuditPublicKey.FromJwk(await File.ReadAllTextAsync(publicKey.FullName, cancellationToken));
        if (!key.IsSuccess)
        {
            return CliOutput.Fail(key.Errors);
        }

        using var verifierKey = key.Value;
        Checkpoint? trusted = null;
        if (trustedFile is not null)
        {
            if (!trustedFile.Exists)
            {
                return CliOutput.Invalid($"The checkpoint file {trustedFile.FullName} does not exist.");
            }

            var parsed = AuditExportFormat.ReadCheckpoint(await File.ReadAllBytesAsync(trustedFile.FullName, cancellationToken));
            if (!parsed.IsSuccess)
            {
                return CliOutput.Fail(parsed.Errors);
            }

            trusted = parsed.Value;
        }

        WitnessQuorum? quorum = null;
        if (witness.Witnessed is not null)
        {
            var policy = await WitnessedCheckpointCheck.PolicyAsync(witness.Policy, witness.Configuration, witness.TrustedKey, cancellationToken);
            if (!policy.IsSuccess)
            {
                return CliOutput.Invalid(policy.Errors[0].Message);
            }

            var checkedNote = await WitnessedCheckpointCheck.CheckAsync(witness.Witnessed, policy.Value.Policy, policy.Value.Configuration, verifierKey, cancellationToken);
            if (!checkedNote.IsSuccess)
            {
                var error = checkedNote.Errors[0];
                if (error.Kind != ErrorKind.Forbidden)
                {
                    return CliOutput.Invalid(error.Message);
                }

                Console.Error.WriteLine($"FAILED ({error.Code}): {error.Message}");
                return ExitCodes.Failed;
            }

            (trusted, quorum) = checkedNote.Value;
        }

        // Leaf hashes go to a temporary file (32 bytes per entry) rather than memory, whatever the log's size.
        var verifier = new AuditLogVerifier(verifierKey, trusted, () => new FileStream(
            Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 20, FileOptions.DeleteOnClose));
        AuditVerification result;
        if (file is not null)
        {
            if (!file.Exists)
            {
                return CliOutput.Invalid($"The export {file.FullName} does not exist.");
            }

            await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
            result = await verifier.VerifyAsync(stream, cancellationToken);
        }
        else
        {
            if (!Uri.TryCreate(hub!.EndsWith('/') ? hub : hub + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            {
                return CliOutput.Invalid($"--hub must be an http or https address, not '{hub}'.");
            }

            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
            var bearer = token ?? Environment.GetEnvironmentVariable("CONCORDAT_TOKEN");
            if (!string.IsNullOrEmpty(bearer))
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            using var response = await http.GetAsync(new Uri("api/v1/audit/export", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"error: the hub answered {(int)response.StatusCode} {response.ReasonPhrase} to the export request.");
                return (int)response.StatusCode is 401 or 403 ? ExitCodes.Forbidden : ExitCodes.Failed;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            result = await verifier.VerifyAsync(stream, cancellationToken);
        }

        if (result.Problem is { } problem)
        {
            Console.Error.WriteLine($"FAILED ({problem.Code}): {problem.Message}");
            if (problem.Index is { } index)
            {
                Console.Error.WriteLine($"first bad entry: {N(index)}");
            }

            return ExitCodes.Failed;
        }

        if (quorum is not null)
        {
            Console.Out.WriteLine($"witnessed: the checkpoint of {N(trusted!.TreeSize)} entries is in this log; {quorum.Describe()}");
        }

        var latest = result.Latest is { } l ? $"latest checkpoint at size {N(l.TreeSize)}, signed {l.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}" : "no checkpoint";
        CliOutput.Done($"OK: {N(result.Entries)} entries and {N(result.Checkpoints)} checkpoints verified ({latest}).");
        if (result.UncoveredEntries > 0)
        {
            Console.Out.WriteLine($"note: {N(result.UncoveredEntries)} entries after the latest checkpoint are well formed but not yet signed.");
        }

        return ExitCodes.Success;
    }

    private static async Task<int> VerifyProofAsync(FileInfo file, FileInfo publicKey, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            return CliOutput.Invalid($"The proof file {file.FullName} does not exist.");
        }

        if (!publicKey.Exists)
        {
            return CliOutput.Invalid($"The public key file {publicKey.FullName} does not exist.");
        }

        var key = AuditPublicKey.FromJwk(await File.ReadAllTextAsync(publicKey.FullName, cancellationToken));
        if (!key.IsSuccess)
        {
            return CliOutput.Fail(key.Errors);
        }

        using var verifierKey = key.Value;
        if (file.Length > EntryProofFile.MaxLength)
        {
            return CliOutput.Invalid($"The proof file {file.FullName} is over {N(EntryProofFile.MaxLength)} bytes; a proof is much smaller.");
        }

        var verified = EntryProofFile.Verify(await File.ReadAllBytesAsync(file.FullName, cancellationToken), verifierKey);
        if (!verified.IsSuccess)
        {
            var error = verified.Errors[0];
            Console.Error.WriteLine($"FAILED ({error.Code}): {error.Message}");
            return ExitCodes.Failed;
        }

        var (index, entry, checkpoint) = verified.Value;
        var outcome = entry.Outcome == AuditOutcome.Permitted ? "permitted" : "denied " + entry.ReasonCode;
        CliOutput.Done($"OK: entry {N(index)} is in the checkpoint of {N(checkpoint.TreeSize)} entries.");
        Console.Out.WriteLine($"checkpoint signed {checkpoint.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        Console.Out.WriteLine($"entry: {entry.Action} by {entry.ClientId} of {entry.OrganisationId}, {outcome}, {entry.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        return ExitCodes.Success;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
