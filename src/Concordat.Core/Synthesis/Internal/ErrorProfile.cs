namespace Concordat.Core.Synthesis.Internal;

/// <summary>Which fields a department's records can have blank and which identifiers can be invalid.</summary>
/// <param name="Blankable">Fields a missing-field error may blank.</param>
/// <param name="Invalidatable">Identifiers an invalid-identifier error may corrupt (NINO, NHS number, postcode).</param>
internal sealed record ErrorProfile(RecordFields Blankable, RecordFields Invalidatable);
