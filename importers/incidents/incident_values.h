#pragma once

#include "common/file_import.h"
#include "common/json_node.h"
#include "store/delivery_records.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace faultline::importers::incidents {

// What every incident format does last: the service and environment of the command for a record
// that names none, the repeat-incident fingerprint of its title, then the upsert.
void storeIncident(store::IncidentRecord& incident, FileImportContext& ctx);

// A timestamp the record cannot do without: absent, null or "" fails like a wrong-typed value.
std::int64_t requireTimestamp(const json::Node& node, const TimestampParser& parser);

// `base` plus a duration in milliseconds, when both are known.
std::optional<std::int64_t> plusMs(std::optional<std::int64_t> base, std::optional<std::int64_t> ms);

// The earlier / later of two optional times.
std::optional<std::int64_t> earliest(std::optional<std::int64_t> a, std::optional<std::int64_t> b);
std::optional<std::int64_t> latest(std::optional<std::int64_t> a, std::optional<std::int64_t> b);

// Issue trackers hold more than incidents: only the types Incident and Bug count (case-insensitive).
bool isIncidentIssueType(const QString& type);

// Issues left out for their type, counted per type for the one warning of a file.
class SkippedIssueTypes
{
public:
    void add(const QString& type);
    int count() const { return m_count; }
    // "11 issues are not incidents (Story: 2, Task: 9); only the issue types Incident and Bug are imported"
    QString describe() const;

private:
    QMap<QString, int> m_byType;
    int m_count = 0;
};

} // namespace faultline::importers::incidents
