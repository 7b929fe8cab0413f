// PagerDuty incident exports (FORMATS.md §7a): the REST API v2 incidents list page
// (`{"incidents": […], "limit", "offset", "more"}`), a bare array of incidents (as DevLake stores
// them, with `log_entries` and `alerts` embedded), a single incident (`{"incident": {…}}` or the
// object itself), JSON Lines or concatenated pages of any of these, and analytics raw incidents
// (`{"data": […]}` of `POST /analytics/raw/incidents`).
//
// Decisions worth knowing:
//  - Incidents and analytics records of one incident share its id, so both import as provider
//    "pagerduty" under that id and complete one row (the newer `updated_at` wins; analytics have none).
//  - urgency (high/low) is the severity; priority.summary (P1…) the priority; service.summary the
//    service, else --service.
//  - Acknowledged = the earliest acknowledgements[].at, else the earliest acknowledge_log_entry.
//    `acknowledgements` only lists the current acknowledgers, the log keeps every acknowledgement.
//  - Resolved = resolved_at (newer API), else the latest resolve_log_entry, else
//    last_status_change_at when the status is resolved: a resolved incident's last change is its
//    resolution. Log entries are listed newest first, so their order is not relied on.
//  - Analytics records have no status: "resolved" when they have a resolution time, else none.
//    Their resolution is resolved_at, else created_at + seconds_to_resolve; acknowledged is
//    created_at + seconds_to_first_ack; description (or title) is the title.
//  - Embedded alerts carry nothing an incident row keeps; they are not read.
//  - An empty page imports nothing and adds a warning: a quiet period is not an error.
#include "common/import_error.h"
#include "common/json_documents.h"
#include "common/time_order.h"
#include "incidents/incident_formats.h"
#include "incidents/incident_shapes.h"
#include "incidents/incident_values.h"

#include <cmath>
#include <initializer_list>
#include <string_view>

namespace faultline::importers::incidents {

namespace {

using json::Node;

const QString& provider()
{
    static const QString name = QStringLiteral("pagerduty");
    return name;
}

class PagerDutyImport
{
public:
    PagerDutyImport(const QString& path, FileImportContext& ctx)
        : m_ctx(ctx)
        , m_reader(path)
    { }

    void run()
    {
        while (auto root = m_reader.next()) {
            importRoot(*root);
            m_ctx.progress(m_reader.bytesRead());
        }
    }

private:
    void importRoot(const Node& root)
    {
        if (!root.isObject())
            return importList(root);
        if (root["incidents"].exists())
            return importList(root["incidents"]);
        if (root["incident"].exists())
            return importRecord(root["incident"]);
        if (root["data"].exists() && !isPagerDutyIncident(root))
            return importList(root["data"]);
        importRecord(root);
    }

    void importList(const Node& list)
    {
        if (!list.isArray())
            list.fail("an array of PagerDuty incidents");
        if (list.arraySize() == 0) {
            m_ctx.warn(QStringLiteral("empty"), list, QStringLiteral("no PagerDuty incidents to import"));
            return;
        }
        list.forEach([this](const Node& record) { importRecord(record); });
    }

    void importRecord(const Node& r)
    {
        if (isPagerDutyAnalytics(r))
            writeAnalytics(r);
        else if (isPagerDutyIncident(r))
            writeIncident(r);
        else
            r.fail("a PagerDuty incident (id, incident_number, title, status, urgency, created_at, …) or "
                   "analytics raw incident (id, incident_number, service_name, created_at, "
                   "seconds_to_resolve, …)");
        if (++m_records % 1000 == 0)
            m_ctx.progress(m_reader.bytesRead());
    }

    QString titleOf(const Node& r, std::initializer_list<std::string_view> keys) const
    {
        for (std::string_view key : keys) {
            const QString text = r[key].text().trimmed();
            if (!text.isEmpty())
                return text;
        }
        r[*keys.begin()].fail("a non-empty string (the incident's title)");
    }

