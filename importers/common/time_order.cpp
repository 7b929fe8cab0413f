#include "common/time_order.h"

#include "common/file_import.h"
#include "common/import_error.h"
#include "common/json_node.h"
#include "common/timestamp_parser.h"

#include <QStringList>

#include <limits>

namespace faultline::importers {

namespace {

QString unit(std::int64_t count, const char* one, const char* many)
{
    return QString::number(count) + QLatin1Char(' ') + QLatin1String(count == 1 ? one : many);
}

// to − from for to ≥ from, saturated: millisecond values (Jenkins, durations) are not range-checked,
// and a garbled one must not overflow.
std::int64_t distance(std::int64_t from, std::int64_t to)
{
    const std::uint64_t span = std::uint64_t(to) - std::uint64_t(from);
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    return span > std::uint64_t(max) ? max : std::int64_t(span);
}

QString toleranceText()
{
    return QString::number(kClockSkewToleranceMs / 3'600'000) + QStringLiteral(" h");
}

} // namespace

QString describeSpan(std::int64_t ms)
{
    const std::int64_t days = ms / 86'400'000;
    const std::int64_t hours = ms / 3'600'000 % 24;
    const std::int64_t minutes = ms / 60'000 % 60;
    const std::int64_t millis = ms % 60'000;
    QStringList parts;
    if (days > 0)
        parts << unit(days, "day", "days");
    if (hours > 0)
        parts << QString::number(hours) + QStringLiteral(" h");
    if (minutes > 0)
        parts << QString::number(minutes) + QStringLiteral(" min");
    if (millis > 0 || parts.isEmpty())
        parts << QString::number(double(millis) / 1000.0) + QStringLiteral(" s");
    // Two units are precise enough for a person; a day-long skew needs no seconds.
    while (parts.size() > 2)
        parts.removeLast();
    return parts.join(QLatin1Char(' '));
}

TimeOrder TimeOrder::compare(const QString& earlierField, std::optional<std::int64_t> earlier,
                             const QString& laterField, std::optional<std::int64_t> later)
{
    TimeOrder result;
    if (!earlier || !later || *later >= *earlier)
        return result;
    const std::int64_t back = distance(*later, *earlier);
    result.m_problem
        = QStringLiteral("%1 %2 is %3 before %4 %5")
              .arg(laterField, formatUtc(*later), describeSpan(back), earlierField, formatUtc(*earlier));
    if (back <= kClockSkewToleranceMs) {
        result.m_kind = Kind::Skewed;
        return result;
    }
    result.m_kind = Kind::Refused;
    result.m_problem
        += QStringLiteral("; expected a time at most %1 before it (clock skew)").arg(toleranceText());
    return result;
}

TimeOrder TimeOrder::compare(const char* earlierField, std::optional<std::int64_t> earlier,
                             const char* laterField, std::optional<std::int64_t> later)
{
    return compare(QString::fromLatin1(earlierField), earlier, QString::fromLatin1(laterField), later);
}

TimeOrder TimeOrder::duration(const QString& field, std::optional<std::int64_t> ms, const QString& valueText)
{
    TimeOrder result;
    if (!ms || *ms >= 0)
        return result;
    const std::int64_t back = distance(*ms, 0);
    result.m_problem
        = QStringLiteral("%1 %2 is negative (%3 backwards)").arg(field, valueText, describeSpan(back));
    if (back <= kClockSkewToleranceMs) {
        result.m_kind = Kind::Skewed;
        return result;
    }
    result.m_kind = Kind::Refused;
    result.m_problem
        += QStringLiteral("; expected a duration of at least -%1 (clock skew)").arg(toleranceText());
    return result;
}

TimeOrder checkTimeOrder(const json::Node& at, const char* earlierField, std::optional<std::int64_t> earlier,
                         const char* laterField, std::optional<std::int64_t> later)
{
    TimeOrder order = TimeOrder::compare(earlierField, earlier, laterField, later);
    if (order.refused())
        throw ImportError(at.describe(order.problem()));
    return order;
}

std::optional<std::int64_t> checkDuration(const json::Node& node, const QString& field,
                                          std::optional<std::int64_t> ms, const QString& valueText,
                                          const std::function<void(const QString&)>& warn)
{
    const TimeOrder order = TimeOrder::duration(field, ms, valueText);
    if (order.refused())
        throw ImportError(node.describe(order.problem()));
    if (order.skewed()) {
        warn(order.problem());
        return std::nullopt;
    }
    return ms;
}

void checkRecordTimes(FileImportContext& ctx, const json::Node& at, const char* earlierField,
                      std::optional<std::int64_t> earlier, const char* laterField,
                      std::optional<std::int64_t> later)
{
    const TimeOrder order = checkTimeOrder(at, earlierField, earlier, laterField, later);
    if (order.skewed())
        ctx.warn(QStringLiteral("inconsistent"), at,
                 order.problem() + QStringLiteral(" (clock skew; kept as given)"));
}

} // namespace faultline::importers
