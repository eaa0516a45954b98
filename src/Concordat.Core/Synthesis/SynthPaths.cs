namespace Concordat.Core.Synthesis;

/// <summary>Relative paths of the files <see cref="SynthGenerator"/> writes.</summary>
public static class SynthPaths
{
    /// <summary>The truth: <c>department,recordId,personId</c> for every department record, UTF-8 CSV.</summary>
    public const string Truth = "truth.csv";

    /// <summary>The data file of a department.</summary>
    public static string Data(SynthDepartment department) => department switch
    {
        SynthDepartment.Hmrc => "hmrc/taxpayers.csv",
        SynthDepartment.Dwp => "dwp/claimants.jsonl",
        SynthDepartment.Dvla => "dvla/drivers.dat",
        SynthDepartment.Council => "council/residents.xml",
        _ => throw new ArgumentOutOfRangeException(nameof(department), department, null),
    };

    /// <summary>The mapping file (Concordat <c>IngestMapping</c> JSON) beside a department's data file.</summary>
    public static string Mapping(SynthDepartment department) => Stem(department) + ".mapping.json";

    /// <summary>The Frictionless Table Schema beside a department's data file.</summary>
    public static string Schema(SynthDepartment department) => Stem(department) + ".schema.json";

    /// <summary>The fixed-width layout of the DVLA extract.</summary>
    public const string DvlaLayout = "dvla/drivers.layout.json";

    /// <summary>The department's id in the truth file: <c>hmrc</c>, <c>dwp</c>, <c>dvla</c> or <c>council</c>.</summary>
    public static string DepartmentId(SynthDepartment department) => department switch
    {
        SynthDepartment.Hmrc => "hmrc",
        SynthDepartment.Dwp => "dwp",
        SynthDepartment.Dvla => "dvla",
        SynthDepartment.Council => "council",
        _ => throw new ArgumentOutOfRangeException(nameof(department), department, null),
    };

    private static string Stem(SynthDepartment department)
    {
        var data = Data(department);
        return data[..data.LastIndexOf('.')];
    }
}
