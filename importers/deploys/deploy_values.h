#pragma once

#include "common/file_import.h"

#include <QString>

#include <cstdint>
#include <initializer_list>
#include <optional>

namespace faultline::importers::deploys {

// A full git commit id (40 hex digits, or 64 for SHA-256 repositories), in any case.
bool isFullCommitSha(const QString& text);
// An abbreviated or full commit id: 7 to 64 hex digits.
bool isCommitSha(const QString& text);

// The last non-empty segment of a path or URL ("merico-dev/ee/vdev.co" → "vdev.co"), without ".git".
QString lastSegment(const QString& pathOrUrl);

// The latest of the given times; nullopt when none is known. Exports without an `updated_at` of their
// own use the latest of their timestamps, so that an older export never overwrites a newer state.
std::optional<std::int64_t> latestOf(std::initializer_list<std::optional<std::int64_t>> values);

// Adds an "unknown-value" warning for a status value outside the source's documented set: the
// record is kept with status unknown (exports may carry values of newer versions or test edits).
void warnUnknownStatus(FileImportContext& ctx, const json::Node& node, const QString& value,
                       const QString& expected);

// How many records between progress reports.
inline constexpr int kProgressEvery = 500;

} // namespace faultline::importers::deploys
