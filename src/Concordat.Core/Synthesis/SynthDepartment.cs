namespace Concordat.Core.Synthesis;

/// <summary>A synthetic department whose legacy extract the generator writes.</summary>
public enum SynthDepartment
{
    /// <summary>Tax office: adults with income, CSV in windows-1252 (<c>hmrc/taxpayers.csv</c>).</summary>
    Hmrc,
    /// <summary>Benefits: about three in ten people, JSON lines (<c>dwp/claimants.jsonl</c>).</summary>
    Dwp,
    /// <summary>Driving licences: about seven in ten people aged 17 or over, fixed-width EBCDIC (<c>dvla/drivers.dat</c>).</summary>
    Dvla,
    /// <summary>A council's residents in a few towns, XML (<c>council/residents.xml</c>).</summary>
    Council,
}
