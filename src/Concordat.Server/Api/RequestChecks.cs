using Concordat.Core;
using Concordat.Core.Catalogue;

namespace Concordat.Server.Api;

/// <summary>Checks on request bodies that collect every problem as a validation <see cref="Error"/>.</summary>
internal static class RequestChecks
{
    /// <summary>Requires a slug id (2 to 64 lower-case letters, digits and hyphens, starting with a letter).</summary>
    public static void Slug(List<Error> errors, string? value, string target)
    {
        if (!SchemaRules.IsValidSlug(value))
        {
            errors.Add(Error.Validation("request.invalid_id", $"{target} must be 2 to 64 lower-case letters, digits and hyphens, starting with a letter.", target));
        }
    }

    /// <summary>Requires non-blank text of at most <paramref name="maxLength"/> characters.</summary>
    public static void Required(List<Error> errors, string? value, string target, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(Error.Validation("request.required", $"{target} is required.", target));
        }
        else
        {
            Optional(errors, value, target, maxLength);
        }
    }

    /// <summary>Limits optional text to <paramref name="maxLength"/> characters.</summary>
    public static void Optional(List<Error> errors, string? value, string target, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            errors.Add(Error.Validation("request.too_long", $"{target} must be at most {maxLength} characters.", target));
        }
    }
}