    void writeIncident(const Node& r)
    {
        const TimestampParser& time = m_ctx.time();
        store::IncidentRecord i;
        i.provider = provider();
        i.externalId = r["id"].requireId();
        i.displayKey = r["incident_number"].id();
        i.title = titleOf(r, { "title", "summary" });
        i.status = r["status"].text();
        i.severity = r["urgency"].text();
        i.priority = r["priority"]["summary"].text();
        i.service = r["service"]["summary"].text();
        i.createdAt = requireTimestamp(r["created_at"], time);
        i.updatedAt = r["updated_at"].timestamp(time);
        i.url = r["html_url"].text();

        // Every acknowledgement and log entry is PagerDuty's stamp on this incident: each is checked
        // against its creation where it is, so a refusal names the entry.
        r["acknowledgements"].forEach([&](const Node& a) {
            const auto at = a["at"].timestamp(time);
            checkRecordTimes(m_ctx, a["at"], "created_at", i.createdAt, "at", at);
            i.acknowledgedAt = earliest(i.acknowledgedAt, at);
        });
        std::optional<std::int64_t> firstAckEntry;
        std::optional<std::int64_t> lastResolveEntry;
        r["log_entries"].forEach([&](const Node& entry) {
            const std::string_view type = entry["type"].view();
            if (type != "acknowledge_log_entry" && type != "resolve_log_entry")
                return;
            const auto at = entry["created_at"].timestamp(time);
            checkRecordTimes(m_ctx, entry["created_at"], "the incident's created_at", i.createdAt,
                             "created_at", at);
            if (type == "acknowledge_log_entry")
                firstAckEntry = earliest(firstAckEntry, at);
            else
                lastResolveEntry = latest(lastResolveEntry, at);
        });
        if (!i.acknowledgedAt)
            i.acknowledgedAt = firstAckEntry;

        i.resolvedAt = r["resolved_at"].timestamp(time);
        checkRecordTimes(m_ctx, r["resolved_at"], "created_at", i.createdAt, "resolved_at", i.resolvedAt);
        if (!i.resolvedAt)
            i.resolvedAt = lastResolveEntry;
        if (!i.resolvedAt && i.status == QLatin1String("resolved")) {
            i.resolvedAt = r["last_status_change_at"].timestamp(time);
            checkRecordTimes(m_ctx, r["last_status_change_at"], "created_at", i.createdAt,
                             "last_status_change_at", i.resolvedAt);
        }
        storeIncident(i, m_ctx);
    }

    // Analytics durations are whole or fractional seconds since created_at.
    static std::optional<std::int64_t> secondsToMs(const Node& node)
    {
        const auto seconds = node.number();
        if (!seconds)
            return std::nullopt;
        if (*seconds < 0 || !std::isfinite(*seconds))
            node.fail("a duration in seconds (zero or more)");
        return std::llround(*seconds * 1000.0);
    }

    void writeAnalytics(const Node& r)
    {
        const TimestampParser& time = m_ctx.time();
        store::IncidentRecord i;
        i.provider = provider();
        i.externalId = r["id"].requireId();
        i.displayKey = r["incident_number"].id();
        i.title = titleOf(r, { "description", "title", "summary" });
        i.severity = r["urgency"].text();
        i.priority = r["priority_name"].text();
        i.service = r["service_name"].text();
        i.createdAt = requireTimestamp(r["created_at"], time);
        i.acknowledgedAt = plusMs(i.createdAt, secondsToMs(r["seconds_to_first_ack"]));
        i.resolvedAt = r["resolved_at"].timestamp(time);
        checkRecordTimes(m_ctx, r["resolved_at"], "created_at", i.createdAt, "resolved_at", i.resolvedAt);
        if (!i.resolvedAt)
            i.resolvedAt = plusMs(i.createdAt, secondsToMs(r["seconds_to_resolve"]));
        if (i.resolvedAt)
            i.status = QStringLiteral("resolved");
        const QString team = r["team_name"].text();
        if (!team.isEmpty())
            i.labels << QStringLiteral("team:") + team;
        storeIncident(i, m_ctx);
    }

    FileImportContext& m_ctx;
    json::JsonDocumentReader m_reader;
    std::int64_t m_records = 0;
};

} // namespace

void importPagerDuty(const QString& path, FileImportContext& ctx)
{
    PagerDutyImport(path, ctx).run();
}

} // namespace faultline::importers::incidents
