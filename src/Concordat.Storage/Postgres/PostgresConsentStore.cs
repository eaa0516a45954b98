using Concordat.Core.Governance;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>Consent records in PostgreSQL.</summary>
public sealed class PostgresConsentStore : IConsentStore
{
    private const string Columns = "agreement_id, subject_id, given_at, withdrawn_at, recorded_by";
    private readonly PostgresDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public PostgresConsentStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task AddAsync(ConsentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"INSERT INTO consent_records ({Columns}) VALUES ($1, $2, $3, $4, $5)", connection);
        command.Parameters.Add(Pg.Text(record.AgreementId));
        command.Parameters.Add(Pg.Text(record.SubjectId));
        command.Parameters.Add(Pg.Time(record.GivenAt));
        command.Parameters.Add(Pg.Time(record.WithdrawnAt));
        command.Parameters.Add(Pg.Text(record.RecordedBy));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> WithdrawAsync(string agreementId, string subjectId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            UPDATE consent_records SET withdrawn_at = $1
            WHERE id = (SELECT max(id) FROM consent_records WHERE agreement_id = $2 AND subject_id = $3) AND withdrawn_at IS NULL
            """,
            connection);
        command.Parameters.Add(Pg.Time(at));
        command.Parameters.Add(Pg.Text(agreementId));
        command.Parameters.Add(Pg.Text(subjectId));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<ConsentRecord?> GetCurrentAsync(string agreementId, string subjectId, CancellationToken cancellationToken)
    {
        var list = await QueryAsync($"SELECT {Columns} FROM consent_records WHERE agreement_id = $1 AND subject_id = $2 ORDER BY id DESC LIMIT 1", agreementId, subjectId, cancellationToken).ConfigureAwait(false);
        return list.Count > 0 ? list[0] : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConsentRecord>> ListAsync(string agreementId, string? subjectId, CancellationToken cancellationToken) =>
        subjectId is null
            ? await QueryAsync($"SELECT {Columns} FROM consent_records WHERE agreement_id = $1 ORDER BY id", agreementId, null, cancellationToken).ConfigureAwait(false)
            : await QueryAsync($"SELECT {Columns} FROM consent_records WHERE agreement_id = $1 AND subject_id = $2 ORDER BY id", agreementId, subjectId, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> ConsentingSubjectsAsync(string agreementId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, ConsentRecord>(StringComparer.Ordinal);
        foreach (var record in await ListAsync(agreementId, null, cancellationToken).ConfigureAwait(false))
        {
            latest[record.SubjectId] = record;
        }

        return latest.Values.Where(r => r.StateAt(now) == SubjectConsent.Given).Select(r => r.SubjectId).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<List<ConsentRecord>> QueryAsync(string sql, string agreementId, string? subjectId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(Pg.Text(agreementId));
        if (subjectId is not null)
        {
            command.Parameters.Add(Pg.Text(subjectId));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<ConsentRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new ConsentRecord(reader.GetString(0), reader.GetString(1), Pg.ReadTime(reader, 2), Pg.ReadTimeOrNull(reader, 3), reader.GetString(4)));
        }

        return list;
    }
}
