// Incident CSV (FORMATS.md §7e): the recommended template (incident_id, title, created_at,
// resolved_at, service, environment, severity, status, caused_by_*, url, …), PagerDuty analytics
// column names (id, incident_number, description, service_name, team_name, priority_name, urgency,
// seconds_to_resolve, html_url, …), DevLake's issue import CSV (id, issue_key, title, original_type,
// original_status, created_date, resolution_date, priority, severity, component, labels, url) and
// Jira's CSV export (Issue id, Issue key, Summary, Issue Type, Created, Resolved, Component/s, …).
// Columns are found by header name in any order (CsvColumns); other columns are ignored.
//
// Decisions worth knowing:
//  - Provider "csv"; external id = incident_id (or id, issue key…); display key = incident_number or
//    issue_key when there is one.
//  - With a type column (type, original_type, issue_type), only Incident and Bug rows are imported;
//    a row without a type is kept. Skipped rows give one warning per file with their count per type.
//  - resolved_at, else created_at + seconds_to_resolve; acknowledged_at, else created_at +
//    seconds_to_first_ack (PagerDuty analytics give durations, not times).
//  - Environment: the column, else --environment, else "production", the template's default.
//  - urgency (PagerDuty) is the severity; team_name becomes a "team:<name>" label.
//  - Labels are split on ',' and ';'. "NULL" (DevLake) is an empty value.
//  - A bad timestamp or duration, or a row without id, title or created_at, is an ImportError
//    "<file>:<line>: column <name>: …" (the line the row starts on).
#include "common/csv_reader.h"
#include "common/time_order.h"
#include "incidents/incident_formats.h"
#include "incidents/incident_values.h"

#include <QRegularExpression>

namespace faultline::importers::incidents {

namespace {

QStringList names(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* name : list)
        out << QString::fromLatin1(name);
    return out;
}

CsvColumns::Column column(const char* name, std::initializer_list<const char*> aliases, bool required = false)
{
    return { QString::fromLatin1(name), names(aliases), required };
}

const std::vector<CsvColumns::Column>& incidentColumns()
{
    static const std::vector<CsvColumns::Column> columns {
        column("incident_id", { "id", "issue_id", "incident_number", "issue_key", "key" }, true),
        column("display_key", { "incident_number", "issue_key", "key", "number", "reference" }),
        column("title", { "summary", "name", "message", "description" }, true),
        column("created_at",
               { "created_date", "created", "created_on", "createdAt", "opened_at", "detected_at" }, true),
        column("resolved_at",
               { "resolution_date", "resolutiondate", "resolved", "resolved_date", "resolvedAt" }),
        column("updated_at", { "updated", "updated_date", "updatedAt" }),
        column("acknowledged_at", { "acknowledged", "first_acknowledged_at" }),
        column("mitigated_at", {}),
        column("impact_started_at", { "impact_start", "impact_start_date", "impactStartDate" }),
        column("closed_at", { "closed", "closed_date" }),
        column("service", { "service_name", "component", "components", "component/s", "application" }),
        column("environment", { "env" }),
        column("severity", { "urgency", "sev" }),
        column("priority", { "priority_name" }),
        column("status", { "original_status", "state" }),
        column("caused_by_deployment_id", { "caused_by_deployment", "deployment_id" }),
        column("caused_by_commit_sha", { "caused_by_commit", "commit_sha" }),
        column("caused_by_change_url", { "caused_by_pr", "caused_by_change", "change_url", "pr_url" }),
        column("url", { "html_url", "link", "issue_url", "permalink" }),
        column("repository", { "repo", "repository_url" }),
        column("labels", { "tags", "label" }),
        column("team_name", { "team" }),
        column("type", { "original_type", "issue_type" }),
        column("seconds_to_resolve", {}),
        column("seconds_to_first_ack", {}),
    };
    return columns;
}

class IncidentCsvImport
{
public:
    IncidentCsvImport(const QString& path, FileImportContext& ctx)
        : m_ctx(ctx)
        , m_reader(path)
        , m_columns(m_reader, incidentColumns())
    { }

    void run()
    {
        std::int64_t rows = 0;
        while (auto row = m_reader.next()) {
            ++rows;
            importRow(*row);
            if (rows % 1000 == 0)
                m_ctx.progress(m_reader.bytesRead());
        }
        m_ctx.progress(m_reader.bytesRead());
        if (rows == 0)
            m_ctx.warn(QStringLiteral("empty"), m_reader.path(), 1, {},
                       QStringLiteral("the CSV file has a header but no incidents"));
        if (m_skipped.count() > 0)
            m_ctx.warn(QStringLiteral("skipped"), m_reader.path(), 0,
                       m_columns.headerName(QStringLiteral("type")), m_skipped.describe());
    }

private:
    QString value(const QStringList& row, const char* name) const
    {
        return m_columns.value(row, QString::fromLatin1(name));
    }

    [[noreturn]] void fail(const char* name, const QString& problem) const
    {
        m_reader.fail(
            m_reader.line(),
            QStringLiteral("column %1: %2").arg(m_columns.headerName(QString::fromLatin1(name)), problem));
    }

