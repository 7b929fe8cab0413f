#include "incident_shapes.h"

#include "common/csv_reader.h"
#include "common/import_error.h"
#include "common/json_documents.h"
#include "common/text_encoding.h"

#include <QFile>

#include <initializer_list>
#include <string_view>

namespace faultline::importers::incidents {

namespace {

constexpr qint64 kHeadBytes = 64 * 1024;

bool has(const json::Node& r, std::string_view key)
{
    return r.isObject() && r[key].exists();
}

bool hasAny(const json::Node& r, std::initializer_list<std::string_view> keys)
{
    for (std::string_view key : keys)
        if (has(r, key))
            return true;
    return false;
}

bool textIs(const json::Node& node, std::string_view value)
{
    return node.isString() && node.view() == value;
}

// "an object with fields id, sha, ref, …" for the message about a JSON file of another kind.
QString describe(const json::Node& root)
{
    auto fieldsOf = [](const json::Node& object) {
        QStringList names;
        object.forEachField([&names](std::string_view key, const json::Node&) {
            if (names.size() < 8)
                names << QString::fromUtf8(key.data(), qsizetype(key.size()));
            else if (names.size() == 8)
                names << QStringLiteral("…");
        });
        return names.isEmpty() ? QStringLiteral("no fields")
                               : QStringLiteral("fields ") + names.join(QStringLiteral(", "));
    };
    if (root.isObject())
        return QStringLiteral("found an object with ") + fieldsOf(root);
    if (!root.isArray())
        return QStringLiteral("found a JSON value that is neither an object nor an array");
    const auto first = root.first();
    if (!first)
        return QStringLiteral("found an empty array (nothing tells which export it is; pass --format)");
    if (first->isObject())
        return QStringLiteral("found an array of objects with ") + fieldsOf(*first);
    return QStringLiteral("found an array of values that are not objects");
}

std::optional<QString> formatOfRecord(const json::Node& r)
{
    if (isPagerDutyAnalytics(r) || isPagerDutyIncident(r))
        return QStringLiteral("pagerduty");
    if (isOpsgenieRecord(r))
        return QStringLiteral("opsgenie");
    if (isJiraIssue(r))
        return QStringLiteral("jira");
    return std::nullopt;
}

} // namespace

bool isPagerDutyIncident(const json::Node& r)
{
    if (!has(r, "incident_number") || !has(r, "id"))
        return false;
    return textIs(r["type"], "incident")
        || hasAny(r,
                  { "escalation_policy", "first_trigger_log_entry", "last_status_change_at", "incident_key",
                    "acknowledgements", "assignments", "log_entries" });
}

bool isPagerDutyAnalytics(const json::Node& r)
{
    return hasAny(
               r,
               { "seconds_to_resolve", "seconds_to_first_ack", "seconds_to_engage", "seconds_to_mobilize" })
        || (has(r, "incident_number") && hasAny(r, { "service_name", "priority_name", "team_name" }));
}

bool isOpsgenieRecord(const json::Node& r)
{
    return has(r, "tinyId") && has(r, "message");
}

bool isOpsgenieIncident(const json::Node& r)
{
    return hasAny(
        r,
        { "impactedServices", "impactStartDate", "impactEndDate", "links", "ownerTeam", "extraProperties" });
}

bool isJiraIssue(const json::Node& r)
{
    return has(r, "key") && r["fields"].isObject();
}

std::optional<QString> detectJsonFormat(const json::Node& root)
{
    if (root.isObject()) {
        if (root["incidents"].isArray()) {
            const auto first = root["incidents"].first();
            if (first ? isPagerDutyIncident(*first) : hasAny(root, { "limit", "offset", "more", "total" }))
                return QStringLiteral("pagerduty");
            return std::nullopt;
        }
        if (isPagerDutyIncident(root["incident"]))
            return QStringLiteral("pagerduty");
        if (root["issues"].isArray()) {
            const auto first = root["issues"].first();
            if (first ? isJiraIssue(*first)
                      : hasAny(root, { "startAt", "maxResults", "total", "isLast", "nextPageToken" }))
                return QStringLiteral("jira");
            return std::nullopt;
        }
        const json::Node data = root["data"];
        if (data.isArray() || data.isObject()) {
            if (const auto first = data.first())
                return formatOfRecord(*first);
            // An empty page still says whose it is by its envelope.
            if (hasAny(root, { "took", "requestId" }))
                return QStringLiteral("opsgenie");
            if (hasAny(root, { "aggregate_unit", "filters", "starting_after", "ending_before", "time_zone" }))
                return QStringLiteral("pagerduty");
            return std::nullopt;
        }
    }
    const auto record = root.first();
    if (!record)
        return std::nullopt;
    return formatOfRecord(*record);
}

QString detectIncidentFormat(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    const QByteArray head = file.read(kHeadBytes);
    file.close();
    if (head.trimmed().isEmpty())
        throw ImportError(QStringLiteral("%1: the file is empty; expected an incident export").arg(path));
    refuseUtf16(path, head);
    if (json::JsonDocumentReader::looksLikeJson(head)) {
        json::JsonDocumentReader reader(path);
        const auto root = reader.next();
        if (!root)
            throw ImportError(
                QStringLiteral("%1: the file holds no JSON document; expected an incident export").arg(path));
        if (auto format = detectJsonFormat(*root))
            return *format;
        throw ImportError(
            QStringLiteral(
                "%1:1: not an incident export: expected PagerDuty incidents (incidents API or analytics), "
                "Opsgenie alerts or incidents, or a Jira search response or issue; %2")
                .arg(path, describe(*root)));
    }
    if (CsvReader::looksLikeCsv(head))
        return QStringLiteral("csv");
    throw ImportError(
        QStringLiteral(
            "%1:1: not an incident export: expected JSON (PagerDuty, Opsgenie, Jira) or a CSV file "
            "with a header row")
            .arg(path));
}

} // namespace faultline::importers::incidents
