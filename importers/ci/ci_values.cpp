#include "ci_values.h"

#include "common/fingerprint.h"

namespace faultline::importers::ci {

std::optional<std::int64_t> latest(std::initializer_list<std::optional<std::int64_t>> values)
{
    std::optional<std::int64_t> result;
    for (const auto& value : values) {
        if (value && (!result || *value > *result))
            result = value;
    }
    return result;
}

std::optional<std::int64_t> sum(const std::optional<std::int64_t>& a, const std::optional<std::int64_t>& b)
{
    if (!a || !b)
        return std::nullopt;
    return *a + *b;
}

std::optional<std::int64_t> between(const std::optional<std::int64_t>& from,
                                    const std::optional<std::int64_t>& to)
{
    if (!from || !to)
        return std::nullopt;
    return *to - *from;
}

QString ciFailureFingerprint(const QString& name, const QString& errorLine)
{
    if (errorLine.isEmpty())
        return {};
    return normalizeForFingerprint(QString(name + QLatin1String(": ") + errorLine));
}

} // namespace faultline::importers::ci
