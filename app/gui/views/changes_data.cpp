#include "changes_data.h"

#include "gui/filter_state.h"
#include "store/sqlite_database.h"

namespace faultline::gui {

store::ChangeFilter changeFilterFor(const FilterState& filters, std::int64_t fromMs, std::int64_t toMs)
{
    store::ChangeFilter filter;
    filter.fromMs = fromMs;
    filter.toMs = toMs;
    filter.aiOnly = filters.segment == FilterState::AiSegment::Ai;
    filter.notAiOnly = filters.segment == FilterState::AiSegment::NotAi;
    return filter;
}

ChangesData loadChangesData(const store::SqliteDatabase& db, const store::ChangeFilter& filter)
{
    ChangesData data;
    data.workspacePath = db.path();
    data.filter = filter;
    data.firstPage = store::loadChangesPage(db, filter, std::nullopt, kChangesPageSize);
    data.total = int(data.firstPage.size()) < kChangesPageSize ? std::int64_t(data.firstPage.size())
                                                               : store::countChanges(db, filter);
    data.weeks = store::loadChangeWeeks(db, filter);
    data.aiTools = store::loadAiTools(db);
    data.authorNames = store::loadAuthorNames(db);
    return data;
}

} // namespace faultline::gui
