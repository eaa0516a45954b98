namespace Concordat.Cli.Commands;

/// <summary>Documented process exit codes (see docs/cli.md).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The work ran but failed (an ingest run failed, verification found tampering).</summary>
    public const int Failed = 1;

    /// <summary>Bad input: usage, a mapping or schema that does not validate, a missing file.</summary>
    public const int Invalid = 2;

    public const int NotFound = 3;

    public const int Forbidden = 4;

    public const int Conflict = 5;

    /// <summary>An unexpected internal error; the message says where the details are.</summary>
    public const int Internal = 70;
}
