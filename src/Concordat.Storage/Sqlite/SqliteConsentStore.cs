using Concordat.Core.Governance;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>Consent records in the embedded SQLite database.</summary>
public sealed class SqliteConsentStore : IConsentStore
{
    private const string Columns = "agreement_id, subject_id, given_at, withdrawn_at, recorded_by";
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public SqliteConsentStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public Task AddAsync(ConsentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO consent_records ({Columns}) VALUES ($agreement, $subject, $given, $withdrawn, $by)";
        command.Parameters.AddWithValue("$agreement", record.AgreementId);
        command.Parameters.AddWithValue("$subject", record.SubjectId);
        command.Parameters.AddWithValue("$given", SqliteText.FromTime(record.GivenAt));
        command.Parameters.AddWithValue("$withdrawn", record.WithdrawnAt is { } w ? SqliteText.FromTime(w) : DBNull.Value);
        command.Parameters.AddWithValue("$by", record.RecordedBy);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> WithdrawAsync(string agreementId, string subjectId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE consent_records SET withdrawn_at = $at
            WHERE id = (SELECT MAX(id) FROM consent_records WHERE agreement_id = $agreement AND subject_id = $subject) AND withdrawn_at IS NULL
            """;
        command.Parameters.AddWithValue("$at", SqliteText.FromTime(at));
        command.Parameters.AddWithValue("$agreement", agreementId);
        command.Parameters.AddWithValue("$subject", subjectId);
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    /// <inheritdoc />
    public Task<ConsentRecord?> GetCurrentAsync(string agreementId, string subjectId, CancellationToken cancellationToken)
    {
        using var connection = _database.Borrow();
        var command = connection.Command($"SELECT {Columns} FROM consent_records WHERE agreement_id = $agreement AND subject_id = $subject ORDER BY id DESC LIMIT 1");
        command.Parameters.AddWithValue("$agreement", agreementId);
        command.Parameters.AddWithValue("$subject", subjectId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Read(reader) : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConsentRecord>> ListAsync(string agreementId, string? subjectId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM consent_records WHERE agreement_id = $agreement AND ($subject IS NULL OR subject_id = $subject) ORDER BY id";
        command.Parameters.AddWithValue("$agreement", agreementId);
        command.Parameters.AddWithValue("$subject", (object?)subjectId ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var list = new List<ConsentRecord>();
        while (reader.Read())
        {
            list.Add(Read(reader));
        }

        return Task.FromResult<IReadOnlyList<ConsentRecord>>(list);
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> ConsentingSubjectsAsync(string agreementId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, ConsentRecord>(StringComparer.Ordinal);
        foreach (var record in await ListAsync(agreementId, null, cancellationToken))
        {
            latest[record.SubjectId] = record;
        }

        return latest.Values.Where(r => r.StateAt(now) == SubjectConsent.Given).Select(r => r.SubjectId).ToHashSet(StringComparer.Ordinal);
    }

    private static ConsentRecord Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), SqliteText.ToTime(reader.GetString(2)),
            SqliteText.ToTimeOrNull(reader.IsDBNull(3) ? null : reader.GetString(3)), reader.GetString(4));
}
