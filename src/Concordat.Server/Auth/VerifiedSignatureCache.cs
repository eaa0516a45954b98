using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.Server.Auth;

/// <summary>
/// Remembers which (key, algorithm, signed bytes, signature) tuples have already verified, by their SHA-256, so a client
/// that presents the same access token many times pays for one ECDSA verification instead of one per request (the
/// verification measured about a fifth of an exchange look-up on two cores). Only successful verifications are kept;
/// everything else about the token (issuer, audience, type, lifetime) is still checked on every request. A hit needs the
/// exact bytes that verified before, so it cannot admit anything the key did not sign short of a SHA-256 collision.
/// Bounded: the set is emptied when it reaches <see cref="Capacity"/>. Thread safe.
/// </summary>
internal sealed class VerifiedSignatureCache : CryptoProviderFactory
{
    /// <summary>Most remembered signatures; tokens are short-lived, so a full set is simply emptied.</summary>
    public const int Capacity = 16_384;

    private readonly ConcurrentDictionary<(UInt128, UInt128), byte> _verified = new();

    /// <summary>How many verified signatures are remembered now.</summary>
    public int Count => _verified.Count;

    /// <inheritdoc />
    public override SignatureProvider CreateForVerifying(SecurityKey key, string algorithm) =>
        new Remembering(this, base.CreateForVerifying(key, algorithm), key, algorithm);

    /// <inheritdoc />
    public override SignatureProvider CreateForVerifying(SecurityKey key, string algorithm, bool cacheProvider) =>
        new Remembering(this, base.CreateForVerifying(key, algorithm, cacheProvider), key, algorithm);

    /// <inheritdoc />
    public override void ReleaseSignatureProvider(SignatureProvider signatureProvider)
    {
        base.ReleaseSignatureProvider(signatureProvider is Remembering remembering ? remembering.Inner : signatureProvider);
    }

    private static (UInt128, UInt128) Digest(string keyId, string algorithm, ReadOnlySpan<byte> input, ReadOnlySpan<byte> signature)
    {
        // Length-prefixed parts, so no two different tuples share an encoding.
        var length = 16 + Encoding.UTF8.GetByteCount(keyId) + Encoding.UTF8.GetByteCount(algorithm) + input.Length + signature.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var at = PutText(buffer, 0, keyId);
            at = PutText(buffer, at, algorithm);
            at = PutBytes(buffer, at, input);
            at = PutBytes(buffer, at, signature);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer.AsSpan(0, at), hash);
            return (BinaryPrimitives.ReadUInt128LittleEndian(hash), BinaryPrimitives.ReadUInt128LittleEndian(hash[16..]));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int PutText(byte[] buffer, int at, string text)
    {
        var written = Encoding.UTF8.GetBytes(text, buffer.AsSpan(at + 4));
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(at), written);
        return at + 4 + written;
    }

    private static int PutBytes(byte[] buffer, int at, ReadOnlySpan<byte> bytes)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(at), bytes.Length);
        bytes.CopyTo(buffer.AsSpan(at + 4));
        return at + 4 + bytes.Length;
    }

    private sealed class Remembering : SignatureProvider
    {
        private readonly VerifiedSignatureCache _owner;

        public Remembering(VerifiedSignatureCache owner, SignatureProvider inner, SecurityKey key, string algorithm)
            : base(key, algorithm)
        {
            _owner = owner;
            Inner = inner;
        }

        public SignatureProvider Inner { get; }

        public override byte[] Sign(byte[] input) => throw new NotSupportedException("This provider only verifies.");

        public override bool Verify(byte[] input, byte[] signature)
        {
            ArgumentNullException.ThrowIfNull(input);
            ArgumentNullException.ThrowIfNull(signature);
            return Verify(input, 0, input.Length, signature, 0, signature.Length);
        }

        public override bool Verify(byte[] input, int inputOffset, int inputLength, byte[] signature, int signatureOffset, int signatureLength)
        {
            var digest = Digest(Key.KeyId ?? "", Algorithm, input.AsSpan(inputOffset, inputLength), signature.AsSpan(signatureOffset, signatureLength));
            if (_owner._verified.ContainsKey(digest))
            {
                return true;
            }

            var valid = Inner.Verify(input, inputOffset, inputLength, signature, signatureOffset, signatureLength);
            if (valid)
            {
                if (_owner._verified.Count >= Capacity)
                {
                    _owner._verified.Clear();
                }

                _owner._verified.TryAdd(digest, 0);
            }

            return valid;
        }

        protected override void Dispose(bool disposing)
        {
            // The inner provider belongs to the base factory and goes back through ReleaseSignatureProvider.
        }
    }
}
