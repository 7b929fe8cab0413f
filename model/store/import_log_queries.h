#pragma once

#include "store/import_batch.h"

#include <vector>

namespace faultline::store {

class SqliteDatabase;

// The warnings an import recorded (import_warnings), in the order it found them.
std::vector<ImportWarning> loadImportWarnings(const SqliteDatabase& db, qint64 importId);

} // namespace faultline::store
