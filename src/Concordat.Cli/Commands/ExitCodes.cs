namespace Concordat.Cli.Commands;

/// <summary>Documented process exit codes (README.md, "Exit codes").</summary>
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

    /// <summary>The hub's database cannot be used: read-only, disk full, an I/O error or a damaged file (EX_IOERR).</summary>
    public const int StoreUnavailable = 74;

    /// <summary>The hub's database stayed locked by another process for the whole wait; try again (EX_TEMPFAIL).</summary>
    public const int StoreBusy = 75;

    /// <summary>Interrupted (Ctrl+C); as a shell reports a process ended by SIGINT.</summary>
    public const int Cancelled = 130;
}
