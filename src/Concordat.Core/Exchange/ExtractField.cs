using Concordat.Core.Catalogue;
using Concordat.Core.Governance;

namespace Concordat.Core.Exchange;

/// <summary>One column of an extract.</summary>
/// <param name="Name">The schema field name.</param>
/// <param name="Type">The field's type in the schema; a transformed field is text whatever its schema type.</param>
/// <param name="Transform">What the agreement does to the value before it leaves (none, pseudonymise, dateToYear...).</param>
/// <param name="Description">The field's meaning from the schema.</param>
public sealed record ExtractField(string Name, FieldType Type, FieldTransform Transform, string? Description);
