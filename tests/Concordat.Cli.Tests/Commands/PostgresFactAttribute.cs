namespace Concordat.Cli.Tests.Commands;

/// <summary>A fact that needs the PostgreSQL server of CONCORDAT_TEST_POSTGRES; skipped, with the reason shown, without it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestServer.Uri is null)
        {
            Skip = "needs CONCORDAT_TEST_POSTGRES (scripts/test.sh starts the local server and sets it)";
        }
    }
}
