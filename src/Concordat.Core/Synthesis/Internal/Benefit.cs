namespace Concordat.Core.Synthesis.Internal;

/// <summary>A benefit and the range of its award, in pence per period.</summary>
/// <param name="Type">The benefit, as the DWP extract names it.</param>
/// <param name="Frequency">How often the award is paid: <c>weekly</c> or <c>monthly</c>.</param>
/// <param name="MinPence">Smallest award.</param>
/// <param name="MaxPence">Largest award.</param>
/// <param name="HealthRelated">Whether claiming it reveals a health condition or disability (special category data).</param>
internal sealed record Benefit(string Type, string Frequency, int MinPence, int MaxPence, bool HealthRelated)
{
    /// <summary>Benefits of people over State Pension age, with weights.</summary>
    public static WeightedTable<Benefit> Pension { get; } = new(
        [
            new("StatePension", "weekly", 17_645, 23_025, false),
            new("PensionCredit", "weekly", 2_500, 22_785, false),
            new("AttendanceAllowance", "weekly", 7_390, 11_040, true),
        ],
        [85, 7, 8]);

    /// <summary>Benefits of working-age people, with weights.</summary>
    public static WeightedTable<Benefit> WorkingAge { get; } = new(
        [
            new("UniversalCredit", "monthly", 31_168, 160_000, false),
            new("PersonalIndependencePayment", "weekly", 2_920, 18_745, true),
            new("EmploymentAndSupportAllowance", "weekly", 9_055, 13_875, true),
            new("CarersAllowance", "weekly", 8_330, 8_330, false),
            new("JobseekersAllowance", "weekly", 9_055, 9_055, false),
        ],
        [55, 20, 10, 8, 7]);
}
