#pragma once

#include "store/change_queries.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace faultline::store {
class SqliteDatabase;
}

namespace faultline::gui {

struct FilterState;

// What the Changes view needs beyond the metrics report, loaded with it off the GUI thread: the
// first page of commits of the filter bar's period and segment, their count and weekly split, and the
// choices of the view's own filters. Later pages are read by the view's model as it scrolls.
struct ChangesData
{
    QString workspacePath; // where later pages come from
    store::ChangeFilter filter; // the filter bar's part (period, segment); the view adds its own
    std::vector<store::ChangeListRow> firstPage;
    std::int64_t total = 0;
    std::vector<store::ChangeWeekCounts> weeks;
    QStringList aiTools;
    QStringList authorNames; // every author, for aliases that do not depend on the page
};

inline constexpr int kChangesPageSize = 200;

// The filter bar's state as a commit filter over [fromMs, toMs).
store::ChangeFilter changeFilterFor(const FilterState& filters, std::int64_t fromMs, std::int64_t toMs);
ChangesData loadChangesData(const store::SqliteDatabase& db, const store::ChangeFilter& filter);

} // namespace faultline::gui
