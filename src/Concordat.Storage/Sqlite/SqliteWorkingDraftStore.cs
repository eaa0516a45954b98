using System.Text.Json;
using Concordat.Core;
using Concordat.Core.Governance;
using Microsoft.Data.Sqlite;

namespace Concordat.Storage.Sqlite;

/// <summary>Working drafts of agreements in the embedded SQLite database. Thread safe.</summary>
public sealed class SqliteWorkingDraftStore : IWorkingDraftStore
{
    private const string Columns = "id, organisation_id, created_by, agreement_id, amends, draft_json, created_at, updated_at";
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over a migrated database.</summary>
    public SqliteWorkingDraftStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public Task SaveAsync(WorkingDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO agreement_working_drafts ({Columns}) VALUES ($id, $org, $by, $agreement, $amends, $draft, $created, $updated)
            ON CONFLICT (id) DO UPDATE SET agreement_id = excluded.agreement_id, amends = excluded.amends, draft_json = excluded.draft_json, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$id", draft.Id);
        command.Parameters.AddWithValue("$org", draft.OrganisationId);
        command.Parameters.AddWithValue("$by", draft.CreatedBy);
        command.Parameters.AddWithValue("$agreement", (object?)draft.AgreementId ?? DBNull.Value);
        command.Parameters.AddWithValue("$amends", draft.Amends ? 1 : 0);
        command.Parameters.AddWithValue("$draft", JsonSerializer.Serialize(draft.Draft, ConcordatJson.Options));
        command.Parameters.AddWithValue("$created", SqliteText.FromTime(draft.CreatedAt));
        command.Parameters.AddWithValue("$updated", SqliteText.FromTime(draft.UpdatedAt));
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<WorkingDraft?> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM agreement_working_drafts WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Read(reader) : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkingDraft>> ListAsync(string organisationId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM agreement_working_drafts WHERE organisation_id = $org ORDER BY updated_at DESC, id";
        command.Parameters.AddWithValue("$org", organisationId);
        using var reader = command.ExecuteReader();
        var drafts = new List<WorkingDraft>();
        while (reader.Read())
        {
            drafts.Add(Read(reader));
        }

        return Task.FromResult<IReadOnlyList<WorkingDraft>>(drafts);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM agreement_working_drafts WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    private static WorkingDraft Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        OrganisationId = reader.GetString(1),
        CreatedBy = reader.GetString(2),
        AgreementId = reader.IsDBNull(3) ? null : reader.GetString(3),
        Amends = reader.GetInt64(4) == 1,
        Draft = JsonSerializer.Deserialize<AgreementDraft>(reader.GetString(5), ConcordatJson.Options)!,
        CreatedAt = SqliteText.ToTime(reader.GetString(6)),
        UpdatedAt = SqliteText.ToTime(reader.GetString(7)),
    };
}
