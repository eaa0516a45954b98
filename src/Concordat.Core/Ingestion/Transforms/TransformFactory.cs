namespace Concordat.Core.Ingestion.Transforms;

/// <summary>
/// Builds <see cref="IValueTransform"/> instances from the <see cref="TransformSpec"/> steps of a mapping file,
/// checking op names and arguments once, before any row is read. Thread safe.
/// </summary>
/// <remarks>
/// Error codes: <c>mapping.unknown_transform</c> (target <c>op</c>) for an op that does not exist, and
/// <c>mapping.bad_transform_argument</c> (target: the argument) for a missing, invalid or unexpected argument.
/// An argument the op does not take is an error rather than ignored, so a typo in a mapping file is caught.
/// </remarks>
public static class TransformFactory
{
    /// <summary>The op name that selects upper, lower or title case through its value.</summary>
    public const string CaseOpName = "case";

    /// <summary>Code of the error for an op that does not exist.</summary>
    public const string UnknownTransformCode = "mapping.unknown_transform";

    /// <summary>Code of the error for a missing, invalid or unexpected argument.</summary>
    public const string BadArgumentCode = "mapping.bad_transform_argument";

    // Stateless transforms are shared: one instance serves every mapping and row.
    private static readonly TrimTransform Trim = new();
    private static readonly CollapseWhitespaceTransform CollapseWhitespace = new();
    private static readonly UpperCaseTransform Upper = new();
    private static readonly LowerCaseTransform Lower = new();
    private static readonly TitleCaseTransform Title = new();
    private static readonly EmptyToNullTransform EmptyToNull = new();
    private static readonly DigitsTransform Digits = new();
    private static readonly IdentifierTransform PostcodeStep = new("postcode", Catalogue.IdentifierKind.Postcode);
    private static readonly IdentifierTransform NinoStep = new("nino", Catalogue.IdentifierKind.Nino);
    private static readonly IdentifierTransform NhsNumberStep = new("nhsNumber", Catalogue.IdentifierKind.NhsNumber);
    private static readonly IdentifierTransform PhoneStep = new("phone", Catalogue.IdentifierKind.Phone);
    private static readonly IdentifierTransform EmailStep = new("email", Catalogue.IdentifierKind.Email);
    private static readonly IdentifierTransform UprnStep = new("uprn", Catalogue.IdentifierKind.Uprn);

    /// <summary>Every op name <see cref="Create(TransformSpec)"/> accepts, as written in mapping files (case-sensitive).</summary>
    public static IReadOnlyList<string> KnownOps { get; } =
    [
        TrimTransform.OpName,
        CollapseWhitespaceTransform.OpName,
        UpperCaseTransform.OpName,
        LowerCaseTransform.OpName,
        TitleCaseTransform.OpName,
        CaseOpName,
        NullIfTransform.OpName,
        EmptyToNullTransform.OpName,
        DefaultTransform.OpName,
        ReplaceTransform.OpName,
        ParseDateTransform.OpName,
        ParseDateTimeTransform.OpName,
        SplitNameTransform.OpName,
        SplitForenamesTransform.OpName,
        "postcode",
        "nino",
        "nhsNumber",
        "phone",
        "email",
        "uprn",
        DigitsTransform.OpName,
        StandardiseTransform.CleanNameOp,
        StandardiseTransform.FormalNameOp,
        StandardiseTransform.AddressLineOp,
    ];

    /// <summary>Creates the transform for <paramref name="spec"/>, using the system clock for two-digit years.</summary>
    /// <param name="spec">The mapping step.</param>
    /// <returns>The transform, or a validation error naming the op.</returns>
    public static Result<IValueTransform> Create(TransformSpec spec) => Create(spec, TimeProvider.System);

    /// <summary>Creates the transform for <paramref name="spec"/>.</summary>
    /// <param name="spec">The mapping step.</param>
    /// <param name="timeProvider">The clock <c>parseDate</c> and <c>parseDateTime</c> use to choose the century of two-digit years.</param>
    /// <returns>The transform, or a validation error naming the op.</returns>
    public static Result<IValueTransform> Create(TransformSpec spec, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return spec.Op switch
        {
            TrimTransform.OpName => Stateless(spec, Trim),
            CollapseWhitespaceTransform.OpName => Stateless(spec, CollapseWhitespace),
            UpperCaseTransform.OpName => Stateless(spec, Upper),
            LowerCaseTransform.OpName => Stateless(spec, Lower),
            TitleCaseTransform.OpName => Stateless(spec, Title),
            CaseOpName => CreateCase(spec),
            NullIfTransform.OpName => CreateNullIf(spec),
            EmptyToNullTransform.OpName => Stateless(spec, EmptyToNull),
            DefaultTransform.OpName => CreateDefault(spec),
            ReplaceTransform.OpName => CreateReplace(spec),
            ParseDateTransform.OpName => CreateParseDate(spec, timeProvider),
            ParseDateTimeTransform.OpName => CreateParseDateTime(spec, timeProvider),
            SplitNameTransform.OpName => CreateSplitName(spec),
            SplitForenamesTransform.OpName => CreateSplitForenames(spec),
            "postcode" => Stateless(spec, PostcodeStep),
            "nino" => Stateless(spec, NinoStep),
            "nhsNumber" => Stateless(spec, NhsNumberStep),
            "phone" => Stateless(spec, PhoneStep),
            "email" => Stateless(spec, EmailStep),
            "uprn" => Stateless(spec, UprnStep),
            DigitsTransform.OpName => Stateless(spec, Digits),
            StandardiseTransform.CleanNameOp => Stateless(spec, StandardiseTransform.CleanName),
            StandardiseTransform.FormalNameOp => Stateless(spec, StandardiseTransform.FormalName),
            StandardiseTransform.AddressLineOp => Stateless(spec, StandardiseTransform.AddressLine),
            _ => Unknown(spec.Op),
        };
    }

