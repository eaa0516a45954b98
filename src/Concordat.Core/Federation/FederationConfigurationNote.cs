using System.Text;

namespace Concordat.Core.Federation;

/// <summary>
/// The signed form of a <see cref="FederationConfiguration"/>: a C2SP signed note whose text is the configuration's
/// JSON (<see cref="FederationConfigurationJson"/>) and whose signature is an Ed25519 signature by the federation's
/// configuration signing key, named after the federation. Thread safe.
/// </summary>
public static class FederationConfigurationNote
{
    /// <summary>Largest configuration note a node reads.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>Signs a configuration; the signer must be named after the federation.</summary>
    public static string Sign(FederationConfiguration configuration, NoteSigner signer)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(signer);
        if (!string.Equals(signer.Name, configuration.Federation, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The configuration of '{configuration.Federation}' is signed by the key named after it, not '{signer.Name}'.", nameof(signer));
        }

        return SignedNote.Sign(FederationConfigurationJson.Format(configuration), signer);
    }

    /// <summary>
    /// Opens a configuration note: the signature by <paramref name="trustedKey"/> must verify (signatures by other keys
    /// are ignored, as signed notes require), the text must be a valid configuration, and its federation must be the
    /// one the key is named after.
    /// </summary>
    public static Result<FederationConfiguration> Open(ReadOnlySpan<byte> note, NoteVerifierKey trustedKey)
    {
        ArgumentNullException.ThrowIfNull(trustedKey);
        if (note.Length > MaxBytes)
        {
            return Error.Validation("federation_configuration.too_large", $"The configuration is larger than {MaxBytes} bytes.");
        }

        if (trustedKey.SignatureType != NoteVerifierKey.Ed25519Type)
        {
            return Error.Validation("federation_configuration.untrusted", "The pinned configuration key must be an Ed25519 signed-note key (type 0x01).");
        }

        var opened = SignedNote.Open(note, [trustedKey]);
        if (!opened.IsSuccess)
        {
            return Result<FederationConfiguration>.Failure(opened.Errors);
        }

        var configuration = FederationConfigurationJson.Parse(opened.Value.Text);
        if (configuration.IsSuccess && !string.Equals(configuration.Value.Federation, trustedKey.Name, StringComparison.Ordinal))
        {
            return Error.Validation("federation_configuration.wrong_federation", $"The configuration is for the federation '{configuration.Value.Federation}', not '{trustedKey.Name}'.");
        }

        return configuration;
    }

    /// <summary>Opens a configuration note held as text.</summary>
    public static Result<FederationConfiguration> Open(string note, NoteVerifierKey trustedKey)
    {
        ArgumentNullException.ThrowIfNull(note);
        return Open(Encoding.UTF8.GetBytes(note), trustedKey);
    }
}
