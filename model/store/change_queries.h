#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::store {

class SqliteDatabase;

// Which commits the Changes view lists: authored in [fromMs, toMs), and optionally only AI-assisted
// ones, one AI tool, or those whose subject, sha or author contains `text`.
struct ChangeFilter
{
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
    QString text; // case-insensitive substring of subject, sha or author name
    QString aiTool; // empty: any (or none)
    bool aiOnly = false;
    bool notAiOnly = false; // the filter bar's "not AI-assisted" segment

    bool operator==(const ChangeFilter& other) const = default;
};

// One commit as the Changes view lists it, with the evidence that tagged it AI-assisted: the rule
// that matched, the field it matched in (trailer, message, note) and the matched text.
struct ChangeListRow
{
    std::int64_t id = 0;
    QString sha;
    QString repository;
    std::int64_t authoredAtMs = 0;
    QString authorName;
    QString subject;
    QString aiTool; // empty: not AI-assisted
    QString aiRule;
    QString aiField;
    QString aiEvidence;
    double aiShare = 0;
    std::int64_t addedLines = 0;
    std::int64_t deletedLines = 0;
    bool isMerge = false;
};

// Keyset paging position: rows come newest first, ordered by (authored_at, id) descending; the next
// page starts after the last row of the previous one (no OFFSET, so a deep page costs what the first does).
struct ChangeCursor
{
    std::int64_t authoredAtMs = 0;
    std::int64_t id = 0;
};

// Up to `limit` commits matching `filter` after `after` (from the newest when nullopt).
std::vector<ChangeListRow> loadChangesPage(const SqliteDatabase& db, const ChangeFilter& filter,
                                           const std::optional<ChangeCursor>& after, int limit);
std::int64_t countChanges(const SqliteDatabase& db, const ChangeFilter& filter);

// Commits per week of [fromMs, toMs) (week i = [from + i·7 d, …)), AI-assisted and not, of the rows
// `filter` selects.
struct ChangeWeekCounts
{
    std::int64_t weekStartMs = 0;
    std::int64_t aiAssisted = 0;
    std::int64_t notAiAssisted = 0;
};
std::vector<ChangeWeekCounts> loadChangeWeeks(const SqliteDatabase& db, const ChangeFilter& filter);

// The AI tools that tagged at least one commit, by name; and every author name (for stable aliases).
QStringList loadAiTools(const SqliteDatabase& db);
QStringList loadAuthorNames(const SqliteDatabase& db);

// What the details pane shows of one commit, each with the reason it belongs there.
struct ChangeDetailRow
{
    enum class Kind
    {
        File,
        Deployment,
        CiRun,
        Incident
    };
    Kind kind = Kind::File;
    std::int64_t id = 0; // deployment / run / incident id; 0 for files
    QString item; // "src/a.c", "shop production success", "github build #12 failure", "INC-3 …"
    std::int64_t atMs = 0; // deployment finished, run started, incident created; 0 for files
    QString reason; // why the row belongs to the commit
};
std::vector<ChangeDetailRow> loadChangeDetails(const SqliteDatabase& db, std::int64_t commitId);

} // namespace faultline::store
