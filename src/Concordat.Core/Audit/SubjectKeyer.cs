using System.Security.Cryptography;
using System.Text;
using Concordat.Core.Catalogue;
using Concordat.Core.Standards;

namespace Concordat.Core.Audit;

/// <summary>
/// Computes <see cref="SubjectKey"/>s: HMAC-SHA256 under the hub's secret subject-key secret of
/// <c>"concordat/subject/v1" 0x00 kind 0x00 normalised-identifier</c> (UTF-8), where kind is the identifier kind's
/// camelCase name and the identifier is normalised by its UK standard first (so <c>ab 12 34 56 c</c> and
/// <c>AB123456C</c> give one key). A plain hash would not do: the NINO space is small enough to enumerate.
/// Thread safe.
/// </summary>
public sealed class SubjectKeyer : IDisposable
{
    /// <summary>Length of the secret in bytes.</summary>
    public const int SecretLength = 32;

    private static readonly byte[] Domain = "concordat/subject/v1"u8.ToArray();
    private readonly byte[] _secret;

    /// <summary>Wraps the hub's 32-byte subject-key secret (copied).</summary>
    public SubjectKeyer(ReadOnlySpan<byte> secret)
    {
        if (secret.Length != SecretLength)
        {
            throw new ArgumentException($"A subject-key secret is {SecretLength} bytes, not {secret.Length}.", nameof(secret));
        }

        _secret = secret.ToArray();
    }

    /// <summary>A new random secret.</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretLength);

    /// <summary>The subject key of an identifier, or a validation error when it is not a valid identifier of its kind.</summary>
    public Result<SubjectKey> For(IdentifierKind kind, string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (kind == IdentifierKind.None)
        {
            return Error.Validation("subject.kind_required", "A subject key needs an identifier kind such as nino or nhsNumber.", "kind");
        }

        if (!IdentifierStandard.TryNormalise(kind, identifier, out var normalised, out var reason))
        {
            return Error.Validation("subject.invalid_identifier", $"Not a valid {KindName(kind)}: {reason}", "identifier");
        }

        var kindBytes = Encoding.UTF8.GetBytes(KindName(kind));
        var valueBytes = Encoding.UTF8.GetBytes(normalised);
        var message = new byte[Domain.Length + 1 + kindBytes.Length + 1 + valueBytes.Length];
        Domain.CopyTo(message, 0);
        kindBytes.CopyTo(message, Domain.Length + 1);
        valueBytes.CopyTo(message, Domain.Length + 1 + kindBytes.Length + 1);
        return new SubjectKey(HMACSHA256.HashData(_secret, message));
    }

    /// <summary>Clears the secret from memory.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_secret);

    private static string KindName(IdentifierKind kind) => kind switch
    {
        IdentifierKind.Nino => "nino",
        IdentifierKind.NhsNumber => "nhsNumber",
        IdentifierKind.Postcode => "postcode",
        IdentifierKind.Uprn => "uprn",
        IdentifierKind.Email => "email",
        IdentifierKind.Phone => "phone",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
