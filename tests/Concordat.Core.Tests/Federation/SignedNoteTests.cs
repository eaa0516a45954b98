using System.Diagnostics;
using System.Text;
using Concordat.Core.Federation;
using CsCheck;

namespace Concordat.Core.Tests.Federation;

public sealed class SignedNoteTests
{
    // The worked example of golang.org/x/mod/sumdb/note (the reference implementation of c2sp.org/signed-note).
    private const string GoSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoNote = GoText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    [Fact]
    public void Reference_example_verifies_with_its_verifier_key()
    {
        var key = NoteVerifierKey.Parse(GoVerifierKey).Value;
        Assert.Equal("PeterNeumann", key.Name);
        Assert.Equal(0xc74f20a3u, key.KeyId);
        var opened = SignedNote.Open(Encoding.UTF8.GetBytes(GoNote), [key]);
        Assert.True(opened.IsSuccess, opened.IsSuccess ? null : opened.Errors[0].Message);
        Assert.Equal(GoText, opened.Value.Text);
    }

    [Fact]
    public void Reference_signer_key_reproduces_the_reference_signature_byte_for_byte()
    {
        using var signer = NoteSigner.Parse(GoSignerKey).Value;
        Assert.Equal(GoVerifierKey, signer.VerifierKey.Encoded);
        Assert.Equal(GoNote, SignedNote.Sign(GoText, signer));
        Assert.Equal(GoSignerKey, signer.ToSignerKey());
    }

    [Fact]
    public void A_changed_text_or_signature_is_refused()
    {
        var key = NoteVerifierKey.Parse(GoVerifierKey).Value;
        var altered = GoNote.Replace("answer", "Answer", StringComparison.Ordinal);
        Assert.Equal("note.bad_signature", SignedNote.Open(Encoding.UTF8.GetBytes(altered), [key]).Errors[0].Code);
    }

    [Fact]
    public void Signatures_by_unknown_keys_are_ignored_but_at_least_one_trusted_must_verify()
    {
        using var trusted = NoteSigner.Generate("fed.example/config");
        using var other = NoteSigner.Generate("someone.example/key");
        var note = SignedNote.Sign("hello\n", other, trusted);
        Assert.True(SignedNote.Open(Encoding.UTF8.GetBytes(note), [trusted.VerifierKey]).IsSuccess);
        Assert.Equal("note.untrusted", SignedNote.Open(Encoding.UTF8.GetBytes(SignedNote.Sign("hello\n", other)), [trusted.VerifierKey]).Errors[0].Code);
    }

    [Fact]
    public void A_key_with_the_trusted_name_but_another_id_is_ignored_not_trusted()
    {
        using var trusted = NoteSigner.Generate("fed.example/config");
        using var impostor = NoteSigner.Generate("fed.example/config");
        var note = SignedNote.Sign("hello\n", impostor);
        Assert.Equal("note.untrusted", SignedNote.Open(Encoding.UTF8.GetBytes(note), [trusted.VerifierKey]).Errors[0].Code);
    }

