namespace Concordat.Storage.Tests.Sqlite;

/// <summary>A fact that needs root (to mount a small tmpfs); skipped, with the reason shown, for other users.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Skip = "needs root on Linux to mount a small tmpfs; the seam is covered by Store_failing_mid_run_records_a_failed_run_and_keeps_the_previous_state";
        }
    }
}