    QString required(const QStringList& row, const char* name, const char* what) const
    {
        const QString text = value(row, name);
        if (text.isEmpty())
            fail(name, QStringLiteral("expected %1, found nothing").arg(QString::fromLatin1(what)));
        return text;
    }

    std::optional<std::int64_t> timestamp(const QStringList& row, const char* name) const
    {
        const QString text = value(row, name);
        if (text.isEmpty())
            return std::nullopt;
        if (const auto ms = m_ctx.time().parse(text))
            return ms;
        fail(name,
             QStringLiteral("expected a timestamp (ISO 8601 with an offset, or epoch seconds or "
                            "milliseconds), found \"%1\"")
                 .arg(text));
    }

    std::optional<std::int64_t> seconds(const QStringList& row, const char* name) const
    {
        const QString text = value(row, name);
        if (text.isEmpty())
            return std::nullopt;
        const QByteArray utf8 = text.toUtf8();
        if (const auto ms = parseSecondsToMs(std::string_view(utf8.constData(), std::size_t(utf8.size()))))
            return ms;
        fail(name, QStringLiteral("expected a duration in seconds, found \"%1\"").arg(text));
    }

    // A time the incident tool stamped after created_at: refused more than the clock-skew tolerance
    // before it, kept with a warning within it.
    void checkOrder(std::int64_t createdAt, const char* laterName, std::optional<std::int64_t> later)
    {
        const QString laterColumn = m_columns.headerName(QString::fromLatin1(laterName));
        const TimeOrder order = TimeOrder::compare(m_columns.headerName(QStringLiteral("created_at")),
                                                   createdAt, laterColumn, later);
        if (order.refused())
            m_reader.fail(m_reader.line(), order.problem());
        if (order.skewed())
            m_ctx.warn(QStringLiteral("inconsistent"), m_reader.path(), m_reader.line(), laterColumn,
                       order.problem() + QStringLiteral(" (clock skew; kept as given)"));
    }

    void importRow(const QStringList& row)
    {
        if (m_columns.has(QStringLiteral("type"))) {
            const QString type = value(row, "type");
            if (!type.isEmpty() && !isIncidentIssueType(type)) {
                m_skipped.add(type);
                return;
            }
        }
        store::IncidentRecord i;
        i.provider = QStringLiteral("csv");
        i.externalId = required(row, "incident_id", "an incident id");
        i.displayKey = value(row, "display_key");
        i.title = required(row, "title", "a title");
        required(row, "created_at", "the time the incident was created or detected");
        i.createdAt = *timestamp(row, "created_at");
        i.resolvedAt = timestamp(row, "resolved_at");
        checkOrder(i.createdAt, "resolved_at", i.resolvedAt);
        if (!i.resolvedAt)
            i.resolvedAt = plusMs(i.createdAt, seconds(row, "seconds_to_resolve"));
        i.acknowledgedAt = timestamp(row, "acknowledged_at");
        checkOrder(i.createdAt, "acknowledged_at", i.acknowledgedAt);
        if (!i.acknowledgedAt)
            i.acknowledgedAt = plusMs(i.createdAt, seconds(row, "seconds_to_first_ack"));
        i.updatedAt = timestamp(row, "updated_at");
        // Mitigation and impact start are not compared with created_at: both may precede the
        // incident's record (impact starts before detection; a ticket may be opened afterwards).
        i.mitigatedAt = timestamp(row, "mitigated_at");
        i.impactStartedAt = timestamp(row, "impact_started_at");
        i.closedAt = timestamp(row, "closed_at");
        checkOrder(i.createdAt, "closed_at", i.closedAt);
        i.service = value(row, "service");
        i.environment = value(row, "environment");
        if (i.environment.isEmpty() && m_ctx.options().environment.isEmpty())
            i.environment = QStringLiteral("production");
        i.severity = value(row, "severity");
        i.priority = value(row, "priority");
        i.status = value(row, "status");
        i.causedByDeployment = value(row, "caused_by_deployment_id");
        i.causedByCommitSha = value(row, "caused_by_commit_sha").toLower();
        i.causedByPr = value(row, "caused_by_change_url");
        i.url = value(row, "url");
        i.repository = value(row, "repository");
        static const QRegularExpression separators(QStringLiteral("[,;]"));
        for (const QString& label : value(row, "labels").split(separators, Qt::SkipEmptyParts)) {
            if (!label.trimmed().isEmpty())
                i.labels << label.trimmed();
        }
        if (const QString team = value(row, "team_name"); !team.isEmpty())
            i.labels << QStringLiteral("team:") + team;
        storeIncident(i, m_ctx);
    }

    FileImportContext& m_ctx;
    CsvReader m_reader;
    CsvColumns m_columns;
    SkippedIssueTypes m_skipped;
};

} // namespace

void importIncidentCsv(const QString& path, FileImportContext& ctx)
{
    IncidentCsvImport(path, ctx).run();
}

} // namespace faultline::importers::incidents
