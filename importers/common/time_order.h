#pragma once

#include <QString>

#include <cstdint>
#include <functional>
#include <optional>

namespace faultline::importers {

class FileImportContext;
namespace json {
class Node;
}

// How far a later time of one object (finished vs started, resolved vs created, merged vs
// created…) may lie before its earlier time before the import refuses the record. Real exports do
// run backwards a little: whole-second stamps of two services disagree by a second or two, CircleCI
// stopped a workflow 45 s before it was created, and a value without a zone read in the wrong zone
// is off by up to 14 h. More than a day backwards is no clock skew but a broken export or a
// swapped column, and its metrics (negative lead and restore times) would be nonsense.
inline constexpr std::int64_t kClockSkewToleranceMs = 24LL * 60 * 60 * 1000;

// The verdict on one pair of times (or one explicit duration) of the same object, by the same clock.
class TimeOrder
{
public:
    enum class Kind
    {
        InOrder, // in order, or a value missing
        Skewed, // backwards by at most the tolerance: the caller keeps its handling (clamp, or no
                // duration and a warning)
        Refused, // backwards by more than the tolerance: the caller throws problem() at its position
    };

    // `later` (e.g. "resolved_at") should not lie before `earlier` (e.g. "created_at").
    static TimeOrder compare(const QString& earlierField, std::optional<std::int64_t> earlier,
                             const QString& laterField, std::optional<std::int64_t> later);
    static TimeOrder compare(const char* earlierField, std::optional<std::int64_t> earlier,
                             const char* laterField, std::optional<std::int64_t> later);
    // An explicit duration field (GitLab `duration`, Jenkins `durationMillis`…) in milliseconds;
    // `valueText` is the value as the file writes it.
    static TimeOrder duration(const QString& field, std::optional<std::int64_t> ms, const QString& valueText);

    Kind kind() const { return m_kind; }
    bool inOrder() const { return m_kind == Kind::InOrder; }
    bool skewed() const { return m_kind == Kind::Skewed; }
    bool refused() const { return m_kind == Kind::Refused; }
    // Without the position, which the caller adds:
    //  refused: "resolved_at 2024-03-01T10:00:00Z is 3 days before created_at 2024-03-04T10:00:00Z;
    //            expected a time at most 24 h before it (clock skew)";
    //  skewed:  "resolved_at 2024-03-04T09:59:15Z is 45 s before created_at 2024-03-04T10:00:00Z".
    QString problem() const { return m_problem; }

private:
    Kind m_kind = Kind::InOrder;
    QString m_problem;
};

// TimeOrder::compare for a JSON record: a refusal throws ImportError at `at`, the later time's node
// (its file, line and path, e.g. "runs.json:1: $[3].resolved_at: resolved_at … is 3 days before created_at
// …"); any other verdict is returned for the caller's handling.
TimeOrder checkTimeOrder(const json::Node& at, const char* earlierField, std::optional<std::int64_t> earlier,
                         const char* laterField, std::optional<std::int64_t> later);

// An explicit duration field read from `node` (its `field` name and `valueText` for the message): a
// value more than the tolerance below zero throws ImportError at `node`; a smaller negative one is
// passed to `warn` (the problem text) and gives no duration; any other value is returned as is.
std::optional<std::int64_t> checkDuration(const json::Node& node, const QString& field,
                                          std::optional<std::int64_t> ms, const QString& valueText,
                                          const std::function<void(const QString&)>& warn);

// checkTimeOrder for the records of `import deploys|incidents|prs`, which keep times, not durations:
// a skew is kept as given (metrics see the small negative span) with an "inconsistent" warning at `at`.
void checkRecordTimes(FileImportContext& ctx, const json::Node& at, const char* earlierField,
                      std::optional<std::int64_t> earlier, const char* laterField,
                      std::optional<std::int64_t> later);

// A span of milliseconds for people: "3 days", "1 day 2 h", "45 s", "1.5 s".
QString describeSpan(std::int64_t ms);

} // namespace faultline::importers
