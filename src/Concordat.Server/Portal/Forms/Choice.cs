namespace Concordat.Server.Portal.Forms;

/// <summary>One option of a select, radios or checkboxes.</summary>
/// <param name="Value">The submitted value.</param>
/// <param name="Text">The label.</param>
/// <param name="Hint">An optional hint under the label.</param>
public sealed record Choice(string Value, string Text, string? Hint = null);
