namespace Concordat.Core.Federation;

/// <summary>One signature line of a signed note: <c>— &lt;key name&gt; base64(key id || signature)</c>.</summary>
/// <param name="KeyName">The signing key's name.</param>
/// <param name="KeyId">The signing key's id, the first four bytes of the decoded signature.</param>
/// <param name="Signature">The signature after the key id.</param>
public sealed record NoteSignature(string KeyName, uint KeyId, ReadOnlyMemory<byte> Signature);
