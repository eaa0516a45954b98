namespace Concordat.Core.Governance;

/// <summary>Whether and why an aggregate cell is hidden.</summary>
public enum CellSuppression
{
    /// <summary>Published (rounded).</summary>
    None,
    /// <summary>Its count is below the threshold.</summary>
    Primary,
    /// <summary>Hidden so that a primary-suppressed cell cannot be recovered by subtraction from totals.</summary>
    Secondary,
}
