#include "changes_fixture.h"

#include "overview_fixture.h"
#include "store/delivery_writer.h"
#include "store/import_batch.h"
#include "store/sqlite_database.h"
#include "store/workspace.h"

namespace faultline::test {

QString fixtureSha(int day)
{
    return QStringLiteral("%1").arg(day + 1, 40, 16, QLatin1Char('0'));
}

void writeChangesWorkspace(const QString& path)
{
    writeOverviewWorkspace(path);
    store::Workspace ws = store::Workspace::open(path);
    store::ImportBatch batch(ws, { path, QStringLiteral("test"), QByteArray("changes-fixture") });
    // The synthetic history records AI lines only; give the AI-assisted commits the evidence a
    // marker rule would have stored.
    for (int day = 0; day < 24; day += 3) {
        const bool claude = day % 6 == 0;
        auto& s = batch.statement(
            "UPDATE commits SET ai_tool = ?1, ai_rule = ?2, ai_field = ?3, ai_evidence = ?4, "
            "author_name = ?5 WHERE sha = ?6");
        s.bind(1, claude ? QStringLiteral("claude-code") : QStringLiteral("copilot"))
            .bind(2, claude ? QStringLiteral("claude-trailer") : QStringLiteral("copilot-message"))
            .bind(3, claude ? QStringLiteral("trailer") : QStringLiteral("message"))
            .bind(4,
                  claude ? QStringLiteral("Co-Authored-By: Claude <noreply@anthropic.com>")
                         : QStringLiteral("Generated with GitHub Copilot"))
            .bind(5, claude ? QStringLiteral("Alice Example") : QStringLiteral("Bob Example"))
            .bind(6, fixtureSha(day));
        s.exec();
    }
    auto& run
        = batch.statement("INSERT INTO pipeline_runs (provider, project, external_id, workflow, conclusion, "
                          "head_sha, started_at, run_number) VALUES ('github', 'acme/shop', '9001', 'build', "
                          "'failure', ?1, ?2, 41)");
    run.bind(1, fixtureSha(3)).bind(2, std::int64_t(kOverviewBase + 3 * 86400000LL + 3600000LL));
    run.exec();
    store::DeliveryWriter writer(batch);
    store::IncidentRecord incident;
    incident.provider = QStringLiteral("csv");
    incident.externalId = QStringLiteral("INC-7");
    incident.displayKey = QStringLiteral("INC-7");
    incident.title = QStringLiteral("Checkout errors after release");
    incident.service = QStringLiteral("shop");
    incident.createdAt = kOverviewBase + 4 * 86400000LL;
    incident.resolvedAt = kOverviewBase + 4 * 86400000LL + 7200000LL;
    incident.causedByCommitSha = fixtureSha(3);
    writer.upsertIncident(incident);
    batch.countRows(QStringLiteral("incidents"), 1);
    batch.commit();
}

} // namespace faultline::test
