#pragma once

#include <QStringList>

namespace faultline::store {

class SqliteDatabase;

// What the filter bar offers: the services and environments the workspace's deployments name,
// sorted case-insensitively, without empty names.
struct FilterChoices
{
    QStringList services;
    QStringList environments;
};

FilterChoices loadFilterChoices(const SqliteDatabase& db);

} // namespace faultline::store
