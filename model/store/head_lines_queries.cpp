#include "store/head_lines_queries.h"

#include "store/sqlite_database.h"
#include "store/sqlite_statement.h"

namespace faultline::store {

std::map<QString, std::int64_t> loadHeadLinesByPath(const SqliteDatabase& db)
{
    std::map<QString, std::int64_t> out;
    auto st = db.prepare("SELECT path, SUM(line_count) FROM line_spans GROUP BY path");
    while (st.step())
        out[st.text(0)] += st.int64(1);
    return out;
}

} // namespace faultline::store
