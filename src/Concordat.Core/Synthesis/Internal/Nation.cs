namespace Concordat.Core.Synthesis.Internal;

/// <summary>The UK nation a town is in; decides the tax code prefix (S for Scotland, C for Wales).</summary>
internal enum Nation
{
    /// <summary>England.</summary>
    England,
    /// <summary>Wales.</summary>
    Wales,
    /// <summary>Scotland.</summary>
    Scotland,
    /// <summary>Northern Ireland.</summary>
    NorthernIreland,
}
