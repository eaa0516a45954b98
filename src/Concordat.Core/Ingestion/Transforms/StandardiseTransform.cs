using Concordat.Core.Standards;

namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// The comparison forms from <see cref="Standards"/> as mapping steps: <c>cleanName</c>
/// (<see cref="PersonName.Clean"/>), <c>formalName</c> (<see cref="Nicknames.Canonical"/>) and <c>addressLine</c>
/// (<see cref="AddressLine.Normalise"/>). Null stays null; a value with nothing left becomes null. Immutable and
/// thread safe.
/// </summary>
public sealed class StandardiseTransform : IValueTransform
{
    /// <summary>Op name of the person-name clean form.</summary>
    public const string CleanNameOp = "cleanName";

    /// <summary>Op name of the formal given name (Bill becomes WILLIAM).</summary>
    public const string FormalNameOp = "formalName";

    /// <summary>Op name of the normalised address line.</summary>
    public const string AddressLineOp = "addressLine";

    private readonly Func<string?, string> _standardise;

    private StandardiseTransform(string name, Func<string?, string> standardise)
    {
        Name = name;
        _standardise = standardise;
    }

    /// <summary>The <c>cleanName</c> step.</summary>
    public static StandardiseTransform CleanName { get; } = new(CleanNameOp, PersonName.Clean);

    /// <summary>The <c>formalName</c> step.</summary>
    public static StandardiseTransform FormalName { get; } = new(FormalNameOp, Nicknames.Canonical);

    /// <summary>The <c>addressLine</c> step.</summary>
    public static StandardiseTransform AddressLine { get; } = new(AddressLineOp, Standards.AddressLine.Normalise);

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        failure = null;
        if (input is null)
        {
            output = null;
            return true;
        }

        var standard = _standardise(input);
        output = standard.Length == 0 ? null : standard;
        return true;
    }
}
