#include "store/rework_queries.h"

#include "store/sqlite_database.h"
#include "store/sqlite_statement.h"
#include "store/text_pool.h"

#include <limits>

namespace faultline::store {

namespace {

// The author-time window as a SQL condition on commits alias `c`; an unbound end is the extreme value
// rather than "?1 IS NULL OR …", which would keep SQLite from using the index on author time.
constexpr const char* kWindow = "c.authored_at >= ?1 AND c.authored_at < ?2";

void bindWindow(SqliteStatement& st, std::optional<std::int64_t> fromMs, std::optional<std::int64_t> toMs)
{
    st.bind(1, fromMs.value_or(std::numeric_limits<std::int64_t>::min()))
        .bind(2, toMs.value_or(std::numeric_limits<std::int64_t>::max()));
}

} // namespace

ReworkFacts loadReworkFacts(const SqliteDatabase& db, std::optional<std::int64_t> fromMs,
                            std::optional<std::int64_t> toMs)
{
    ReworkFacts facts;
    TextPool paths;
    {
        auto st = db.prepare("SELECT id, name FROM repos ORDER BY id");
        while (st.step())
            facts.repos.push_back({ st.int64(0), st.text(1) });
    }
    {
        auto st = db.prepare(
            std::string("SELECT c.id, c.repo_id, c.sha, c.authored_at, c.added_lines, c.ai_share, c.ai_lines "
                        "FROM commits c WHERE ")
            + kWindow + " ORDER BY c.id");
        bindWindow(st, fromMs, toMs);
        while (st.step())
            facts.commits.push_back(
                { st.int64(0), st.int64(1), st.text(2), st.int64(3), st.int64(4), st.real(5), st.int64(6) });
    }
    {
        auto st = db.prepare(std::string("SELECT h.id, h.repo_id, h.path, h.origin_commit_id, "
                                         "h.removing_commit_id, r.sha, h.lines, h.age_ms "
                                         "FROM churn h JOIN commits c ON c.id = h.origin_commit_id "
                                         "JOIN commits r ON r.id = h.removing_commit_id WHERE ")
                             + kWindow + " ORDER BY h.id");
        bindWindow(st, fromMs, toMs);
        while (st.step())
            facts.churn.push_back({ st.int64(0), st.int64(1), paths.get(st.textView(2)), st.int64(3),
                                    st.int64(4), st.text(5), st.int64(6), st.int64(7) });
    }
    {
        auto st = db.prepare(std::string("SELECT f.commit_id, f.path, f.added FROM commit_files f JOIN "
                                         "commits c ON c.id = f.commit_id WHERE ")
                             + kWindow + " ORDER BY f.commit_id, f.path");
        bindWindow(st, fromMs, toMs);
        while (st.step())
            facts.fileChanges.push_back({ st.int64(0), paths.get(st.textView(1)), st.int64(2) });
    }
    {
        auto st = db.prepare("SELECT repo_id, path, SUM(line_count) FROM line_spans GROUP BY repo_id, path "
                             "ORDER BY repo_id, path");
        while (st.step())
            facts.headFiles.push_back({ st.int64(0), paths.get(st.textView(1)), st.int64(2) });
    }
    return facts;
}

} // namespace faultline::store
