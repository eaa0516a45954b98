using Concordat.Core.Catalogue;
using Concordat.Core.Standards;

namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// <c>nino</c>, <c>nhsNumber</c>, <c>postcode</c>, <c>uprn</c>, <c>phone</c>, <c>email</c>: normalises a value with the
/// UK standard for its identifier kind (<see cref="IdentifierStandard"/>); an invalid value fails with the
/// standard's reason. Null, empty and white-space-only values become null (no value); whether a value is
/// required is the schema's concern. Immutable and thread safe.
/// </summary>
public sealed class IdentifierTransform : IValueTransform
{
    private readonly IdentifierKind _kind;

    /// <summary>Creates the transform for one identifier kind under its op name.</summary>
    public IdentifierTransform(string name, IdentifierKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (kind == IdentifierKind.None)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "An identifier transform needs an identifier kind.");
        }

        Name = name;
        _kind = kind;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The identifier standard applied.</summary>
    internal IdentifierKind Kind => _kind;

    /// <inheritdoc/>
    public bool TryApply(string? input, out string? output, out string? failure)
    {
        output = null;
        failure = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return true;
        }

        if (IdentifierStandard.TryNormalise(_kind, input, out var normalised, out var reason))
        {
            output = normalised;
            return true;
        }

        failure = reason;
        return false;
    }
}
