// Opsgenie exports (FORMATS.md §7b): alerts (`GET /v2/alerts`) and incidents (`GET /v1/incidents`),
// each as a `{"data": […]}` page, `{"data": {…}}` of a single get, a bare array (as DevLake stores
// them), or JSON Lines / concatenated pages. Alerts and incidents may be mixed; each record is told
// apart by its fields (incidents have impact dates, impactedServices, links, ownerTeam).
//
// Decisions worth knowing:
//  - Both import as provider "opsgenie" under their id (UUIDs, never shared between an alert and
//    an incident); tinyId is the display key; message the title; P1…P5 the priority (Opsgenie has no
//    separate severity); tags the labels.
//  - Service: --service first, because Opsgenie names services only by id (impactedServices); else
//    a tag "service:<name>" or "service=<name>"; else the first impactedServices id.
//  - Alerts: report.ackTime and report.closeTime are milliseconds since createdAt. A closed alert is
//    resolved (and closed) at createdAt + closeTime; without closeTime its updatedAt stands in, the
//    last change of a closed alert being its closing.
//  - Incidents: impactStartDate is the impact start, impactEndDate the resolution; a resolved or
//    closed incident without impactEndDate is resolved at its updatedAt, for the same reason.
//  - An empty page imports nothing and adds a warning.
#include "common/import_error.h"
#include "common/json_documents.h"
#include "common/time_order.h"
#include "incidents/incident_formats.h"
#include "incidents/incident_shapes.h"
#include "incidents/incident_values.h"

namespace faultline::importers::incidents {

namespace {

using json::Node;

const QString& provider()
{
    static const QString name = QStringLiteral("opsgenie");
    return name;
}

// "service:checkout", "Service=checkout" → "checkout".
QString serviceFromTag(const QString& tag)
{
    if (!tag.startsWith(QLatin1String("service"), Qt::CaseInsensitive) || tag.size() <= 8)
        return {};
    const QChar separator = tag.at(7);
    if (separator != QLatin1Char(':') && separator != QLatin1Char('='))
        return {};
    return tag.mid(8).trimmed();
}

class OpsgenieImport
{
public:
    OpsgenieImport(const QString& path, FileImportContext& ctx)
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
        if (root.isObject() && root["data"].exists() && !isOpsgenieRecord(root)) {
            if (root["data"].isObject())
                return importRecord(root["data"]);
            return importList(root["data"]);
        }
        if (root.isArray())
            return importList(root);
        importRecord(root);
    }

    void importList(const Node& list)
    {
        if (!list.isArray())
            list.fail("an array of Opsgenie alerts or incidents");
        if (list.arraySize() == 0) {
            m_ctx.warn(QStringLiteral("empty"), list,
                       QStringLiteral("no Opsgenie alerts or incidents to import"));
            return;
        }
        list.forEach([this](const Node& record) { importRecord(record); });
    }

    void importRecord(const Node& r)
    {
        if (!isOpsgenieRecord(r))
            r.fail("an Opsgenie alert (id, tinyId, alias, message, status, createdAt, report, …) or incident "
                   "(id, tinyId, message, status, createdAt, impactStartDate, impactedServices, …)");
        store::IncidentRecord i = common(r);
        if (isOpsgenieIncident(r))
            completeIncident(r, i);
        else
            completeAlert(r, i);
        storeIncident(i, m_ctx);
        if (++m_records % 1000 == 0)
            m_ctx.progress(m_reader.bytesRead());
    }

    store::IncidentRecord common(const Node& r) const
    {
        const TimestampParser& time = m_ctx.time();
        store::IncidentRecord i;
        i.provider = provider();
        i.externalId = r["id"].requireId();
        i.displayKey = r["tinyId"].id();
        i.title = r["message"].requireText().trimmed();
        if (i.title.isEmpty())
            r["message"].fail("a non-empty string (the title)");
        i.status = r["status"].text();
        i.priority = r["priority"].text();
        i.createdAt = requireTimestamp(r["createdAt"], time);
        i.updatedAt = r["updatedAt"].timestamp(time);
        r["tags"].forEach([&i](const Node& tag) { i.labels << tag.requireText(); });
        i.service = m_ctx.options().service;
        for (const QString& tag : std::as_const(i.labels)) {
            if (!i.service.isEmpty())
                break;
            i.service = serviceFromTag(tag);
        }
        return i;
    }

    void completeAlert(const Node& r, store::IncidentRecord& i) const
    {
        const Node report = r["report"];
        i.acknowledgedAt = plusMs(i.createdAt, sinceCreation(report["ackTime"], "report.ackTime"));
        if (i.status == QLatin1String("closed")) {
            i.resolvedAt = plusMs(i.createdAt, sinceCreation(report["closeTime"], "report.closeTime"));
            if (!i.resolvedAt) {
                i.resolvedAt = i.updatedAt;
                checkRecordTimes(m_ctx, r["updatedAt"], "createdAt", i.createdAt, "updatedAt", i.resolvedAt);
            }
            i.closedAt = i.resolvedAt;
        }
    }

    // report.ackTime / closeTime: milliseconds since createdAt. A negative one is no time (with a
    // warning) within the clock-skew tolerance, and refused beyond it.
    std::optional<std::int64_t> sinceCreation(const Node& node, const char* field) const
    {
        const auto ms = node.integer();
        return checkDuration(node, QString::fromLatin1(field), ms, QString::number(ms.value_or(0)),
                             [&](const QString& problem) {
                                 m_ctx.warn(QStringLiteral("inconsistent"), node,
                                            problem + QStringLiteral("; no time recorded"));
                             });
    }

    void completeIncident(const Node& r, store::IncidentRecord& i) const
    {
        const TimestampParser& time = m_ctx.time();
        i.impactStartedAt = r["impactStartDate"].timestamp(time);
        i.resolvedAt = r["impactEndDate"].timestamp(time);
        // The impact end is compared with the impact start only: an incident may be opened after
        // its impact ended (a postmortem), so its creation says nothing about the end.
        checkRecordTimes(m_ctx, r["impactEndDate"], "impactStartDate", i.impactStartedAt, "impactEndDate",
                         i.resolvedAt);
        if (!i.resolvedAt && (i.status == QLatin1String("resolved") || i.status == QLatin1String("closed"))) {
            i.resolvedAt = i.updatedAt;
            checkRecordTimes(m_ctx, r["updatedAt"], "createdAt", i.createdAt, "updatedAt", i.resolvedAt);
        }
        i.url = r["links"]["web"].text();
        r["impactedServices"].forEach([&i](const Node& service) {
            if (i.service.isEmpty())
                i.service = service.id();
        });
    }

    FileImportContext& m_ctx;
    json::JsonDocumentReader m_reader;
    std::int64_t m_records = 0;
};

} // namespace

void importOpsgenie(const QString& path, FileImportContext& ctx)
{
    OpsgenieImport(path, ctx).run();
}

} // namespace faultline::importers::incidents
