namespace Concordat.Server.Portal.Agreements;

/// <summary>One line of an agreement's terms in words, keyed so two versions can be compared line by line.</summary>
/// <param name="Key">Stable key, e.g. <c>field:dwp-claimants:postcode</c>.</param>
/// <param name="Label">What the line is, e.g. "Field shared from Benefit claimants".</param>
/// <param name="Text">Its value in words.</param>
public sealed record TermRow(string Key, string Label, string Text);