    private static Result<IValueTransform> Stateless(TransformSpec spec, IValueTransform transform) =>
        Unexpected(spec) is { } error ? error : Result<IValueTransform>.Success(transform);

    private static Result<IValueTransform> CreateCase(TransformSpec spec)
    {
        if (Unexpected(spec, value: true) is { } error)
        {
            return error;
        }

        IValueTransform? transform = spec.Value?.Trim().ToUpperInvariant() switch
        {
            "UPPER" => Upper,
            "LOWER" => Lower,
            "TITLE" => Title,
            _ => null,
        };
        return transform is null
            ? BadArgument("value", $"Transform '{spec.Op}' needs 'value' of upper, lower or title.")
            : Result<IValueTransform>.Success(transform);
    }

    private static Result<IValueTransform> CreateNullIf(TransformSpec spec)
    {
        if (Unexpected(spec, value: true) is { } error)
        {
            return error;
        }

        return spec.Value is null
            ? BadArgument("value", $"Transform '{spec.Op}' needs 'value', the placeholder that means no value (e.g. N/A).")
            : Result<IValueTransform>.Success(new NullIfTransform(spec.Value));
    }

    private static Result<IValueTransform> CreateDefault(TransformSpec spec)
    {
        if (Unexpected(spec, value: true) is { } error)
        {
            return error;
        }

        return spec.Value is null
            ? BadArgument("value", $"Transform '{spec.Op}' needs 'value', the value used when the source has none.")
            : Result<IValueTransform>.Success(new DefaultTransform(spec.Value));
    }

    private static Result<IValueTransform> CreateReplace(TransformSpec spec)
    {
        if (Unexpected(spec, value: true, find: true) is { } error)
        {
            return error;
        }

        return string.IsNullOrEmpty(spec.Find)
            ? BadArgument("find", $"Transform '{spec.Op}' needs a non-empty 'find'; 'value' is the replacement.")
            : Result<IValueTransform>.Success(new ReplaceTransform(spec.Find, spec.Value));
    }

    private static Result<IValueTransform> CreateParseDate(TransformSpec spec, TimeProvider timeProvider)
    {
        if (Unexpected(spec, formats: true) is { } error)
        {
            return error;
        }

        string? problem = DateFormats.Problem(spec.Op, spec.Formats);
        return problem is null
            ? Result<IValueTransform>.Success(new ParseDateTransform(spec.Formats, timeProvider))
            : BadArgument("formats", problem);
    }

    private static Result<IValueTransform> CreateParseDateTime(TransformSpec spec, TimeProvider timeProvider)
    {
        if (Unexpected(spec, formats: true) is { } error)
        {
            return error;
        }

        string? problem = DateFormats.Problem(spec.Op, spec.Formats);
        return problem is null
            ? Result<IValueTransform>.Success(new ParseDateTimeTransform(spec.Formats, timeProvider))
            : BadArgument("formats", problem);
    }

    private static Result<IValueTransform> CreateSplitName(TransformSpec spec)
    {
        if (Unexpected(spec, part: true) is { } error)
        {
            return error;
        }

        NamePart? part = spec.Part?.Trim().ToUpperInvariant() switch
        {
            "GIVEN" => NamePart.Given,
            "MIDDLE" => NamePart.Middle,
            "FAMILY" => NamePart.Family,
            _ => null,
        };
        return part is null
            ? BadArgument("part", $"Transform '{spec.Op}' needs 'part' of given, middle or family.")
            : Result<IValueTransform>.Success(new SplitNameTransform(part.Value));
    }

    private static Result<IValueTransform> CreateSplitForenames(TransformSpec spec)
    {
        if (Unexpected(spec, part: true) is { } error)
        {
            return error;
        }

        NamePart? part = spec.Part?.Trim().ToUpperInvariant() switch
        {
            "GIVEN" => NamePart.Given,
            "MIDDLE" => NamePart.Middle,
            _ => null,
        };
        return part is null
            ? BadArgument("part", $"Transform '{spec.Op}' needs 'part' of given or middle.")
            : Result<IValueTransform>.Success(new SplitForenamesTransform(part.Value));
    }

    private static Error? Unexpected(TransformSpec spec, bool formats = false, bool part = false, bool value = false, bool find = false)
    {
        string? argument =
            !formats && spec.Formats is not null ? "formats"
            : !part && spec.Part is not null ? "part"
            : !value && spec.Value is not null ? "value"
            : !find && spec.Find is not null ? "find"
            : null;
        return argument is null
            ? null
            : Error.Validation(BadArgumentCode, $"Transform '{spec.Op}' does not take '{argument}'.", argument);
    }

    private static Error BadArgument(string argument, string message) => Error.Validation(BadArgumentCode, message, argument);

    private static Error Unknown(string? op)
    {
        if (string.IsNullOrWhiteSpace(op))
        {
            return Error.Validation(UnknownTransformCode, "A transform step needs an op name, e.g. trim.", "op");
        }

        string? similar = KnownOps.FirstOrDefault(known => string.Equals(known, op.Trim(), StringComparison.OrdinalIgnoreCase));
        string message = similar is null
            ? $"Unknown transform '{op}'. Known transforms: {string.Join(", ", KnownOps)}."
            : $"Unknown transform '{op}'; did you mean '{similar}'? Op names are case-sensitive.";
        return Error.Validation(UnknownTransformCode, message, "op");
    }
}
