using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Concordat.Core.Audit;
using Concordat.Core.Federation;
using CsCheck;

namespace Concordat.Core.Tests.Federation;

/// <summary>c2sp.org/tlog-cosignature (cosignature/v1, Ed25519), checked byte for byte against values worked out here from the specification's text.</summary>
public sealed class CosignatureTests
{
    // The specification's example checkpoint body and timestamp.
    private const string Body = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    private const long Timestamp = 1679315147;
    private static readonly byte[] Seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void The_signed_message_is_the_header_line_the_time_line_and_the_whole_body()
    {
        var expected = "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(Cosignature.Message(Body, Timestamp)));
    }

    [Fact]
    public void The_key_id_is_the_first_four_bytes_of_sha256_of_name_newline_0x04_and_the_public_key()
    {
        using var signer = CosignatureSigner.FromSeed("witness.example.com/w1", Seed);
        var publicKey = signer.VerifierKey.PublicKey.ToArray();
        var input = Encoding.UTF8.GetBytes("witness.example.com/w1").Concat(new byte[] { 0x0A, 0x04 }).Concat(publicKey).ToArray();
        var expectedId = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));

        Assert.Equal(expectedId, signer.VerifierKey.KeyId);
        Assert.Equal($"witness.example.com/w1+{expectedId:x8}+{Convert.ToBase64String([0x04, .. publicKey])}", signer.VerifierKey.Encoded);
        // The same key under type 0x01 has another id: the algorithm byte is inside the hash.
        Assert.NotEqual(NoteVerifierKey.ForEd25519("witness.example.com/w1", publicKey).KeyId, expectedId);
    }

    [Fact]
    public void A_cosignature_line_is_key_id_big_endian_timestamp_and_the_ed25519_signature_openssl_makes_over_the_message()
    {
        using var signer = CosignatureSigner.FromSeed("witness.example.com/w1", Seed);
        var line = signer.Cosign(Body, DateTimeOffset.FromUnixTimeSeconds(Timestamp));

        Assert.StartsWith("\u2014 witness.example.com/w1 ", line, StringComparison.Ordinal);
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        var bytes = Convert.FromBase64String(line.Split(' ')[2].TrimEnd('\n'));
        Assert.Equal(4 + 8 + 64, bytes.Length);
        Assert.Equal(signer.VerifierKey.KeyId, BinaryPrimitives.ReadUInt32BigEndian(bytes));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x64, 0x18, 0x50, 0xCB }, bytes[4..12]);

        // Ed25519 is deterministic: openssl, given the same seed and the message written out by hand, signs the same bytes.
        var directory = Directory.CreateTempSubdirectory("concordat-cosig-").FullName;
        try
        {
            byte[] pkcs8Prefix = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
            File.WriteAllBytes(Path.Combine(directory, "key.der"), [.. pkcs8Prefix, .. Seed]);
            File.WriteAllText(Path.Combine(directory, "message"), "cosignature/v1\ntime 1679315147\n" + Body);
            Assert.Equal(0, OpenSsl(directory, "pkeyutl -sign -inkey key.der -keyform DER -rawin -in message -out signature"));
            Assert.Equal(File.ReadAllBytes(Path.Combine(directory, "signature")), bytes[12..]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_cosignature_verifies_for_its_body_and_key_and_for_nothing_else()
    {
        using var signer = CosignatureSigner.FromSeed("witness.example.com/w1", Seed);
        using var other = CosignatureSigner.FromSeed("witness.example.com/w2", RandomNumberGenerator.GetBytes(32));
        var note = SignedNote.Parse(Encoding.UTF8.GetBytes(Body + "\n" + signer.Cosign(Body, DateTimeOffset.FromUnixTimeSeconds(Timestamp)))).Value;
        var signature = Assert.Single(note.Signatures);

        Assert.True(Cosignature.Verify(signer.VerifierKey, Body, signature, out var time));
        Assert.Equal(Timestamp, time);
        Assert.False(Cosignature.Verify(signer.VerifierKey, Body.Replace("20852163", "20852164", StringComparison.Ordinal), signature, out _));
        Assert.False(Cosignature.Verify(other.VerifierKey, Body, signature, out _));
        // The same public key as a plain Ed25519 vkey (type 0x01) is another key: a cosignature never passes as a note signature.
        var plain = NoteVerifierKey.ForEd25519(signer.Name, signer.VerifierKey.PublicKey);
        Assert.False(Cosignature.Verify(plain, Body, signature, out _));
        Assert.False(plain.Verify(Encoding.UTF8.GetBytes(Body), signature.Signature.Span));
        // A changed timestamp breaks the signature: the time is inside the signed message.
        var bytes = signature.Signature.ToArray();
        bytes[7] ^= 1;
        Assert.False(Cosignature.Verify(signer.VerifierKey, Body, signature with { Signature = bytes }, out _));
    }

    [Fact]
    public void The_quorum_counts_only_cosignatures_that_verify_by_witnesses_the_policy_lists_and_names_the_missing()
    {
        using var a = CosignatureSigner.FromSeed("a.example/witness", RandomNumberGenerator.GetBytes(32));
        using var b = CosignatureSigner.FromSeed("b.example/witness", RandomNumberGenerator.GetBytes(32));
        using var c = CosignatureSigner.FromSeed("c.example/witness", RandomNumberGenerator.GetBytes(32));
        using var stranger = CosignatureSigner.FromSeed("d.example/witness", RandomNumberGenerator.GetBytes(32));
        var policy = WitnessPolicy.Parse($"witness a {a.VerifierKey}\nwitness b {b.VerifierKey}\nwitness c {c.VerifierKey}\ngroup two 2 a b c\nquorum two\n").Value;
        var now = DateTimeOffset.FromUnixTimeSeconds(Timestamp);
        var forged = c.Cosign(Body.Replace("20852163", "1", StringComparison.Ordinal), now);

        var one = SignedNote.Parse(Encoding.UTF8.GetBytes(Body + "\n" + a.Cosign(Body, now) + stranger.Cosign(Body, now) + forged)).Value;
        var quorum = Cosignature.CheckQuorum(one, policy);
        Assert.False(quorum.Satisfied);
        Assert.Equal(["a"], quorum.Cosigned);
        Assert.Equal(["b", "c"], quorum.Missing);
        Assert.Equal("quorum 'two' not met: cosigned by a; missing b, c", quorum.Describe());

        var two = SignedNote.Parse(Encoding.UTF8.GetBytes(Body + "\n" + a.Cosign(Body, now) + b.Cosign(Body, now))).Value;
        Assert.True(Cosignature.CheckQuorum(two, policy).Satisfied);

        // The log's own node is never its witness: its cosignature does not count, and it is not missing either.
        var own = Cosignature.CheckQuorum(two, policy, logOwner: "a");
        Assert.False(own.Satisfied);
        Assert.Equal(["b"], own.Cosigned);
        Assert.Equal(["c"], own.Missing);
    }

    [Fact]
    public void A_checkpoint_note_carries_the_logs_ecdsa_signature_in_der_under_its_type_0x02_vkey_and_opens_back_to_the_checkpoint()
    {
        using var key = AuditSigningKey.Create();
        var checkpoint = key.Sign("hmrc.concordat/audit", 5, SHA256.HashData("root"u8), DateTimeOffset.UtcNow);
        var note = CheckpointNote.Format(checkpoint, key.PublicKey);
        var vkey = AuditLogVerifierKey.For(key.PublicKey, "hmrc.concordat/audit");

        Assert.StartsWith(checkpoint.Body() + "\n\u2014 hmrc.concordat/audit ", note, StringComparison.Ordinal);
        Assert.True(SignedNote.Open(Encoding.UTF8.GetBytes(note), [vkey]).IsSuccess);
        var opened = CheckpointNote.Open(Encoding.UTF8.GetBytes(note), key.PublicKey);
        Assert.True(opened.IsSuccess);
        Assert.Equal(checkpoint.Signature, opened.Value.Checkpoint.Signature);
        Assert.True(key.PublicKey.Verify(opened.Value.Checkpoint));

        using var other = AuditSigningKey.Create();
        Assert.False(CheckpointNote.Open(Encoding.UTF8.GetBytes(note), other.PublicKey).IsSuccess);
    }

    [Fact]
    public void An_ecdsa_signature_survives_der_and_back_including_values_with_leading_zero_bytes()
    {
        Gen.Select(Gen.Byte.Array[64], Gen.Int[0, 40], (bytes, zeros) =>
        {
            Array.Clear(bytes, 0, Math.Min(zeros, 31));
            bytes[31] |= 1;
            bytes[63] |= 1;
            return bytes;
        }).Sample(p1363 => CheckpointNote.ToP1363(CheckpointNote.ToDer(p1363)) is { } back && back.AsSpan().SequenceEqual(p1363));
        Assert.Null(CheckpointNote.ToP1363([0x30, 0x03, 0x02, 0x01, 0x00]));
    }

    private static int OpenSsl(string directory, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("openssl", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
