using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Governance;
using Npgsql;

namespace Concordat.Storage.Postgres;

/// <summary>Working drafts of agreements in PostgreSQL. Thread safe.</summary>
public sealed class PostgresWorkingDraftStore : IWorkingDraftStore
{
    private const string Columns = "id, organisation_id, created_by, agreement_id, amends, draft_json, created_at, updated_at";
    private readonly PostgresDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public PostgresWorkingDraftStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task SaveAsync(WorkingDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO agreement_working_drafts ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (id) DO UPDATE SET agreement_id = excluded.agreement_id, amends = excluded.amends, draft_json = excluded.draft_json, updated_at = excluded.updated_at
            """,
            connection);
        command.Parameters.Add(Pg.Text(draft.Id));
        command.Parameters.Add(Pg.Text(draft.OrganisationId));
        command.Parameters.Add(Pg.Text(draft.CreatedBy));
        command.Parameters.Add(Pg.Text(draft.AgreementId));
        command.Parameters.Add(Pg.Bool(draft.Amends));
        command.Parameters.Add(Pg.Text(JsonSerializer.Serialize(draft.Draft, ConcordatJson.Options)));
        command.Parameters.Add(Pg.Time(draft.CreatedAt));
        command.Parameters.Add(Pg.Time(draft.UpdatedAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<WorkingDraft?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var found = await QueryAsync($"SELECT {Columns} FROM agreement_working_drafts WHERE id = $1", id, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkingDraft>> ListAsync(string organisationId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM agreement_working_drafts WHERE organisation_id = $1 ORDER BY updated_at DESC, id", organisationId, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM agreement_working_drafts WHERE id = $1", connection);
        command.Parameters.Add(Pg.Text(id));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<List<WorkingDraft>> QueryAsync(string sql, string parameter, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(Pg.Text(parameter));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var drafts = new List<WorkingDraft>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            drafts.Add(new WorkingDraft
            {
                Id = reader.GetString(0),
                OrganisationId = reader.GetString(1),
                CreatedBy = reader.GetString(2),
                AgreementId = reader.IsDBNull(3) ? null : reader.GetString(3),
                Amends = reader.GetBoolean(4),
                Draft = JsonSerializer.Deserialize<AgreementDraft>(reader.GetString(5), ConcordatJson.Options)!,
                CreatedAt = Pg.ReadTime(reader, 6),
                UpdatedAt = Pg.ReadTime(reader, 7),
            });
        }

        return drafts;
    }
}
