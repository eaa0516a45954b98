using System.Globalization;

namespace Concordat.Core.Linkage;

/// <summary>A place in the review queue ordered by uncertainty: a pair's <see cref="ReviewItem.Uncertainty"/> and id.</summary>
/// <param name="Uncertainty">The absolute match weight in bits.</param>
/// <param name="Id">The review item id, which breaks ties.</param>
public readonly record struct ReviewPosition(double Uncertainty, long Id)
{
    /// <summary>The position of <paramref name="item"/>.</summary>
    public static ReviewPosition Of(ReviewItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new ReviewPosition(item.Uncertainty, item.Id);
    }

    /// <summary>The position as a cursor, <c>uncertainty_id</c>, with the weight written so that it reads back exactly.</summary>
    public override string ToString() =>
        Uncertainty.ToString("R", CultureInfo.InvariantCulture) + "_" + Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a cursor written by <see cref="ToString"/>; false for anything else.</summary>
    public static bool TryParse(string? text, out ReviewPosition position)
    {
        position = default;
        var split = text?.IndexOf('_', StringComparison.Ordinal) ?? -1;
        if (split <= 0
            || !double.TryParse(text.AsSpan(0, split), NumberStyles.Float, CultureInfo.InvariantCulture, out var uncertainty)
            || !double.IsFinite(uncertainty) || uncertainty < 0
            || !long.TryParse(text.AsSpan(split + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        position = new ReviewPosition(uncertainty, id);
        return true;
    }
}
