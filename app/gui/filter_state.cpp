#include "filter_state.h"

#include <QDateTime>
#include <QJsonArray>
#include <QObject>
#include <QTimeZone>

#include <tuple>

namespace faultline::gui {

namespace {

constexpr std::int64_t kDayMs = 86400LL * 1000;

std::int64_t startOfDay(const QDate& date)
{
    return QDateTime(date, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

QDate dayOf(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).date();
}

constexpr std::pair<FilterState::Range, const char*> kRangeKeys[] = {
    { FilterState::Range::Days30, "30d" },    { FilterState::Range::Days90, "90d" },
    { FilterState::Range::Days180, "180d" },  { FilterState::Range::Quarter, "quarter" },
    { FilterState::Range::Custom, "custom" },
};
constexpr std::pair<FilterState::AiSegment, const char*> kSegmentKeys[] = {
    { FilterState::AiSegment::All, "all" },
    { FilterState::AiSegment::Ai, "ai" },
    { FilterState::AiSegment::NotAi, "not_ai" },
    { FilterState::AiSegment::SideBySide, "side_by_side" },
};

} // namespace

std::pair<std::int64_t, std::int64_t> FilterState::period(std::int64_t anchorMs) const
{
    switch (range) {
    case Range::Days30:
        return { anchorMs - 30 * kDayMs, anchorMs };
    case Range::Days180:
        return { anchorMs - 180 * kDayMs, anchorMs };
    case Range::Quarter: {
        const QDate last = dayOf(anchorMs - 1);
        const QDate first(last.year(), (last.month() - 1) / 3 * 3 + 1, 1);
        return { startOfDay(first), startOfDay(first.addMonths(3)) };
    }
    case Range::Custom:
        if (customFrom.isValid() && customTo.isValid() && customFrom <= customTo)
            return { startOfDay(customFrom), startOfDay(customTo) + kDayMs };
        break;
    case Range::Days90:
        break;
    }
    return { anchorMs - 90 * kDayMs, anchorMs };
}

metrics::MetricsOptions FilterState::options(std::int64_t anchorMs) const
{
    metrics::MetricsOptions o;
    std::tie(o.fromMs, o.toMs) = period(anchorMs);
    o.services = services;
    o.environmentRule = environmentRule;
    return o;
}

metrics::Segment FilterState::headlineSegment() const
{
    switch (segment) {
    case AiSegment::Ai:
        return metrics::Segment::Ai;
    case AiSegment::NotAi:
        return metrics::Segment::NotAi;
    case AiSegment::All:
    case AiSegment::SideBySide:
        break;
    }
    return metrics::Segment::All;
}

QJsonObject FilterState::toJson() const
{
    QJsonObject json;
    for (const auto& [value, key] : kRangeKeys)
        if (value == range)
            json.insert(QStringLiteral("range"), QLatin1String(key));
    if (range == Range::Custom) {
        json.insert(QStringLiteral("from"), customFrom.toString(Qt::ISODate));
        json.insert(QStringLiteral("to"), customTo.toString(Qt::ISODate));
    }
    json.insert(QStringLiteral("services"), QJsonArray::fromStringList(services));
    json.insert(QStringLiteral("environment_rule"), environmentRule);
    for (const auto& [value, key] : kSegmentKeys)
        if (value == segment)
            json.insert(QStringLiteral("segment"), QLatin1String(key));
    return json;
}

FilterState FilterState::fromJson(const QJsonObject& json)
{
    FilterState f;
    const QString rangeKey = json.value(QStringLiteral("range")).toString();
    for (const auto& [value, key] : kRangeKeys)
        if (rangeKey == QLatin1String(key))
            f.range = value;
    f.customFrom = QDate::fromString(json.value(QStringLiteral("from")).toString(), Qt::ISODate);
    f.customTo = QDate::fromString(json.value(QStringLiteral("to")).toString(), Qt::ISODate);
    if (f.range != Range::Custom)
        f.customFrom = f.customTo = QDate();
    const QJsonArray services = json.value(QStringLiteral("services")).toArray();
    for (const QJsonValue& service : services)
        if (service.isString())
            f.services << service.toString();
    f.environmentRule = json.value(QStringLiteral("environment_rule")).toString();
    const QString segmentKey = json.value(QStringLiteral("segment")).toString();
    for (const auto& [value, key] : kSegmentKeys)
        if (segmentKey == QLatin1String(key))
            f.segment = value;
    return f;
}

QString FilterState::rangeLabel(Range range)
{
    switch (range) {
    case Range::Days30:
        return QObject::tr("Last 30 days");
    case Range::Days90:
        return QObject::tr("Last 90 days");
    case Range::Days180:
        return QObject::tr("Last 180 days");
    case Range::Quarter:
        return QObject::tr("Quarter");
    case Range::Custom:
        break;
    }
    return QObject::tr("Custom…");
}

QString FilterState::segmentLabel(AiSegment segment)
{
    switch (segment) {
    case AiSegment::All:
        return QObject::tr("All changes");
    case AiSegment::Ai:
        return QObject::tr("AI-assisted");
    case AiSegment::NotAi:
        return QObject::tr("Not AI-assisted");
    case AiSegment::SideBySide:
        break;
    }
    return QObject::tr("AI-assisted vs not");
}

QString FilterState::describe(std::int64_t anchorMs) const
{
    const auto [from, to] = period(anchorMs);
    QString text = (range == Range::Custom ? QObject::tr("Custom") : rangeLabel(range)) + QStringLiteral(": ")
        + dayOf(from).toString(Qt::ISODate) + QStringLiteral(" – ") + dayOf(to - 1).toString(Qt::ISODate);
    text += QStringLiteral(" · ")
        + (services.isEmpty()         ? QObject::tr("all services")
               : services.size() == 1 ? services.front()
                                      : QObject::tr("%1 services").arg(services.size()));
    if (!environmentRule.isEmpty())
        text += QStringLiteral(" · ") + QObject::tr("environment %1").arg(environmentRule);
    return text + QStringLiteral(" · ") + segmentLabel(segment);
}

} // namespace faultline::gui
