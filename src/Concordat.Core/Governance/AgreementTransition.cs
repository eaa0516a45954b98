namespace Concordat.Core.Governance;

/// <summary>A change the workflow allowed: the agreement after it and the history entry that records it.</summary>
/// <param name="Agreement">The agreement after the change (revision already incremented).</param>
/// <param name="Change">The history entry.</param>
public sealed record AgreementTransition(Agreement Agreement, AgreementChange Change);
