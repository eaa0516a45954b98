using System.Globalization;

namespace Concordat.Core.Ingestion.Sources;

/// <summary>The checks a <see cref="FixedWidthLayout"/> must pass before a file is read with it. Thread safe.</summary>
internal static class FixedWidthLayoutRules
{
    /// <summary>The field kinds a layout may use.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["text", "zoned", "packed"];

    /// <summary>Every problem with <paramref name="layout"/>, each naming the field at fault; empty when it is valid.</summary>
    public static List<Error> Check(FixedWidthLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var errors = new List<Error>();
        if (!TextEncodings.Resolve(layout.Encoding).IsSuccess)
        {
            errors.Add(Error.Validation(
                "layout.encoding",
                $"The layout's encoding '{layout.Encoding}' is unknown; use one of {string.Join(", ", TextEncodings.SupportedNames)}.",
                "encoding"));
        }

        if (layout.RecordLength is <= 0)
        {
            errors.Add(Error.Validation("layout.record_length", "The record length must be at least 1 byte.", "recordLength"));
        }

        if (layout.Fields is null || layout.Fields.Count == 0)
        {
            errors.Add(Error.Validation("layout.no_fields", "The layout has no fields.", "fields"));
            return errors;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in layout.Fields)
        {
            CheckField(layout, field, names, errors);
        }

        CheckOverlaps(layout.Fields, errors);
        return errors;
    }

    /// <summary>The number of bytes a record must have to hold every field.</summary>
    public static int RequiredLength(FixedWidthLayout layout) => layout.Fields.Max(f => f.Start + f.Length - 1);

    private static void CheckField(FixedWidthLayout layout, FixedWidthField field, HashSet<string> names, List<Error> errors)
    {
        var name = field.Name ?? string.Empty;
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(Invalid("layout.field_name", $"The field at byte {field.Start} has no name.", name));
        }
        else if (!names.Add(name))
        {
            errors.Add(Invalid("layout.duplicate_field", $"Field '{name}' appears more than once.", name));
        }

        if (field.Start < 1)
        {
            errors.Add(Invalid("layout.field_start", $"Field '{name}' starts at byte {field.Start}; positions start at 1.", name));
        }

        if (field.Length < 1)
        {
            errors.Add(Invalid("layout.field_length", $"Field '{name}' has length {field.Length}; it must be at least 1 byte.", name));
        }
        else if (field.Start >= 1 && (long)field.Start + field.Length - 1 > (layout.RecordLength ?? int.MaxValue))
        {
            errors.Add(Invalid(
                "layout.field_beyond_record",
                $"Field '{name}' ends at byte {(long)field.Start + field.Length - 1}, beyond the record length of {layout.RecordLength} bytes.",
                name));
        }

        var kind = field.Kind?.ToUpperInvariant();
        if (kind is not ("TEXT" or "ZONED" or "PACKED"))
        {
            errors.Add(Invalid("layout.field_kind", $"Field '{name}' has kind '{field.Kind}'; use text, zoned or packed.", name));
        }
        else if (kind == "TEXT" && field.Scale != 0)
        {
            errors.Add(Invalid("layout.field_scale", $"Field '{name}' is text and cannot have a scale.", name));
        }
        else if (field.Length >= 1)
        {
            var digits = kind == "PACKED" ? (2L * field.Length) - 1 : field.Length;
            if (field.Scale < 0 || field.Scale > digits)
            {
                errors.Add(Invalid(
                    "layout.field_scale",
                    $"Field '{name}' has scale {field.Scale}; it must be between 0 and its {digits} digits.",
                    name));
            }
        }
    }

    private static void CheckOverlaps(IReadOnlyList<FixedWidthField> fields, List<Error> errors)
    {
        FixedWidthField? furthest = null;
        foreach (var field in fields.Where(f => f.Start >= 1 && f.Length >= 1).OrderBy(f => f.Start))
        {
            if (furthest is not null && field.Start <= End(furthest))
            {
                errors.Add(Invalid(
                    "layout.fields_overlap",
                    $"Field '{field.Name}' (bytes {field.Start}-{End(field)}) overlaps field '{furthest.Name}' (bytes {furthest.Start}-{End(furthest)}).",
                    field.Name));
            }

            if (furthest is null || End(field) > End(furthest))
            {
                furthest = field;
            }
        }
    }

    private static long End(FixedWidthField field) => (long)field.Start + field.Length - 1;

    private static Error Invalid(string code, FormattableString message, string target) =>
        Error.Validation(code, message.ToString(CultureInfo.InvariantCulture), target);
}
