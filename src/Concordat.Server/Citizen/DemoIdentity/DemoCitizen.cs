namespace Concordat.Server.Citizen.DemoIdentity;

/// <summary>A made-up person the demo provider can sign in as; the NINOs are valid in form and belong to no one.</summary>
/// <param name="Subject">The stable <c>sub</c> the provider issues.</param>
/// <param name="Name">The person's name.</param>
/// <param name="Nino">Their National Insurance number, normalised.</param>
/// <param name="DateOfBirth">Their date of birth.</param>
/// <param name="Postcode">Their postcode.</param>
internal sealed record DemoCitizen(string Subject, string Name, string Nino, DateOnly DateOfBirth, string Postcode)
{
    /// <summary>The demo citizens, in display order.</summary>
    public static IReadOnlyList<DemoCitizen> All { get; } =
    [
        new("demo-citizen-1", "Jane Green", "JG103759A", new DateOnly(1952, 7, 14), "LS1 4AP"),
        new("demo-citizen-2", "Sam Khan", "SK502211B", new DateOnly(1988, 11, 2), "LS6 2BB"),
        new("demo-citizen-3", "Priya Young", "PY961478D", new DateOnly(1975, 3, 30), "LS9 8AG"),
    ];

    /// <summary>The citizen with subject <paramref name="subject"/>, if any.</summary>
    public static DemoCitizen? Find(string? subject) => All.FirstOrDefault(c => string.Equals(c.Subject, subject, StringComparison.Ordinal));
}
