namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>splitForenames</c>: takes the first forename (<c>given</c>) or the rest (<c>middle</c>) of a column that holds
/// only forenames, such as <c>FORENAMES = "John Paul"</c> beside a separate surname column. Unlike
/// <see cref="SplitNameTransform"/> it never treats the last word as a family name. Words are separated by white space;
/// the middle part keeps the remaining words joined by single spaces and is null when there is only one word. Casing
/// is kept. Immutable and thread safe.
/// </summary>
public sealed class SplitForenamesTransform : IValueTransform
{
    /// <summary>The op name in mapping files.</summary>
    public const string OpName = "splitForenames";

    /// <summary>Creates the transform.</summary>
    /// <param name="part">The first forename (<see cref="NamePart.Given"/>) or the others (<see cref="NamePart.Middle"/>).</param>
    public SplitForenamesTransform(NamePart part)
    {
        if (part is not (NamePart.Given or NamePart.Middle))
        {
            throw new ArgumentOutOfRangeException(nameof(part), part, "A forenames column has a given and middle part only.");
        }

        Part = part;
    }

    /// <summary>The part kept.</summary>
    public NamePart Part { get; }

    /// <inheritdoc/>
    public string Name => OpName;

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        failure = null;
        var words = (input ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        output = words.Length == 0 ? null
            : Part == NamePart.Given ? words[0]
            : words.Length > 1 ? string.Join(' ', words.Skip(1)) : null;
        return true;
    }
}
