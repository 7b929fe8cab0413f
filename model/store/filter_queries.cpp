#include "filter_queries.h"

#include "sqlite_database.h"

namespace faultline::store {

namespace {

QStringList distinctTexts(const SqliteDatabase& db, const char* sql)
{
    QStringList values;
    auto s = db.prepare(sql);
    while (s.step())
        values.append(s.text(0));
    return values;
}

} // namespace

FilterChoices loadFilterChoices(const SqliteDatabase& db)
{
    FilterChoices choices;
    choices.services = distinctTexts(db,
                                     "SELECT DISTINCT service FROM deployments WHERE service <> '' "
                                     "ORDER BY service COLLATE NOCASE, service");
    choices.environments = distinctTexts(db,
                                         "SELECT DISTINCT environment FROM deployments "
                                         "WHERE environment <> '' "
                                         "ORDER BY environment COLLATE NOCASE, environment");
    return choices;
}

} // namespace faultline::store
