namespace Concordat.Cli.Commands;

/// <summary>The witness options of <c>audit verify</c>.</summary>
/// <param name="Witnessed">The witnessed checkpoint note.</param>
/// <param name="Policy">A tlog-policy file.</param>
/// <param name="Configuration">A federation configuration note to take the policy from.</param>
/// <param name="TrustedKey">The configuration signing key's vkey file.</param>
internal sealed record WitnessInputs(FileInfo? Witnessed, FileInfo? Policy, FileInfo? Configuration, FileInfo? TrustedKey);
