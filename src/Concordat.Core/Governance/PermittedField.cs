namespace Concordat.Core.Governance;

/// <summary>A field the consumer may receive and the transform to apply to each value before it leaves.</summary>
/// <param name="Name">The schema field name.</param>
/// <param name="Transform">The transform.</param>
/// <param name="Groupable">True when the agreement lets aggregate queries group by the field.</param>
public sealed record PermittedField(string Name, FieldTransform Transform, bool Groupable = false);
