#include "change_queries.h"

#include "sqlite_database.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

namespace faultline::store {

namespace {

constexpr std::int64_t kWeekMs = 7LL * 86400 * 1000;

// AI-assisted as METRICS.md defines it: a marker rule matched (ai_tool) or notes attribute lines.
constexpr const char* kIsAi = "(c.ai_tool IS NOT NULL OR c.ai_lines > 0)";

// The WHERE clause shared by the page, count and weekly queries; parameters ?1…?6.
std::string whereClause()
{
    return std::string("c.authored_at >= ?1 AND c.authored_at < ?2") + " AND (?3 = 0 OR " + kIsAi + ")"
        + " AND (?4 = 0 OR NOT " + kIsAi + ")" + " AND (?5 = '' OR c.ai_tool = ?5)"
        + " AND (?6 = '' OR c.subject LIKE ?6 ESCAPE '\\' OR c.sha LIKE ?6 ESCAPE '\\'"
          " OR c.author_name LIKE ?6 ESCAPE '\\')";
}

QString likePattern(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    QString escaped;
    for (const QChar ch : trimmed) {
        if (ch == QLatin1Char('%') || ch == QLatin1Char('_') || ch == QLatin1Char('\\'))
            escaped += QLatin1Char('\\');
        escaped += ch;
    }
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

void bindFilter(SqliteStatement& s, const ChangeFilter& filter, std::int64_t toMs)
{
    s.bind(1, filter.fromMs)
        .bind(2, toMs)
        .bind(3, filter.aiOnly ? 1 : 0)
        .bind(4, filter.notAiOnly ? 1 : 0)
        .bindTextOrEmpty(5, filter.aiTool)
        .bindTextOrEmpty(6, likePattern(filter.text));
}

QString formatTime(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

std::vector<ChangeListRow> loadChangesPage(const SqliteDatabase& db, const ChangeFilter& filter,
                                           const std::optional<ChangeCursor>& after, int limit)
{
    // The cursor narrows the upper time bound, so the authored_at index starts the walk at the
    // cursor; the id condition only sorts out the rows that share its timestamp.
    const std::int64_t toMs = after ? std::min(filter.toMs, after->authoredAtMs + 1) : filter.toMs;
    auto s = db.prepare("SELECT c.id, c.sha, r.name, c.authored_at, c.author_name, c.subject, c.ai_tool, "
                        "c.ai_rule, c.ai_field, c.ai_evidence, c.ai_share, c.added_lines, c.deleted_lines, "
                        "c.is_merge FROM commits c JOIN repos r ON r.id = c.repo_id WHERE "
                        + whereClause()
                        + " AND (?7 = 0 OR c.authored_at < ?8 OR c.id < ?9)"
                          " ORDER BY c.authored_at DESC, c.id DESC LIMIT ?10");
    bindFilter(s, filter, toMs);
    s.bind(7, after ? 1 : 0)
        .bind(8, after ? after->authoredAtMs : 0)
        .bind(9, after ? after->id : 0)
        .bind(10, std::max(0, limit));
    std::vector<ChangeListRow> rows;
    while (s.step()) {
        ChangeListRow row;
        row.id = s.int64(0);
        row.sha = s.text(1);
        row.repository = s.text(2);
        row.authoredAtMs = s.int64(3);
        row.authorName = s.text(4);
        row.subject = s.text(5);
        row.aiTool = s.text(6);
        row.aiRule = s.text(7);
        row.aiField = s.text(8);
        row.aiEvidence = s.text(9);
        row.aiShare = s.real(10);
        row.addedLines = s.int64(11);
        row.deletedLines = s.int64(12);
        row.isMerge = s.int64(13) != 0;
        rows.push_back(std::move(row));
    }
    return rows;
}

std::int64_t countChanges(const SqliteDatabase& db, const ChangeFilter& filter)
{
    auto s = db.prepare("SELECT count(*) FROM commits c WHERE " + whereClause());
    bindFilter(s, filter, filter.toMs);
    return s.step() ? s.int64(0) : 0;
}

std::vector<ChangeWeekCounts> loadChangeWeeks(const SqliteDatabase& db, const ChangeFilter& filter)
{
    std::vector<ChangeWeekCounts> weeks;
    if (filter.toMs <= filter.fromMs)
        return weeks;
    const std::int64_t count = (filter.toMs - filter.fromMs + kWeekMs - 1) / kWeekMs;
    for (std::int64_t i = 0; i < count; ++i)
        weeks.push_back({ filter.fromMs + i * kWeekMs, 0, 0 });
    auto s = db.prepare(std::string("SELECT (c.authored_at - ?1) / ") + std::to_string(kWeekMs) + ", " + kIsAi
                        + ", count(*) FROM commits c WHERE " + whereClause() + " GROUP BY 1, 2");
    bindFilter(s, filter, filter.toMs);
    while (s.step()) {
        const std::int64_t week = s.int64(0);
        if (week < 0 || week >= count)
            continue;
        (s.int64(1) ? weeks[size_t(week)].aiAssisted : weeks[size_t(week)].notAiAssisted) += s.int64(2);
    }
    return weeks;
}

QStringList loadAiTools(const SqliteDatabase& db)
{
    QStringList tools;
    auto s = db.prepare("SELECT DISTINCT ai_tool FROM commits WHERE ai_tool IS NOT NULL ORDER BY 1");
    while (s.step())
        tools << s.text(0);
    return tools;
}

QStringList loadAuthorNames(const SqliteDatabase& db)
{
    QStringList names;
    auto s = db.prepare("SELECT DISTINCT author_name FROM commits ORDER BY 1");
    while (s.step())
        names << s.text(0);
    return names;
}

std::vector<ChangeDetailRow> loadChangeDetails(const SqliteDatabase& db, std::int64_t commitId)
{
    using Kind = ChangeDetailRow::Kind;
    std::vector<ChangeDetailRow> rows;
    auto files = db.prepare("SELECT path, old_path, change, added, deleted, is_binary FROM commit_files "
                            "WHERE commit_id = ?1 ORDER BY path");
    files.bind(1, commitId);
    while (files.step()) {
        ChangeDetailRow row;
        row.kind = Kind::File;
        row.item = files.text(0);
        const QString change = files.text(2);
        if (!files.isNull(1) && !files.text(1).isEmpty() && files.text(1) != row.item)
            row.item += QStringLiteral(" (from %1)").arg(files.text(1));
        row.reason = files.int64(5) ? QStringLiteral("changed in this commit (%1, binary)").arg(change)
                                    : QStringLiteral("changed in this commit (%1, +%2 −%3)")
                                          .arg(change)
                                          .arg(files.int64(3))
                                          .arg(files.int64(4));
        rows.push_back(std::move(row));
    }

    // Deployments whose changeset holds the commit, first shipped first; the reason is the
    // changeset row's own (why the linker put the commit in that deployment).
    auto deployments = db.prepare(
        "SELECT d.id, d.service, d.environment, d.status, coalesce(d.finished_at, d.started_at, "
        "d.created_at, 0), d.is_production, dc.reason FROM deployment_changes dc JOIN deployments d ON "
        "d.id = dc.deployment_id WHERE dc.commit_id = ?1 ORDER BY 5, d.id");
    deployments.bind(1, commitId);
    bool shippedToProduction = false;
    while (deployments.step()) {
        ChangeDetailRow row;
        row.kind = Kind::Deployment;
        row.id = deployments.int64(0);
        row.atMs = deployments.int64(4);
        row.item
            = QStringLiteral("%1 %2 %3 at %4")
                  .arg(deployments.text(1), deployments.text(2), deployments.text(3), formatTime(row.atMs));
        QString reason = QStringLiteral("in its changeset: %1").arg(deployments.text(6));
        if (deployments.int64(5) && deployments.text(3) == QLatin1String("success") && !shippedToProduction) {
            shippedToProduction = true;
            reason = QStringLiteral("shipped it to production (first successful production deployment); ")
                + reason;
        }
        row.reason = reason;
        rows.push_back(std::move(row));
    }

    auto runs = db.prepare(
        "SELECT p.id, p.provider, coalesce(p.workflow, p.name, ''), coalesce(p.run_number, p.external_id), "
        "coalesce(p.conclusion, p.status, ''), coalesce(p.started_at, p.created_at, 0), p.attempt FROM "
        "pipeline_runs p JOIN commits c ON c.sha = p.head_sha WHERE c.id = ?1 ORDER BY 6, p.id");
    runs.bind(1, commitId);
    while (runs.step()) {
        ChangeDetailRow row;
        row.kind = Kind::CiRun;
        row.id = runs.int64(0);
        row.atMs = runs.int64(5);
        row.item = QStringLiteral("%1 %2 #%3 %4").arg(runs.text(1), runs.text(2), runs.text(3), runs.text(4));
        if (runs.int64(6) > 1)
            row.item += QStringLiteral(" (attempt %1)").arg(runs.int64(6));
        row.reason = QStringLiteral("ran on this commit (head sha)");
        rows.push_back(std::move(row));
    }

    // Incidents linked to a deployment that carried the commit, and incidents that name it as cause.
    auto incidents = db.prepare(
        "SELECT i.id, coalesce(i.display_key, i.external_id), i.title, i.created_at, "
        "'linked to deployment ' || d.service || ' ' || d.environment || ': ' || l.reason "
        "  || coalesce(' (' || l.detail || ')', '') "
        "FROM deployment_changes dc JOIN links l ON l.kind = 'incident_deployment' AND l.to_type = "
        "'deployment' AND l.to_id = dc.deployment_id JOIN incidents i ON i.id = l.from_id JOIN deployments d "
        "ON d.id = dc.deployment_id WHERE dc.commit_id = ?1 "
        "UNION ALL SELECT i.id, coalesce(i.display_key, i.external_id), i.title, i.created_at, "
        "'names this commit as its cause' FROM incidents i JOIN commits c ON c.sha = i.caused_by_commit_sha "
        "WHERE c.id = ?1 ORDER BY 4, 1");
    incidents.bind(1, commitId);
    while (incidents.step()) {
        ChangeDetailRow row;
        row.kind = Kind::Incident;
        row.id = incidents.int64(0);
        row.atMs = incidents.int64(3);
        row.item = QStringLiteral("%1 %2").arg(incidents.text(1), incidents.text(2));
        row.reason = incidents.text(4);
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace faultline::store
