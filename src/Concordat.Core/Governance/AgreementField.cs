namespace Concordat.Core.Governance;

/// <summary>One field of a dataset that an agreement shares, and how its value is transformed on the way out.</summary>
/// <param name="Name">The schema field name.</param>
/// <param name="Transform">The generalisation or pseudonymisation applied to the value.</param>
public sealed record AgreementField(string Name, FieldTransform Transform = FieldTransform.None);
