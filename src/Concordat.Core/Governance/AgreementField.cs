using System.Text.Json.Serialization;

namespace Concordat.Core.Governance;

/// <summary>One field of a dataset that an agreement shares, and how its value is transformed on the way out.</summary>
/// <param name="Name">The schema field name.</param>
/// <param name="Transform">The generalisation or pseudonymisation applied to the value.</param>
public sealed record AgreementField(string Name, FieldTransform Transform = FieldTransform.None)
{
    /// <summary>
    /// True when aggregate queries may group by this field. The validator accepts the mark only on a categorical field
    /// shared as held or a generalised field (<see cref="FieldDisclosure.GroupingProblem"/>), never on an identifier,
    /// a pseudonym or free text; the aggregate engine groups by nothing else.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Groupable { get; init; }
}
