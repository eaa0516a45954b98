namespace Concordat.Core.Governance;

/// <summary>A field the consumer may receive and the transform to apply to each value before it leaves.</summary>
/// <param name="Name">The schema field name.</param>
/// <param name="Transform">The transform.</param>
public sealed record PermittedField(string Name, FieldTransform Transform);