    [Theory]
    [InlineData("no blank line\n\u2014 k AAAAAAA=\n")]
    [InlineData("text\n\n\u2014 k AAAAAAA=")]
    [InlineData("text\n\n- k AAAAAAA=\n")]
    [InlineData("text\n\n\u2014 k AAAA\n")]
    [InlineData("text\n\n\u2014 k AAAA AAA=\n")]
    [InlineData("text\n\n\u2014 k A AAAAAA=\n")]
    [InlineData("te\txt\n\n\u2014 k AAAAAAA=\n")]
    [InlineData("text\r\n\n\u2014 k AAAAAAA=\n")]
    [InlineData("text\n\n\u2014 a+b AAAAAAA=\n")]
    [InlineData("text\n\n\n")]
    public void Malformed_notes_are_refused(string note)
    {
        Assert.Equal("note.malformed", SignedNote.Parse(Encoding.UTF8.GetBytes(note)).Errors[0].Code);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        byte[] bytes = [0x61, 0xFF, 0x0A, 0x0A, .. Encoding.UTF8.GetBytes("\u2014 k AAAAAAA=\n")];
        Assert.Equal("note.malformed", SignedNote.Parse(bytes).Errors[0].Code);
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+BRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T")]
    [InlineData("PeterNeumann+c74f20a3")]
    [InlineData("")]
    public void Malformed_or_inconsistent_verifier_keys_are_refused(string vkey)
    {
        Assert.False(NoteVerifierKey.Parse(vkey).IsSuccess);
    }

    [Fact]
    public void An_ecdsa_verifier_key_takes_its_id_from_the_key_alone_and_round_trips()
    {
        using var ecdsa = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var spki = ecdsa.ExportSubjectPublicKeyInfo();
        var key = NoteVerifierKey.ForEcdsa("hmrc.concordat/audit", spki);
        var expectedId = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(System.Security.Cryptography.SHA256.HashData(spki));
        Assert.Equal(expectedId, key.KeyId);
        Assert.Equal(key, NoteVerifierKey.Parse(key.Encoded).Value);
        var message = "checkpoint\n"u8.ToArray();
        Assert.True(key.Verify(message, ecdsa.SignData(message, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence)));
    }

    [Fact]
    public void Any_single_byte_change_to_a_signed_note_is_refused_or_leaves_the_text_unchanged()
    {
        using var signer = NoteSigner.Generate("fed.example/config");
        var text = "{\n  \"version\": 7\n}\n";
        var note = Encoding.UTF8.GetBytes(SignedNote.Sign(text, signer));
        Gen.Select(Gen.Int[0, note.Length - 1], Gen.Byte).Where(t => note[t.Item1] != t.Item2).Sample(t =>
        {
            var changed = (byte[])note.Clone();
            changed[t.Item1] = t.Item2;
            var opened = SignedNote.Open(changed, [signer.VerifierKey]);
            return !opened.IsSuccess || opened.Value.Text == text;
        }, iter: 2000);
    }

    [Fact]
    public void A_note_signed_here_verifies_with_openssl_from_its_vkey_alone()
    {
        using var signer = NoteSigner.Generate("fed.example/config");
        var text = "{\"format\":\"concordat.federation/v1\"}\n";
        var note = SignedNote.Sign(text, signer);
        var directory = Directory.CreateTempSubdirectory("concordat-note-");
        try
        {
            // What an independent verifier does with standard tools: split the note at its last blank line, drop the
            // four key-id bytes from the signature, wrap the vkey's 32 key bytes in an Ed25519 SubjectPublicKeyInfo.
            var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
            var signature = Convert.FromBase64String(note[(split + 2)..].Split(' ')[2].TrimEnd('\n'));
            var vkey = signer.VerifierKey.Encoded;
            var publicKey = Convert.FromBase64String(vkey[(vkey.IndexOf('+', vkey.IndexOf('+') + 1) + 1)..])[1..];
            byte[] spki = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00, .. publicKey];
            File.WriteAllText(Path.Combine(directory.FullName, "text"), note[..(split + 1)]);
            File.WriteAllBytes(Path.Combine(directory.FullName, "sig"), signature[4..]);
            File.WriteAllText(Path.Combine(directory.FullName, "pub.pem"), System.Security.Cryptography.PemEncoding.WriteString("PUBLIC KEY", spki) + "\n");
            Assert.Equal(0, OpenSsl(directory.FullName, "pkeyutl -verify -pubin -inkey pub.pem -rawin -in text -sigfile sig"));
            File.WriteAllText(Path.Combine(directory.FullName, "text"), note[..(split + 1)].Replace("v1", "v2", StringComparison.Ordinal));
            Assert.NotEqual(0, OpenSsl(directory.FullName, "pkeyutl -verify -pubin -inkey pub.pem -rawin -in text -sigfile sig"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static int OpenSsl(string directory, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("openssl", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
