#pragma once

#include <QString>

#include <cstdint>
#include <initializer_list>
#include <optional>

namespace faultline::importers::ci {

// Time arithmetic over fields an export may lack: a missing operand gives a missing result.
std::optional<std::int64_t> latest(std::initializer_list<std::optional<std::int64_t>> values);
std::optional<std::int64_t> sum(const std::optional<std::int64_t>& a, const std::optional<std::int64_t>& b);
std::optional<std::int64_t> between(const std::optional<std::int64_t>& from,
                                    const std::optional<std::int64_t>& to);

// The text of a CI failure's fingerprint (METRICS.md "Repeat incidents"): the job or step name and
// its first error line, normalised; empty when there is no error line.
QString ciFailureFingerprint(const QString& name, const QString& errorLine);

} // namespace faultline::importers::ci
