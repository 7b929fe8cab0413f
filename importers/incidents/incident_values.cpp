#include "incident_values.h"

#include "common/fingerprint.h"

#include <algorithm>

namespace faultline::importers::incidents {

void storeIncident(store::IncidentRecord& incident, FileImportContext& ctx)
{
    if (incident.service.isEmpty())
        incident.service = ctx.options().service;
    if (incident.environment.isEmpty())
        incident.environment = ctx.options().environment;
    incident.fingerprint = normalizeForFingerprint(incident.title);
    ctx.writer().upsertIncident(incident);
}

std::int64_t requireTimestamp(const json::Node& node, const TimestampParser& parser)
{
    if (const auto ms = node.timestamp(parser))
        return *ms;
    node.fail("an ISO-8601 timestamp");
}

std::optional<std::int64_t> plusMs(std::optional<std::int64_t> base, std::optional<std::int64_t> ms)
{
    if (!base || !ms)
        return std::nullopt;
    return *base + *ms;
}

std::optional<std::int64_t> earliest(std::optional<std::int64_t> a, std::optional<std::int64_t> b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    return std::min(*a, *b);
}

std::optional<std::int64_t> latest(std::optional<std::int64_t> a, std::optional<std::int64_t> b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    return std::max(*a, *b);
}

bool isIncidentIssueType(const QString& type)
{
    return type.compare(QLatin1String("incident"), Qt::CaseInsensitive) == 0
        || type.compare(QLatin1String("bug"), Qt::CaseInsensitive) == 0;
}

void SkippedIssueTypes::add(const QString& type)
{
    ++m_byType[type.isEmpty() ? QStringLiteral("(no type)") : type];
    ++m_count;
}

QString SkippedIssueTypes::describe() const
{
    QStringList parts;
    for (auto it = m_byType.cbegin(); it != m_byType.cend(); ++it)
        parts << QStringLiteral("%1: %2").arg(it.key()).arg(it.value());
    const QString what = m_count == 1 ? QStringLiteral("issue is not an incident")
                                      : QStringLiteral("issues are not incidents");
    return QStringLiteral("%1 %2 (%3); only the issue types Incident and Bug are imported")
        .arg(QString::number(m_count), what, parts.join(QStringLiteral(", ")));
}

} // namespace faultline::importers::incidents
