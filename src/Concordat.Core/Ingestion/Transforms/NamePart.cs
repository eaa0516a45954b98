namespace Concordat.Core.Ingestion.Transforms;

/// <summary>Which part of a full name <see cref="SplitNameTransform"/> keeps.</summary>
public enum NamePart
{
    /// <summary>The first given (forename), e.g. <c>John</c> in <c>John Paul Smith</c>.</summary>
    Given,
    /// <summary>Any further given names, space separated, e.g. <c>Paul</c>; null when there are none.</summary>
    Middle,
    /// <summary>The family name with its particles, e.g. <c>van der Berg</c>.</summary>
    Family,
}
